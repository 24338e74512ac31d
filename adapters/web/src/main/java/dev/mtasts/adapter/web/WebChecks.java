package dev.mtasts.adapter.web;

import dev.mtasts.core.CheckStatus;
import dev.mtasts.core.Report;
import java.time.Duration;

/**
 * What the web front end needs from the check machinery, backed by {@link DispatchedWebChecks}: the shared dispatcher
 * (queue, coalescing, result cache, rate limits per client address). {@code submit} returns after the final event.
 */
public interface WebChecks {
    /**
     * Starts a check of what a person typed and reports to {@code listener} until one terminal event ({@link
     * Event.Finished}, {@link Event.Limited}, {@link Event.Busy} or {@link Event.Invalid}). May call back on any
     * thread.
     */
    void submit(String domainInput, String clientAddress, boolean bypassCache, Listener listener);

    @FunctionalInterface
    interface Listener {
        void on(Event event);
    }

    sealed interface Event {
        /** Waiting in line behind {@code ahead} other checks; 0 once the check runs. */
        record Queued(int ahead) implements Event {}

        /** One check of the domain finished. */
        record Progress(String checkId, String title, CheckStatus status, int done, int total) implements Event {}

        record Finished(Report report) implements Event {}

        /** This client (or the web as a whole) asked too often; try again after {@code retryAfter}. */
        record Limited(Duration retryAfter) implements Event {}

        /** The queue is full, mtasts is stopping, or the check failed unexpectedly. */
        record Busy() implements Event {}

        /** The input is not a domain; {@code message} says why (untrusted text: escape it). */
        record Invalid(String message) implements Event {}
    }
}
