package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an RFC 8461 sender with no cached policy would conclude right now.
 *
 * @param outcome a valid policy applies, there is no policy, or the fetch failed
 * @param explanation plain-language reason, e.g. "Senders see no policy: two v=STSv1 records"
 * @param policy the fetched and parsed policy, when there is one
 * @param recordId the {@code id} of the one valid {@code v=STSv1} record, when there is one (even if the fetch fails)
 */
public record SenderView(Outcome outcome, String explanation, Optional<Policy> policy, Optional<String> recordId) {
    public SenderView {
        requireNonNull(outcome, "outcome is null");
        requireNonNull(explanation, "explanation is null");
        requireNonNull(policy, "policy is null");
        requireNonNull(recordId, "recordId is null");
    }

    /** A view whose record id is the policy's, or unknown when there is no policy. */
    public SenderView(Outcome outcome, String explanation, Optional<Policy> policy) {
        this(outcome, explanation, policy, policy.map(Policy::id));
    }

    public enum Outcome {
        VALID,
        NONE,
        FETCH_ERROR;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A fetched and parsed policy, as the JSON {@code policy} object shows it. */
    public record Policy(String id, String mode, long maxAge, List<String> mx) {
        public Policy {
            requireNonNull(id, "id is null");
            requireNonNull(mode, "mode is null");
            mx = List.copyOf(requireNonNull(mx, "mx is null"));
        }
    }
}
