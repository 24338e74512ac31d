package dev.mtasts.tlsrpt;

import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.Observation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What readiness needs to know about a domain's policy, from a live check or the latest stored observation.
 *
 * @param mode {@code testing}, {@code enforce} or {@code none}
 * @param mxPatterns the policy's {@code mx} lines
 * @param maxAge the policy's {@code max_age}, when known
 * @param modeSince the first observation of the current mode after an observation of another mode; empty when the
 *     history does not show the switch
 * @param observedAt when the policy was seen
 */
public record PolicyFacts(
        String mode, List<String> mxPatterns, Optional<Long> maxAge, Optional<Instant> modeSince, Instant observedAt) {
    public PolicyFacts {
        requireNonNull(mode, "mode is null");
        mxPatterns = List.copyOf(requireNonNull(mxPatterns, "mxPatterns is null"));
        requireNonNull(maxAge, "maxAge is null");
        requireNonNull(modeSince, "modeSince is null");
        requireNonNull(observedAt, "observedAt is null");
    }

    /**
     * The facts from a domain's observations, oldest first: the latest observation with a valid policy, and since when
     * its mode has been observed without a break (known only when an earlier observation saw another mode). Empty when no observation saw a valid policy.
     */
    public static Optional<PolicyFacts> fromTimeline(List<Observation> timeline) {
        requireNonNull(timeline, "timeline is null");
        for (int index = timeline.size() - 1; index >= 0; index--) {
            Observation latest = timeline.get(index);
            if (latest.mode().isEmpty()) {
                continue;
            }
            String mode = latest.mode().get();
            Instant since = latest.checkedAt();
            boolean switched = false;
            for (int earlier = index - 1; earlier >= 0; earlier--) {
                Optional<String> before = timeline.get(earlier).mode();
                if (before.isEmpty()) {
                    continue; // a failed fetch says nothing about the mode
                }
                if (!before.get().equals(mode)) {
                    switched = true;
                    break;
                }
                since = timeline.get(earlier).checkedAt();
            }
            return Optional.of(new PolicyFacts(
                    mode,
                    latest.mxPatterns(),
                    latest.maxAge(),
                    switched ? Optional.of(since) : Optional.empty(),
                    latest.checkedAt()));
        }
        return Optional.empty();
    }
}
