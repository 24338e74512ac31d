package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.CheckService;
import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.core.history.HistoryStoreException;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.spi.Observation;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks subscribed domains with the engine's {@link CheckService}, like any other front end, and condenses each
 * report with what the engine recorded of that run in the history (the MX hosts, the policy host's certificate).
 * Without a history store, or when the run's observation cannot be read, those changes go unnoticed until it can.
 */
public final class EngineDomainChecker implements DomainChecker {
    private static final Logger LOG = LoggerFactory.getLogger(EngineDomainChecker.class);
    /** How many recent observations are searched for the one of a run (other front ends may check meanwhile). */
    private static final int RECENT = 20;

    private final CheckService checks;
    private final HistoryStore history;

    @Inject
    public EngineDomainChecker(CheckService checks, HistoryStore history) {
        this.checks = requireNonNull(checks, "checks is null");
        this.history = requireNonNull(history, "history is null");
    }

    @Override
    public Report check(String domain, ProgressListener progress) {
        requireNonNull(domain, "domain is null");
        requireNonNull(progress, "progress is null");
        DomainInput.Valid input =
                switch (DomainInput.parse(domain)) {
                    case DomainInput.Valid valid -> valid;
                    case DomainInput.Invalid invalid ->
                        throw new IllegalArgumentException("stored domain is not valid: " + invalid.reason());
                };
        return checks.check(input, progress);
    }

    @Override
    public DomainState state(Report report) {
        requireNonNull(report, "report is null");
        return DomainStates.of(
                report, observation(report).map(observation -> DomainStates.observed(report.domain(), observation)));
    }

    /** The history's observation of this very run: the one checked at the report's time (kept to the microsecond). */
    private Optional<Observation> observation(Report report) {
        Instant checkedAt = report.checkedAt().truncatedTo(ChronoUnit.MICROS);
        try {
            return history.recent(report.domain(), RECENT).stream()
                    .filter(observation -> observation
                            .checkedAt()
                            .truncatedTo(ChronoUnit.MICROS)
                            .equals(checkedAt))
                    .findFirst();
        } catch (HistoryStoreException e) {
            LOG.warn("could not read the observation of {}; MX and certificate changes wait", report.domain(), e);
            return Optional.empty();
        }
    }
}
