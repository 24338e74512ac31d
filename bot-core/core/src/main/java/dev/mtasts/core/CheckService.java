package dev.mtasts.core;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.history.Timeline;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.internal.CheckRunner;
import dev.mtasts.core.logging.CheckLogContext;
import jakarta.inject.Inject;
import java.util.List;

/** The one entry point front ends call to check a domain. Synchronous; front ends own their asynchrony. */
public final class CheckService {
    private final CheckRunner runner;

    @Inject
    public CheckService(CheckRunner runner) {
        this.runner = requireNonNull(runner, "runner is null");
    }

    /** The checks every report lists, in order, as (id, title) for progress displays. */
    public List<CheckDefinition> checks() {
        return runner.checks().stream()
                .map(check -> new CheckDefinition(check.id(), check.title()))
                .toList();
    }

    public Report check(DomainInput.Valid input) {
        return check(input, ProgressListener.NONE);
    }

    public Report check(DomainInput.Valid input, ProgressListener progress) {
        requireNonNull(input, "input is null");
        return CheckLogContext.check(input.domain(), () -> runner.run(input.domain(), input.input(), progress));
    }

    /**
     * The domain's history as what changed when, from every observation the store keeps (whichever front end made
     * them). Throws {@link dev.mtasts.core.history.HistoryStoreException} when the store cannot be read.
     */
    public Timeline timeline(DomainInput.Valid input) {
        requireNonNull(input, "input is null");
        return Timeline.of(input.domain(), runner.history().timeline(input.domain()));
    }

    /** Where history is kept, for messages; never contains a password. */
    public String historyDescription() {
        return runner.history().describe();
    }

    /** A check's id and title, without the check. */
    public record CheckDefinition(String id, String title) {
        public CheckDefinition {
            requireNonNull(id, "id is null");
            requireNonNull(title, "title is null");
        }
    }
}
