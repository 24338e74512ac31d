package dev.mtasts.core.chat;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckService.CheckDefinition;
import java.util.List;

/** Where a check shown in chat stands, for its live message. */
public sealed interface ChatProgress {
    String domain();

    /** The check is about to run (or wait in the queue): the report's message opens with every check pending. */
    record Starting(String domain, List<CheckDefinition> checks) implements ChatProgress {
        public Starting {
            checks = List.copyOf(checks);
        }
    }

    /** Waiting in the dispatcher's queue, {@code ahead} requests before it. */
    record Queued(String domain, int ahead) implements ChatProgress {}

    /** Running: the checks that finished so far, in the order they did. */
    record Running(String domain, List<CheckDefinition> checks, List<CheckReport> finished) implements ChatProgress {
        public Running {
            checks = List.copyOf(checks);
            finished = List.copyOf(finished);
        }
    }
}
