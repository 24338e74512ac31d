package dev.mtasts.core.subscription;

import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;

/** Checks one subscribed domain: the seam between subscriptions and the engine (tests put a fake here). */
public interface DomainChecker {
    /**
     * Checks {@code domain} (an A-label as stored). Never throws for problems of the domain: those are in the
     * report.
     */
    Report check(String domain, ProgressListener progress);

    /**
     * Condenses a report of this checker into the state change detection compares, with what the engine observed
     * of the raw lookups when it kept that. Called right after {@link #check}, or on a front end's own report of the
     * domain (a subscription's baseline).
     */
    default DomainState state(Report report) {
        return DomainStates.of(report);
    }
}
