package dev.mtasts.adapter.slack;

import dev.mtasts.core.CheckService;
import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import dev.mtasts.core.input.DomainInput;
import java.util.List;

/**
 * What the Slack adapter needs of the engine: {@link CheckService}'s two methods, behind an interface so that the
 * adapter's tests can use a hand-written fake. Production binds {@link EngineDomainChecker}.
 */
public interface DomainChecker {
    /** The checks every report lists, in order, for the progress display. */
    List<CheckService.CheckDefinition> checks();

    /** Checks one domain, telling {@code progress} as each check finishes. Blocks until the report is complete. */
    Report check(DomainInput.Valid domain, ProgressListener progress);
}
