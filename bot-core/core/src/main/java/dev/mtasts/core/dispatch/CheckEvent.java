package dev.mtasts.core.dispatch;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.Report;
import java.time.Duration;

/**
 * What a {@link CheckListener} is told about one request, in order: at most one refusal ({@link Limited}, {@link
 * Busy}), or any number of {@link Queued} while waiting, {@link Started}, {@link Progress} per finished check, and
 * exactly one end ({@link Finished} or {@link Failed}).
 */
public sealed interface CheckEvent {
    /** Waiting for a free slot; {@code ahead} requests start before this one (0: next). Told again as it moves. */
    record Queued(int ahead) implements CheckEvent {}

    /** The check began (or the request joined a check of the same domain that had begun). */
    record Started(int totalChecks) implements CheckEvent {}

    /** One check finished; {@code done} of {@code total}. */
    record Progress(CheckReport check, int done, int total) implements CheckEvent {}

    /** The report; {@code cached} when it came from a check finished less than the cache's lifetime ago. */
    record Finished(Report report, boolean cached) implements CheckEvent {}

    /** Refused by a rate limit: try again after {@code retryAfter}. {@code reason} is a sentence for the user. */
    record Limited(Duration retryAfter, String reason) implements CheckEvent {}

    /** Refused because the queue is full ({@code capacity} requests wait already), or mtasts is stopping. */
    record Busy(int capacity, boolean stopping) implements CheckEvent {}

    /** The check failed unexpectedly (a bug, not the domain's fault); {@code reference} is in the log with details. */
    record Failed(String reference) implements CheckEvent {}
}
