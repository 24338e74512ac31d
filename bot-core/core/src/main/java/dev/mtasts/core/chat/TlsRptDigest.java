package dev.mtasts.core.chat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A domain's TLS-RPT reports (RFC 8460) summed up for chat: sessions, failures by result type and by MX, the sending
 * organisations, and whether the domain is safe to move from {@code testing} to {@code enforce}. Organisation names,
 * result types, MX hosts and reasons come from reports strangers send: platforms escape every one of them.
 *
 * @param failures failed sessions per result type, most first
 * @param byMx sessions per MX host; {@code *} collects sessions a report did not attribute to one MX
 */
public record TlsRptDigest(
        String domain,
        LocalDate from,
        LocalDate to,
        int reports,
        List<String> organizations,
        long successful,
        long failed,
        List<Failures> failures,
        List<MxSessions> byMx,
        Optional<Instant> lastReceived,
        Verdict verdict) {
    /** The MX of sessions a report did not attribute to a single MX host. */
    public static final String ANY_MX = "*";

    public TlsRptDigest {
        organizations = List.copyOf(organizations);
        failures = List.copyOf(failures);
        byMx = List.copyOf(byMx);
    }

    public record Failures(String resultType, long count) {}

    public record MxSessions(String mx, long successful, long failed) {}

    /** "Safe to enforce?" */
    public sealed interface Verdict {
        /** One line per reason: what blocks the move, or why it is safe. */
        List<String> reasons();

        /** A {@code testing} domain safe to enforce: the exact policy change, the new id and the record to publish. */
        record Ready(String newId, String policyChange, String record, List<String> reasons) implements Verdict {
            public Ready {
                reasons = List.copyOf(reasons);
            }
        }

        /** Not (yet) safe, or not known. */
        record Blocked(List<String> reasons) implements Verdict {
            public Blocked {
                reasons = List.copyOf(reasons);
            }
        }

        /** Already in {@code enforce}: the sessions since the switch. */
        record Enforcing(long successful, long failed, List<String> reasons) implements Verdict {
            public Enforcing {
                reasons = List.copyOf(reasons);
            }
        }
    }

    /** Failed sessions as a percentage of all, "0.40 %"; "no sessions" without any. */
    public String failureShare() {
        long total = successful + failed;
        if (total == 0) {
            return "no sessions";
        }
        return String.format(java.util.Locale.ROOT, "%.2f %%", 100.0 * failed / total);
    }
}
