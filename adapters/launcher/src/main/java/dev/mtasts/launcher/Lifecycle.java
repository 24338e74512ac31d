package dev.mtasts.launcher;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of {@code mtasts serve}, started in the order added and stopped in reverse. A part that fails to stop is
 * logged and the others still stop, so a front end that hangs up badly never keeps the store open (after airlift's
 * {@code LifeCycleManager}). A part that fails to start stops the parts already started.
 */
final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    /** Something that starts and stops. */
    interface Part {
        void start() throws Exception;

        void stop() throws Exception;
    }

    private record Named(String name, Part part) {}

    private final List<Named> parts = new ArrayList<>();
    private final List<Named> started = new ArrayList<>();
    private boolean stopped;

    /** Adds a part to start after the ones added before. */
    synchronized Lifecycle add(String name, Part part) {
        parts.add(new Named(requireNonNull(name, "name is null"), requireNonNull(part, "part is null")));
        return this;
    }

    /** Adds a part with nothing to start, only to stop. */
    synchronized Lifecycle onStop(String name, Runnable stop) {
        requireNonNull(stop, "stop is null");
        return add(name, new Part() {
            @Override
            public void start() {}

            @Override
            public void stop() {
                stop.run();
            }
        });
    }

    /** Starts every part in order; when one fails, stops those started (in reverse) and throws its failure. */
    synchronized void start() throws Exception {
        for (Named named : parts) {
            try {
                named.part().start();
            } catch (Exception e) {
                LOG.error("{} did not start; stopping what did", named.name(), e);
                stop();
                throw e;
            }
            started.add(named);
            LOG.debug("{} started", named.name());
        }
    }

    /**
     * Stops the started parts in reverse order, each even when an earlier stop failed; returns the failures (also
     * logged). Stopping twice does nothing the second time.
     */
    synchronized List<Exception> stop() {
        if (stopped) {
            return List.of();
        }
        stopped = true;
        List<Exception> failures = new ArrayList<>();
        for (Named named : started.reversed()) {
            try {
                LOG.info("stopping {}", named.name());
                named.part().stop();
                LOG.info("stopped {}", named.name());
            } catch (Exception e) {
                LOG.warn("{} did not stop cleanly", named.name(), e);
                failures.add(e);
            }
        }
        return List.copyOf(failures);
    }
}
