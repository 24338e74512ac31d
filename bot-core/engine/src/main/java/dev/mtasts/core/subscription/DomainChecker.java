package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;

/** Checks one subscribed domain: the seam between subscriptions and the engine (tests put a fake here). */
public interface DomainChecker {
    /**
     * Checks {@code domain} (an A-label as stored) and condenses the result. Never throws for problems of the
     * domain: those are in the report.
     */
    CheckedDomain check(String domain, ProgressListener progress);

    default CheckedDomain check(String domain) {
        return check(domain, ProgressListener.NONE);
    }

    /** A check's report and its condensed state. */
    record CheckedDomain(Report report, DomainState state) {
        public CheckedDomain {
            requireNonNull(report, "report is null");
            requireNonNull(state, "state is null");
        }
    }
}
