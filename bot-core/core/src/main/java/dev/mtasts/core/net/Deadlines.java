package dev.mtasts.core.net;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The deadlines of network work in flight (a policy fetch's total time, a DNS lookup's backstop), kept by one daemon
 * thread for the whole process.
 *
 * <p>Not {@link CompletableFuture#orTimeout}: on JDK 25 that hands each deadline to the common pool's delay scheduler
 * and wakes its thread when the deadline is set and again when it is cancelled, which was 6 % of a bulk check's CPU
 * (nine lookups a domain). Here a deadline is a task in a delay queue, whose thread wakes only for the earliest
 * deadline; one met in time is taken out of the queue without waking it.
 */
public final class Deadlines {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private Deadlines() {}

    /** Runs {@code action} after {@code delay}, unless the returned future is cancelled first. */
    public static ScheduledFuture<?> after(Duration delay, Runnable action) {
        requireNonNull(action, "action is null");
        return TIMER.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * {@code future}, completed with a {@link TimeoutException} if it has not completed within {@code limit}; like
     * {@link CompletableFuture#orTimeout}.
     */
    public static <T> CompletableFuture<T> within(CompletableFuture<T> future, Duration limit) {
        requireNonNull(future, "future is null");
        if (future.isDone()) {
            return future;
        }
        ScheduledFuture<?> deadline = after(limit, () -> future.completeExceptionally(new TimeoutException()));
        future.whenComplete((result, error) -> deadline.cancel(false));
        return future;
    }

    /** Whether {@code deadline} is still waiting in the queue. */
    static boolean queued(ScheduledFuture<?> deadline) {
        return TIMER.getQueue().contains(deadline);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(
                1,
                runnable ->
                        Thread.ofPlatform().daemon().name("mtasts-deadlines").unstarted(runnable));
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }
}
