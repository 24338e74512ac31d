package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A due domain claimed by one scheduler instance until {@code leaseUntil}. Only the holder of the current token can
 * complete the check; once the lease runs out another instance may claim the domain, and the late holder's
 * completion is refused.
 *
 * @param token unique per claim
 * @param run how many checks of the domain have completed; the completion of this one is run {@code run + 1}
 * @param state what subscribers were last told, empty before the baseline
 * @param unconfirmed the previous check saw changes that need confirming by this one
 */
public record DomainLease(
        String domain,
        String owner,
        String token,
        Instant leaseUntil,
        long run,
        Optional<DomainState> state,
        boolean unconfirmed) {
    public DomainLease {
        requireNonNull(domain, "domain is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(token, "token is null");
        requireNonNull(leaseUntil, "leaseUntil is null");
        requireNonNull(state, "state is null");
        if (run < 0) {
            throw new IllegalArgumentException("run is negative: " + run);
        }
    }
}
