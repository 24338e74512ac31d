package dev.mtasts.launcher;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT, handled while the JVM still runs. Left to the JVM, a signal starts every shutdown hook at once:
 * dnsjava closes its network I/O and H2 closes the database from their own hooks, under checks that were promised a
 * grace period, which then report a DNS failure or lose their history. Handling the signal instead lets {@code serve}
 * stop its parts in order first; the JVM's hooks run only when it exits afterwards.
 */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {}

    /** Runs {@code action} (once per signal) on SIGTERM and SIGINT; where a signal cannot be handled, says so. */
    static void onTermination(Runnable action) {
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.info("SIG{} received: stopping", name);
                    action.run();
                });
            } catch (IllegalArgumentException e) {
                // Taken by the JVM (e.g. -Xrs) or unknown here: the shutdown hook still stops the parts.
                LOG.warn("cannot handle SIG{} ({}); relying on the shutdown hook", name, e.getMessage());
            }
        }
    }
}
