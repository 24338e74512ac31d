package dev.mtasts.core.dispatch;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A request followed from a thread that may block (a chat adapter's job thread): the refusal, if it was refused at
 * once, then the events in order until the end. Made by {@link CheckDispatcher#follow}.
 */
public final class Following {
    private final LinkedBlockingQueue<CheckEvent> events = new LinkedBlockingQueue<>();
    private volatile Optional<CheckEvent> immediate = Optional.empty();

    Following() {}

    CheckListener listener() {
        return events::add;
    }

    void answered(Optional<CheckEvent> answer) {
        immediate = answer;
    }

    /** The {@link CheckEvent.Limited} or {@link CheckEvent.Busy} the request was refused with at once, if any. */
    public Optional<CheckEvent> refusal() {
        return immediate.filter(Following::isRefusal);
    }

    /**
     * Waits for the end ({@link CheckEvent.Finished}, {@link CheckEvent.Failed}, or a {@link CheckEvent.Busy} when
     * mtasts stops), telling {@code meanwhile} the {@link CheckEvent.Queued}, {@link CheckEvent.Started} and {@link
     * CheckEvent.Progress} events before it. A wait longer than {@code timeout} ends as {@link CheckEvent.Failed}.
     */
    public CheckEvent awaitEnd(CheckListener meanwhile, Duration timeout) {
        requireNonNull(meanwhile, "meanwhile is null");
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                CheckEvent event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
                if (event == null) {
                    return new CheckEvent.Failed("timeout");
                }
                switch (event) {
                    case CheckEvent.Queued queued -> meanwhile.on(queued);
                    case CheckEvent.Started started -> meanwhile.on(started);
                    case CheckEvent.Progress progress -> meanwhile.on(progress);
                    case CheckEvent.Finished finished -> {
                        return finished;
                    }
                    case CheckEvent.Failed failed -> {
                        return failed;
                    }
                    case CheckEvent.Busy busy -> {
                        return busy;
                    }
                    case CheckEvent.Limited limited -> {
                        return limited;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckEvent.Busy(0, true);
        }
    }

    static boolean isRefusal(CheckEvent event) {
        return event instanceof CheckEvent.Limited || event instanceof CheckEvent.Busy;
    }
}
