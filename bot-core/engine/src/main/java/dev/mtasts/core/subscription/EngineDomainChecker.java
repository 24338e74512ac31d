package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.CheckService;
import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import dev.mtasts.core.input.DomainInput;
import jakarta.inject.Inject;

/** Checks subscribed domains with the engine's {@link CheckService}, like any other front end. */
public final class EngineDomainChecker implements DomainChecker {
    private final CheckService checks;

    @Inject
    public EngineDomainChecker(CheckService checks) {
        this.checks = requireNonNull(checks, "checks is null");
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
}
