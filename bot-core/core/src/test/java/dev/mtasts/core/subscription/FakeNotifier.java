package dev.mtasts.core.subscription;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Records every delivery attempt; answers {@code Delivered} unless a test queued other results. */
final class FakeNotifier implements Notifier {
    private final Platform platform;
    private final List<Posted> attempts = new CopyOnWriteArrayList<>();
    private final Deque<DeliveryResult> queued = new ArrayDeque<>();
    private volatile Function<ChannelRef, DeliveryResult> byChannel = channel -> DeliveryResult.delivered();

    record Posted(ChannelRef channel, Notification notification, DeliveryAttempt attempt, DeliveryResult result) {}

    FakeNotifier(Platform platform) {
        this.platform = platform;
    }

    synchronized void queue(DeliveryResult... results) {
        queued.addAll(List.of(results));
    }

    void answer(Function<ChannelRef, DeliveryResult> answer) {
        byChannel = answer;
    }

    List<Posted> attempts() {
        return List.copyOf(attempts);
    }

    /** The attempts that delivered. */
    List<Posted> delivered() {
        return attempts.stream()
                .filter(posted -> posted.result() instanceof DeliveryResult.Delivered)
                .toList();
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public DeliveryResult deliver(ChannelRef channel, Notification notification, DeliveryAttempt attempt) {
        DeliveryResult result;
        synchronized (this) {
            result = queued.isEmpty() ? byChannel.apply(channel) : queued.poll();
        }
        attempts.add(new Posted(channel, notification, attempt, result));
        return result;
    }
}
