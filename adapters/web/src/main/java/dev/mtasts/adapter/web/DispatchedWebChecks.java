package dev.mtasts.adapter.web;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.dispatch.CheckDispatcher;
import dev.mtasts.core.dispatch.CheckEvent;
import dev.mtasts.core.dispatch.CheckRequest;
import dev.mtasts.core.dispatch.Origin;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.metrics.Metrics;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web front end over the shared {@link CheckDispatcher}: the same queue, coalescing, result cache and rate limits
 * as Slack and Discord. Each client address is one requester; the web is one place, so the per-place allowance is
 * what all web users share.
 */
public final class DispatchedWebChecks implements WebChecks {
    /** The front-end name rate limits and metrics are kept under. */
    public static final String FRONT_END = "web";

    private static final Logger LOG = LoggerFactory.getLogger(DispatchedWebChecks.class);

    private final CheckDispatcher dispatcher;
    private final Metrics metrics;
    private final Duration longestWait;

    /**
     * @param longestWait how long a request may wait for its report (queue and check together) before it is answered
     *     as busy
     */
    public DispatchedWebChecks(CheckDispatcher dispatcher, Metrics metrics, Duration longestWait) {
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.longestWait = requireNonNull(longestWait, "longestWait is null");
    }

    @Override
    public void submit(String domainInput, String clientAddress, boolean bypassCache, Listener listener) {
        requireNonNull(listener, "listener is null");
        DomainInput.Valid valid;
        switch (DomainInput.parse(domainInput == null ? "" : domainInput)) {
            case DomainInput.Invalid invalid -> {
                listener.on(new Event.Invalid(invalid.reason()));
                return;
            }
            case DomainInput.Valid ok -> valid = ok;
        }
        metrics.adapterEvent(FRONT_END, "check");
        Origin origin = new Origin(FRONT_END, clientAddress, FRONT_END, Origin.Visibility.PUBLIC);
        CheckEvent end = dispatcher
                .follow(new CheckRequest(origin, valid, bypassCache))
                .awaitEnd(event -> relay(event, listener), longestWait);
        switch (end) {
            case CheckEvent.Finished finished -> listener.on(new Event.Finished(finished.report()));
            case CheckEvent.Limited limited -> listener.on(new Event.Limited(limited.retryAfter()));
            case CheckEvent.Busy busy -> listener.on(new Event.Busy());
            case CheckEvent.Failed failed -> {
                LOG.warn("web check of {} failed (reference {})", valid.domain(), failed.reference());
                listener.on(new Event.Busy());
            }
            case CheckEvent.Queued queued -> listener.on(new Event.Busy());
            case CheckEvent.Started started -> listener.on(new Event.Busy());
            case CheckEvent.Progress progress -> listener.on(new Event.Busy());
        }
    }

    /** Relays what happens before the end: the queue position, then each finished check. */
    private static void relay(CheckEvent event, Listener listener) {
        switch (event) {
            case CheckEvent.Queued queued -> listener.on(new Event.Queued(queued.ahead()));
            case CheckEvent.Started started -> listener.on(new Event.Queued(0)); // the page: "Checking …"
            case CheckEvent.Progress progress ->
                listener.on(new Event.Progress(
                        progress.check().id(),
                        progress.check().title(),
                        progress.check().status(),
                        progress.done(),
                        progress.total()));
            case CheckEvent.Finished finished -> {}
            case CheckEvent.Limited limited -> {}
            case CheckEvent.Busy busy -> {}
            case CheckEvent.Failed failed -> {}
        }
    }
}
