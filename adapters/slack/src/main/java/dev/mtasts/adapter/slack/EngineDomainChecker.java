package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.CheckService;
import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import dev.mtasts.core.input.DomainInput;
import jakarta.inject.Inject;
import java.util.List;

/** {@link DomainChecker} on the engine's {@link CheckService}, the one entry point for checking a domain. */
public final class EngineDomainChecker implements DomainChecker {
    private final CheckService service;

    @Inject
    public EngineDomainChecker(CheckService service) {
        this.service = requireNonNull(service, "service is null");
    }

    @Override
    public List<CheckService.CheckDefinition> checks() {
        return service.checks();
    }

    @Override
    public Report check(DomainInput.Valid domain, ProgressListener progress) {
        return service.check(domain, progress);
    }
}
