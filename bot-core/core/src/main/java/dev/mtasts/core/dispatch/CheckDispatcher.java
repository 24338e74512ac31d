package dev.mtasts.core.dispatch;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.CheckService;
import dev.mtasts.core.Report;
import dev.mtasts.core.metrics.Metrics;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way every front end (Slack, Discord, the web page, …) gets a domain checked. One rule for all of them:
 *
 * <ul>
 *   <li><b>Rate limits</b>: a token bucket per requester and per place ({@link DispatchSettings#perUser()}, {@link
 *       DispatchSettings#perPlace()}); Re-check ({@link CheckRequest#bypassCache()}) also waits for the domain's
 *       cooldown. A refused request is told {@link CheckEvent.Limited} with when to try again.
 *   <li><b>Cache and coalescing</b>: a report younger than {@link DispatchSettings#cacheTtl()} answers at once; a
 *       request for a domain that is queued or running joins that run (it is told the progress so far), so fifty
 *       people checking one domain cause one set of lookups.
 *   <li><b>Admission</b>: {@link DispatchSettings#workers()} runs at once; the others wait in a bounded queue and are
 *       told {@link CheckEvent.Queued} with the number ahead of them, again as it moves. Only a full queue refuses
 *       ({@link CheckEvent.Busy}).
 * </ul>
 *
 * <p>{@link #submit} never blocks on a check: events arrive on dispatcher threads.
 */
public final class CheckDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckDispatcher.class);

    private final DomainRunner runner;
    private final Metrics metrics;
    private final DispatchSettings settings;
    private final Clock clock;
    private final TokenBuckets users;
    private final TokenBuckets places;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("mtasts-check-", 0).factory());

    private final Object lock = new Object();
    private final Map<String, Job> active = new HashMap<>();
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    private final Map<String, Cached> cache = new HashMap<>();
    private final Map<String, Instant> lastRun = new HashMap<>();
    private int running;
    private boolean stopping;

    @Inject
    public CheckDispatcher(CheckService service, DispatchSettings settings, Clock clock, Metrics metrics) {
        this(DomainRunner.of(requireNonNull(service, "service is null")), settings, clock, metrics);
    }

    public CheckDispatcher(DomainRunner runner, DispatchSettings settings, Clock clock) {
        this(runner, settings, clock, Metrics.inMemory());
    }

    public CheckDispatcher(DomainRunner runner, DispatchSettings settings, Clock clock, Metrics metrics) {
        this.metrics = requireNonNull(metrics, "metrics is null");
        metrics.queueLength(() -> load().waiting());
        this.runner = requireNonNull(runner, "runner is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.users = new TokenBuckets(settings.perUser());
        this.places = new TokenBuckets(settings.perPlace());
    }

    /** The checks every report lists, in order, for progress displays. */
    public List<CheckService.CheckDefinition> checks() {
        return runner.checks();
    }

    /**
     * The domain's timeline (a read of the history store, not a check: no queue, no limit). Throws {@link
     * dev.mtasts.core.history.HistoryStoreException} when the store cannot be read.
     */
    public dev.mtasts.core.history.Timeline timeline(dev.mtasts.core.input.DomainInput.Valid domain) {
        return runner.timeline(requireNonNull(domain, "domain is null"));
    }

    public DispatchSettings settings() {
        return settings;
    }

    /**
     * Asks for a check; {@code listener} is told what happens (see {@link CheckEvent}). Returns at once.
     *
     * @return the first event already decided when the request was refused or answered from the cache, for front ends
     *     that answer synchronously; empty when the request runs, waits or joined a run
     */
    public Optional<CheckEvent> submit(CheckRequest request, CheckListener listener) {
        requireNonNull(request, "request is null");
        requireNonNull(listener, "listener is null");
        Instant now = clock.instant();
        Origin origin = request.origin();
        Optional<Duration> userWait = users.take(origin.requesterKey(), now);
        if (userWait.isPresent()) {
            metrics.rateLimited(origin.frontEnd(), "requester");
            return Optional.of(tell(
                    listener,
                    new CheckEvent.Limited(
                            userWait.get(),
                            "You have asked for many checks in a short time; try again in " + describe(userWait.get())
                                    + ".")));
        }
        Optional<Duration> placeWait = places.take(origin.placeKey(), now);
        if (placeWait.isPresent()) {
            metrics.rateLimited(origin.frontEnd(), "place");
            users.giveBack(origin.requesterKey());
            return Optional.of(tell(
                    listener,
                    new CheckEvent.Limited(
                            placeWait.get(),
                            "Many checks were asked for here in a short time; try again in " + describe(placeWait.get())
                                    + ".")));
        }
        String domain = request.domain().domain();
        Job job;
        int ahead;
        synchronized (lock) {
            if (stopping) {
                metrics.busy(origin.frontEnd(), true);
                return Optional.of(tell(listener, new CheckEvent.Busy(settings.queueCapacity(), true)));
            }
            if (!request.bypassCache()) {
                Optional<Report> cached = fresh(domain, now);
                if (cached.isPresent()) {
                    metrics.shared(Metrics.Shared.CACHED);
                    return Optional.of(tell(listener, new CheckEvent.Finished(cached.get(), true)));
                }
            }
            job = active.get(domain);
            if (job != null) {
                metrics.shared(Metrics.Shared.JOINED);
                ahead = indexOf(job);
            } else {
                if (request.bypassCache() && !settings.recheckCooldown().isZero()) {
                    Instant last = lastRun.get(domain);
                    if (last != null && now.isBefore(last.plus(settings.recheckCooldown()))) {
                        Duration wait = Duration.between(now, last.plus(settings.recheckCooldown()));
                        users.giveBack(origin.requesterKey());
                        places.giveBack(origin.placeKey());
                        metrics.rateLimited(origin.frontEnd(), "cooldown");
                        return Optional.of(tell(
                                listener,
                                new CheckEvent.Limited(
                                        wait,
                                        domain + " was checked moments ago; it can be re-checked in " + describe(wait)
                                                + ".")));
                    }
                }
                if (running < settings.workers()) {
                    job = new Job(request.domain(), now);
                    active.put(domain, job);
                    running++;
                    ahead = -1;
                    start(job);
                } else if (waiting.size() >= settings.queueCapacity()) {
                    users.giveBack(origin.requesterKey());
                    places.giveBack(origin.placeKey());
                    metrics.busy(origin.frontEnd(), false);
                    return Optional.of(tell(listener, new CheckEvent.Busy(settings.queueCapacity(), false)));
                } else {
                    job = new Job(request.domain(), now);
                    active.put(domain, job);
                    waiting.addLast(job);
                    ahead = waiting.size() - 1;
                }
            }
        }
        job.attach(listener, ahead);
        return Optional.empty();
    }

    /**
     * {@link #submit}s the request for a caller that follows it from its own (virtual) thread: {@link
     * Following#refusal()} first, then {@link Following#awaitEnd}.
     */
    public Following follow(CheckRequest request) {
        Following following = new Following();
        following.answered(submit(request, following.listener()));
        return following;
    }

    /** Checks waiting for a worker, and running, right now; for health and logs. */
    public Load load() {
        synchronized (lock) {
            return new Load(waiting.size(), running);
        }
    }

    /** The dispatcher's load: requests waiting and checks running. */
    public record Load(int waiting, int running) {}

    /**
     * Stops taking requests: waiting requests are told {@link CheckEvent.Busy} (stopping), running checks get {@link
     * DispatchSettings#shutdownGrace()} to finish, then are interrupted.
     */
    @Override
    public void close() {
        List<Job> handedBack;
        synchronized (lock) {
            if (stopping) {
                return;
            }
            stopping = true;
            handedBack = new ArrayList<>(waiting);
            waiting.clear();
            handedBack.forEach(job -> active.remove(job.domain.domain()));
        }
        handedBack.forEach(job -> job.publish(new CheckEvent.Busy(settings.queueCapacity(), true)));
        executor.shutdown();
        try {
            if (!executor.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                // Never interrupted: a check may be writing to the embedded database, and an interrupt there breaks
                // the database for every other connection. Their threads are daemons; each check has its deadline.
                LOG.warn(
                        "checks still running after {} at shutdown; leaving them to their deadline",
                        settings.shutdownGrace());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void start(Job job) {
        Instant now = clock.instant();
        if (lastRun.size() > 10_000) {
            lastRun.values().removeIf(started -> !now.isBefore(started.plus(settings.recheckCooldown())));
        }
        lastRun.put(job.domain.domain(), now);
        metrics.queueWait(Duration.between(job.queuedAt, now));
        executor.execute(() -> run(job));
    }

    private void run(Job job) {
        String domain = job.domain.domain();
        try {
            job.publish(new CheckEvent.Started(runner.checks().size()));
            Report report = runner.check(
                    job.domain, (check, done, total) -> job.publish(new CheckEvent.Progress(check, done, total)));
            synchronized (lock) {
                active.remove(domain);
                if (!settings.cacheTtl().isZero()) {
                    Instant now = clock.instant();
                    cache.values().removeIf(cached -> !now.isBefore(cached.expires()));
                    cache.put(domain, new Cached(report, now.plus(settings.cacheTtl())));
                }
            }
            job.publish(new CheckEvent.Finished(report, false));
        } catch (RuntimeException | Error e) {
            String reference =
                    HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            LOG.error("the check of {} failed (reference {})", domain, reference, e);
            synchronized (lock) {
                active.remove(domain);
            }
            job.publish(new CheckEvent.Failed(reference));
        } finally {
            next();
        }
    }

    /** A worker is free: the next waiting job starts; the others learn their new places. */
    private void next() {
        List<Job> moved;
        synchronized (lock) {
            running--;
            if (stopping) {
                return;
            }
            Job next = waiting.pollFirst();
            if (next == null) {
                return;
            }
            running++;
            start(next);
            moved = List.copyOf(waiting);
        }
        for (int index = 0; index < moved.size(); index++) {
            moved.get(index).moved(index);
        }
    }

    private Optional<Report> fresh(String domain, Instant now) {
        Cached cached = cache.get(domain);
        if (cached == null) {
            return Optional.empty();
        }
        if (!now.isBefore(cached.expires())) {
            cache.remove(domain);
            return Optional.empty();
        }
        return Optional.of(cached.report());
    }

    private int indexOf(Job job) {
        int index = 0;
        for (Job other : waiting) {
            if (other == job) {
                return index;
            }
            index++;
        }
        return -1;
    }

    private static CheckEvent tell(CheckListener listener, CheckEvent event) {
        deliver(listener, event);
        return event;
    }

    private static void deliver(CheckListener listener, CheckEvent event) {
        try {
            listener.on(event);
        } catch (RuntimeException e) {
            LOG.warn("a check listener failed on {}", event.getClass().getSimpleName(), e);
        }
    }

    /** "12 s", "2 min": a wait, rounded up, for people. */
    static String describe(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        if (seconds < 120) {
            return seconds + " s";
        }
        return ((seconds + 59) / 60) + " min";
    }

    private record Cached(Report report, Instant expires) {}

    /** One run of one domain and everyone waiting for it. Its events are told in order, under its monitor. */
    private static final class Job {
        private final dev.mtasts.core.input.DomainInput.Valid domain;
        private final Instant queuedAt;
        private final List<CheckListener> listeners = new ArrayList<>();
        private final List<CheckEvent.Progress> progress = new ArrayList<>();
        private Optional<CheckEvent.Started> started = Optional.empty();
        private Optional<CheckEvent> end = Optional.empty();
        private int ahead = -1;

        Job(dev.mtasts.core.input.DomainInput.Valid domain, Instant queuedAt) {
            this.domain = domain;
            this.queuedAt = queuedAt;
        }

        synchronized void attach(CheckListener listener, int aheadWhenJoined) {
            listeners.add(listener);
            if (end.isPresent()) {
                started.ifPresent(event -> deliver(listener, event));
                deliver(listener, end.get());
                return;
            }
            if (started.isPresent()) {
                deliver(listener, started.get());
                progress.forEach(event -> deliver(listener, event));
            } else if (aheadWhenJoined >= 0) {
                ahead = aheadWhenJoined;
                deliver(listener, new CheckEvent.Queued(aheadWhenJoined));
            } else if (ahead >= 0) {
                deliver(listener, new CheckEvent.Queued(ahead));
            }
        }

        synchronized void moved(int newAhead) {
            if (started.isPresent() || end.isPresent() || newAhead == ahead) {
                return;
            }
            ahead = newAhead;
            CheckEvent.Queued event = new CheckEvent.Queued(newAhead);
            listeners.forEach(listener -> deliver(listener, event));
        }

        synchronized void publish(CheckEvent event) {
            switch (event) {
                case CheckEvent.Started first -> started = Optional.of(first);
                case CheckEvent.Progress step -> progress.add(step);
                case CheckEvent.Finished finished -> end = Optional.of(finished);
                case CheckEvent.Failed failed -> end = Optional.of(failed);
                case CheckEvent.Busy busy -> end = Optional.of(busy);
                case CheckEvent.Queued queued -> ahead = queued.ahead();
                case CheckEvent.Limited limited -> end = Optional.of(limited);
            }
            listeners.forEach(listener -> deliver(listener, event));
        }
    }
}
