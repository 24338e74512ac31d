package dev.mtasts.core.chat;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.Report;
import java.util.List;

/** How a check shown in chat ended. */
public sealed interface ChatFinish {
    /**
     * The report, for the message that showed the progress.
     *
     * @param followed whether this channel follows the domain (the report offers Unsubscribe rather than Subscribe)
     * @param recheck whether the user pressed Re-check (the thread says who did)
     * @param problems the checks whose fixes go in the report's thread, worst first
     */
    record Reported(Report report, boolean followed, boolean recheck, List<CheckReport> problems)
            implements ChatFinish {
        public Reported {
            problems = List.copyOf(problems);
        }
    }

    /** No report: the check failed, timed out, or was turned away after it was queued; {@code reason} says which. */
    record Failed(String domain, String reason) implements ChatFinish {}
}
