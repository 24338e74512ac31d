package dev.mtasts.core.dispatch;

import dev.mtasts.core.CheckService;
import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import dev.mtasts.core.history.Timeline;
import dev.mtasts.core.input.DomainInput;
import java.util.List;

/** What the dispatcher runs: the engine's {@link CheckService}, or a fake in tests. */
public interface DomainRunner {
    List<CheckService.CheckDefinition> checks();

    Report check(DomainInput.Valid domain, ProgressListener progress);

    /** The domain's history; none unless the engine keeps one. */
    default Timeline timeline(DomainInput.Valid domain) {
        return Timeline.of(domain.domain(), List.of());
    }

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

            @Override
            public Timeline timeline(DomainInput.Valid domain) {
                return service.timeline(domain);
            }
        };
    }
}
