package dev.mtasts.core.frontend;

/**
 * A long-lived front end that {@code mtasts serve} starts and stops: the Slack and Discord adapters. Adapters
 * contribute instances through a Guice {@code Multibinder<FrontEnd>}.
 */
public interface FrontEnd {
    /** A short name for logs and {@code /healthz}, e.g. {@code slack}. */
    String name();

    /** Starts the front end; returns once it is running (connections may complete in the background). */
    void start() throws Exception;

    /** Whether the front end is healthy right now (connected, or able to serve). */
    boolean healthy();

    /** Stops the front end, releasing threads and connections. */
    void stop();
}
