package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.slack.api.model.block.LayoutBlock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers Slack calls one lane at a time, so that no reply is lost in a burst: one lane per channel (and per user
 * for App Home), first in first out, at least {@code interval} apart (Slack allows about one message per second per
 * channel). A 429 holds the whole lane for its {@code Retry-After} and then retries the same call; a call that got no
 * answer is retried with back-off. Updates of one message coalesce: a pending {@code chat.update} of the same
 * message is replaced by the newer one in place, so live progress never piles up behind a slow channel.
 */
public final class ChannelOutbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelOutbox.class);

    /** Attempts per call before its result is given up on (429s and no-answers only; errors are final at once). */
    static final int MAX_ATTEMPTS = 10;

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final SlackWeb web;
    private final long intervalNanos;
    private final Object lock = new Object();
    private final Map<String, Lane> lanes = new HashMap<>();
    private final Set<Thread> workers = new HashSet<>();
    private boolean closed;

    public ChannelOutbox(SlackWeb web, Duration interval) {
        this.web = requireNonNull(web, "web is null");
        requireNonNull(interval, "interval is null");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval is negative");
        }
        this.intervalNanos = interval.toNanos();
    }

    /** {@code chat.postMessage} to {@code channelId}, in the thread {@code threadTs} when given. */
    public CompletableFuture<SlackResult> post(String channelId, Optional<String> threadTs, SlackMessage message) {
        requireNonNull(threadTs, "threadTs is null");
        requireNonNull(message, "message is null");
        return enqueue(channelId, Optional.empty(), () -> web.postMessage(channelId, threadTs, message));
    }

    /** A subscription notification ({@link SlackWeb#postNotification}), in the channel's lane. */
    public CompletableFuture<SlackResult> postNotification(
            String channelId, SlackMessage message, String idempotencyKey) {
        requireNonNull(message, "message is null");
        requireNonNull(idempotencyKey, "idempotencyKey is null");
        return enqueue(channelId, Optional.empty(), () -> web.postNotification(channelId, message, idempotencyKey));
    }

    /** {@code chat.update}; replaces a still-pending update of the same message. */
    public CompletableFuture<SlackResult> update(String channelId, String ts, SlackMessage message) {
        requireNonNull(ts, "ts is null");
        requireNonNull(message, "message is null");
        return enqueue(channelId, Optional.of("update:" + ts), () -> web.update(channelId, ts, message));
    }

    /** A response-URL post, in the channel's lane so that it keeps its order with the channel's other messages. */
    public CompletableFuture<SlackResult> respond(String channelId, String responseUrl, ResponseMessage message) {
        requireNonNull(responseUrl, "responseUrl is null");
        requireNonNull(message, "message is null");
        return enqueue(channelId, Optional.empty(), () -> web.respond(responseUrl, message));
    }

    /** {@code views.publish} of a user's Home tab; a newer view replaces a pending one. */
    /** The conversations {@code userId} is in, asked of Slack at once (not queued: it posts nothing). */
    public Optional<java.util.Set<String>> channelsOf(String userId) {
        return web.channelsOf(requireNonNull(userId, "userId is null"));
    }

    public CompletableFuture<SlackResult> publishHome(String userId, List<LayoutBlock> blocks) {
        requireNonNull(blocks, "blocks is null");
        List<LayoutBlock> copy = List.copyOf(blocks);
        return enqueue("home:" + userId, Optional.of("home"), () -> web.publishHome(userId, copy));
    }

    private CompletableFuture<SlackResult> enqueue(
            String laneKey, Optional<String> coalesce, Supplier<SlackResult> call) {
        requireNonNull(laneKey, "laneKey is null");
        CompletableFuture<SlackResult> future = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                future.complete(new SlackResult.Unreachable("the Slack front end is stopping"));
                return future;
            }
            Lane lane = lanes.computeIfAbsent(laneKey, key -> new Lane());
            if (coalesce.isPresent()) {
                for (Task pending : lane.queue) {
                    if (pending.coalesce.equals(coalesce)) {
                        pending.call = call;
                        pending.futures.add(future);
                        return future;
                    }
                }
            }
            Task task = new Task(coalesce, call);
            task.futures.add(future);
            lane.queue.addLast(task);
            if (!lane.running) {
                lane.running = true;
                Thread worker =
                        Thread.ofVirtual().name("slack-outbox-" + laneKey).unstarted(() -> drain(laneKey, lane));
                workers.add(worker);
                worker.start();
            }
        }
        return future;
    }

    private void drain(String laneKey, Lane lane) {
        Task current = null;
        try {
            while (true) {
                Task task;
                synchronized (lock) {
                    task = lane.queue.pollFirst();
                    if (task == null && (closed || System.nanoTime() - lane.nextAllowed >= 0)) {
                        lane.running = false;
                        lanes.remove(laneKey, lane);
                        return;
                    }
                }
                if (task == null) {
                    // Stay a little so that a message arriving now still keeps its distance from the last one.
                    sleepUntil(lane.nextAllowed);
                    continue;
                }
                current = task;
                complete(task, deliver(laneKey, lane, task));
                current = null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (current != null) {
                complete(current, new SlackResult.Unreachable("the Slack front end stopped"));
            }
            failPending(laneKey, lane);
        } finally {
            synchronized (lock) {
                workers.remove(Thread.currentThread());
            }
        }
    }

    private SlackResult deliver(String laneKey, Lane lane, Task task) throws InterruptedException {
        SlackResult result = new SlackResult.Unreachable("not attempted");
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            sleepUntil(lane.nextAllowed);
            Supplier<SlackResult> call;
            synchronized (lock) {
                call = task.call;
            }
            try {
                result = call.get();
            } catch (RuntimeException e) {
                LOG.error("Slack call in lane {} failed", laneKey, e);
                result = new SlackResult.Failed("internal_error");
            }
            lane.nextAllowed = System.nanoTime() + intervalNanos;
            switch (result) {
                case SlackResult.RateLimited limited -> {
                    LOG.info(
                            "Slack rate limit in lane {}: waiting {} s (attempt {})",
                            laneKey,
                            limited.retryAfter().toSeconds(),
                            attempt);
                    lane.nextAllowed =
                            System.nanoTime() + Math.max(limited.retryAfter().toNanos(), intervalNanos);
                }
                case SlackResult.Unreachable unreachable -> {
                    Duration backoff =
                            Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(attempt, 10)));
                    LOG.warn(
                            "Slack unreachable in lane {} ({}): retrying in {} ms",
                            laneKey,
                            unreachable.detail(),
                            backoff.toMillis());
                    lane.nextAllowed = System.nanoTime() + Math.max(backoff.toNanos(), intervalNanos);
                }
                case SlackResult.Ok ok -> {
                    return result;
                }
                case SlackResult.Failed failed -> {
                    return result;
                }
            }
            synchronized (lock) {
                if (closed) {
                    // not delivered, and no retry will come: the caller learns the front end stopped
                    return new SlackResult.Unreachable("the Slack front end stopped before a retry");
                }
            }
        }
        LOG.error("Slack call in lane {} given up after {} attempts: {}", laneKey, MAX_ATTEMPTS, result.describe());
        return result;
    }

    private void complete(Task task, SlackResult result) {
        List<CompletableFuture<SlackResult>> futures;
        synchronized (lock) {
            futures = new ArrayList<>(task.futures);
        }
        futures.forEach(future -> future.complete(result));
    }

    private void failPending(String laneKey, Lane lane) {
        List<CompletableFuture<SlackResult>> futures = new ArrayList<>();
        synchronized (lock) {
            lane.queue.forEach(task -> futures.addAll(task.futures));
            lane.queue.clear();
            lane.running = false;
            lanes.remove(laneKey, lane);
        }
        futures.forEach(future -> future.complete(new SlackResult.Unreachable("the Slack front end stopped")));
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }

    /** Stops delivering: pending calls complete as {@link SlackResult.Unreachable}. */
    @Override
    public void close() {
        List<Thread> running;
        synchronized (lock) {
            closed = true;
            running = List.copyOf(workers);
        }
        running.forEach(Thread::interrupt);
    }

    private static final class Lane {
        final Deque<Task> queue = new ArrayDeque<>();
        boolean running;
        volatile long nextAllowed = System.nanoTime();
    }

    private static final class Task {
        final Optional<String> coalesce;
        final List<CompletableFuture<SlackResult>> futures = new ArrayList<>();
        Supplier<SlackResult> call;

        Task(Optional<String> coalesce, Supplier<SlackResult> call) {
            this.coalesce = coalesce;
            this.call = call;
        }
    }
}
