package dev.mtasts.core.dispatch;

import dev.mtasts.core.CheckService;
import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import dev.mtasts.core.input.DomainInput;
import java.util.List;

/** What the dispatcher runs: the engine's {@link CheckService}, or a fake in tests. */
public interface DomainRunner {
    List<CheckService.CheckDefinition> checks();

    Report check(DomainInput.Valid domain, ProgressListener progress);

    static DomainRunner of(CheckService service) {
        return new DomainRunner() {
            @Override
            public List<CheckService.CheckDefinition> checks() {
                return service.checks();
            }

            @Override
            public Report check(DomainInput.Valid domain, ProgressListener progress) {
                return service.check(domain, progress);
            }
        };
    }
}
