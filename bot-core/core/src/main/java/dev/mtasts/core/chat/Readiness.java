package dev.mtasts.core.chat;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a domain is safe to move from {@code testing} to {@code enforce}, as the TLS-RPT module decides from the
 * reports and the latest check; "safe to enforce?" in chat, the CLI and the JSON.
 */
public sealed interface Readiness {
    /** Whether the domain can be (or already is) in {@code enforce}. */
    boolean ready();

    /** One line per reason: what blocks the move, or why it is safe (what to change is in {@link Ready}). */
    List<String> reasons();

    /**
     * A {@code testing} domain whose reports show it is safe to enforce.
     *
     * @param newId the {@code id} to publish with the changed policy
     * @param policyChange the exact change to the policy file
     * @param record the {@code _mta-sts} TXT record to publish after the policy changed
     */
    record Ready(String newId, String policyChange, String record, List<String> reasons) implements Readiness {
        public Ready {
            requireNonNull(newId, "newId is null");
            requireNonNull(policyChange, "policyChange is null");
            requireNonNull(record, "record is null");
            reasons = List.copyOf(requireNonNull(reasons, "reasons is null"));
        }

        @Override
        public boolean ready() {
            return true;
        }
    }

    /** Not (yet) safe to enforce, or not known: {@code reasons} lists what blocks it. */
    record Blocked(List<String> reasons) implements Readiness {
        public Blocked {
            reasons = List.copyOf(requireNonNull(reasons, "reasons is null"));
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a blocked verdict needs a reason");
            }
        }

        @Override
        public boolean ready() {
            return false;
        }
    }

    /**
     * Already in {@code enforce}: the failure rate since the switch (or over the reports at hand when the switch is not
     * in the history).
     */
    record Enforcing(Optional<Instant> since, long successful, long failed, List<String> reasons) implements Readiness {
        public Enforcing {
            requireNonNull(since, "since is null");
            reasons = List.copyOf(requireNonNull(reasons, "reasons is null"));
        }

        @Override
        public boolean ready() {
            return true;
        }

        /** Failed sessions over all sessions; 0 without sessions. */
        public double failureRate() {
            long total = successful + failed;
            return total == 0 ? 0 : (double) failed / total;
        }
    }
}
