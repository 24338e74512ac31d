package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import dev.mtasts.core.metrics.Metrics;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-checks subscribed domains and tells their channels what changed.
 *
 * <p>Each pass claims the due domains with a lease, runs one check per domain however many channels follow it,
 * compares it with what the channels were last told, and completes the check in one transaction that also queues
 * one delivery per active channel (the outbox). It then delivers the queued notifications, each attempt claimed with
 * a lease and carrying a stable idempotency key. Several instances can run against one PostgreSQL database: the
 * leases make each due check and each delivery belong to one instance at a time, and an instance that dies leaves
 * leases that expire and are taken over.
 *
 * <p>Nothing here interrupts a thread: an interrupted thread inside the embedded H2 database closes it for the whole
 * process. Stopping lets the pass in progress finish what it claimed instead.
 *
 * <p>Changes that come with an inconclusive finding (a timeout, a failed lookup) are confirmed by a second check
 * before anyone is told. A delivery that fails for good (channel deleted, bot removed, token revoked) counts towards
 * pausing its subscription; one that may work later is retried with back-off up to {@value #MAX_DELIVERY_ATTEMPTS}
 * times, then counts too.
 */
public final class SubscriptionScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionScheduler.class);

    /** Domains checked at once by one instance. */
    static final int CHECK_BATCH = 8;
    /** Deliveries attempted at once by one instance. */
    static final int DELIVERY_BATCH = 16;
    /** Attempts of a delivery that keeps failing transiently before it is given up. */
    public static final int MAX_DELIVERY_ATTEMPTS = 8;

    private static final int MAX_BATCHES_PER_PASS = 1000;
    private static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(30);
    /** Finished deliveries are kept this long, for operators, then purged. */
    static final Duration KEEP_FINISHED = Duration.ofDays(7);

    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private final SubscriptionStore store;
    private final DomainChecker checker;
    private final Map<Platform, Notifier> notifiers;
    private final Metrics metrics;
    private final SubscriptionSettings settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final String owner;
    private final Optional<TlsReportNews> reportNews;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.MIN);

    private final Object lifecycle = new Object();
    private @Nullable Thread loop;
    private volatile boolean running;
    private volatile boolean stopRequested;

    @Inject
    public SubscriptionScheduler(
            SubscriptionStore store,
            DomainChecker checker,
            Set<Notifier> notifiers,
            SubscriptionSettings settings,
            Clock clock,
            Metrics metrics,
            Optional<TlsReportNews> reportNews) {
        this(
                store,
                checker,
                notifiers,
                settings,
                clock,
                RandomGenerator.getDefault(),
                instanceName(),
                metrics,
                reportNews);
    }

    /**
     * The full constructor: scheduler lag and notifications go to {@code metrics}; what is new in the domains' TLS-RPT
     * reports ({@code reportNews}) is added to their notifications.
     *
     * @param owner this instance's name in leases, unique among the instances sharing the database
     */
    public SubscriptionScheduler(
            SubscriptionStore store,
            DomainChecker checker,
            Set<Notifier> notifiers,
            SubscriptionSettings settings,
            Clock clock,
            RandomGenerator random,
            String owner,
            Metrics metrics,
            Optional<TlsReportNews> reportNews) {
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.reportNews = requireNonNull(reportNews, "reportNews is null");
        this.store = requireNonNull(store, "store is null");
        this.checker = requireNonNull(checker, "checker is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.random = requireNonNull(random, "random is null");
        this.owner = requireNonNull(owner, "owner is null");
        Map<Platform, Notifier> byPlatform = new java.util.TreeMap<>(java.util.Comparator.comparing(Platform::name));
        for (Notifier notifier : requireNonNull(notifiers, "notifiers is null")) {
            if (byPlatform.put(notifier.platform(), notifier) != null) {
                throw new IllegalArgumentException(
                        "two notifiers for " + notifier.platform().label());
            }
        }
        this.notifiers = Map.copyOf(byPlatform);
    }

    /** This instance's name in leases: host, process id and a random suffix. */
    public String owner() {
        return owner;
    }

    /** The platforms this instance delivers to; domains followed only on others are left to other instances. */
    public Set<Platform> platforms() {
        return notifiers.keySet();
    }

    /** Starts polling every {@link SubscriptionSettings#pollInterval()} on a virtual thread. Idempotent. */
    public void start() {
        synchronized (lifecycle) {
            if (loop != null) {
                return;
            }
            running = true;
            stopRequested = false;
            loop = Thread.ofVirtual().name("mtasts-subscriptions").start(this::loop);
        }
        LOG.info(
                "subscription scheduler {} started for {}: every {} (jitter {}%), lease {}",
                owner, platforms(), settings.interval(), Math.round(settings.jitter() * 100), settings.lease());
    }

    /**
     * Stops polling, and returns once the pass in progress has finished the checks and deliveries it claimed (at
     * most a lease, which is longer than any check): nothing claimed is left to run out its lease. Nothing is
     * interrupted, since an interrupted thread inside the embedded database closes it for the whole process.
     * Idempotent.
     */
    public void stop() {
        Thread stopping;
        synchronized (lifecycle) {
            stopping = loop;
            loop = null;
            running = false;
            stopRequested = true;
        }
        if (stopping == null) {
            return;
        }
        LockSupport.unpark(stopping);
        try {
            if (!stopping.join(settings.lease())) {
                LOG.warn("subscription scheduler {} did not stop within {}", owner, settings.lease());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("subscription scheduler {} stopped", owner);
    }

    private void loop() {
        while (running) {
            try {
                runOnce();
            } catch (RuntimeException e) {
                LOG.warn("subscription pass failed; trying again in {}", settings.pollInterval(), e);
            }
            if (!running) {
                return;
            }
            long due = System.nanoTime() + settings.pollInterval().toNanos();
            LockSupport.parkNanos(settings.pollInterval().toNanos());
            metrics.schedulerLag(Duration.ofNanos(System.nanoTime() - due));
        }
    }

    /** One pass: every due check, then every due delivery. Returns what it did. */
    public Pass runOnce() {
        if (notifiers.isEmpty()) {
            return new Pass(0, 0, 0, 0);
        }
        Outcomes checks = drain(
                () -> store.claimDueDomains(platforms(), owner, clock.instant(), settings.lease(), CHECK_BATCH),
                this::process);
        Outcomes deliveries = drain(
                () -> store.claimDeliveries(platforms(), owner, clock.instant(), settings.lease(), DELIVERY_BATCH),
                this::deliver);
        purgeIfDue();
        return new Pass(checks.done() + checks.notDone(), checks.done(), deliveries.done(), deliveries.notDone());
    }

    /** How many claimed items' work returned true, and how many false. */
    private record Outcomes(int done, int notDone) {}

    /**
     * Claims batches and runs each batch's work in parallel until nothing is due, the pass has run
     * {@value #MAX_BATCHES_PER_PASS} batches, or a stop was requested.
     */
    private <T> Outcomes drain(Supplier<List<T>> claim, Predicate<T> work) {
        int done = 0;
        int notDone = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_PASS && !stopRequested; batch++) {
            List<T> claimed = claim.get();
            if (claimed.isEmpty()) {
                break;
            }
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (T item : claimed) {
                tasks.add(() -> work.test(item));
            }
            for (boolean outcome : runAll(tasks)) {
                if (outcome) {
                    done++;
                } else {
                    notDone++;
                }
            }
        }
        return new Outcomes(done, notDone);
    }

    /** Deletes old finished deliveries, at most once per {@link #PURGE_INTERVAL} per instance. */
    private void purgeIfDue() {
        Instant now = clock.instant();
        Instant previous = requireNonNull(lastPurge.get(), "lastPurge is null");
        if (now.isBefore(previous.plus(PURGE_INTERVAL)) || !lastPurge.compareAndSet(previous, now)) {
            return;
        }
        int purged = store.purgeFinished(now.minus(KEEP_FINISHED));
        if (purged > 0) {
            LOG.info("purged {} finished deliveries older than {}", purged, KEEP_FINISHED);
        }
    }

    /** Runs one claimed check to completion; true when it queued a notification. */
    private boolean process(DomainLease lease) {
        Report report;
        DomainState state;
        try {
            report = checker.check(lease.domain(), ProgressListener.NONE);
            state = checker.state(report);
        } catch (RuntimeException e) {
            // An interrupt must not reach the database: the embedded one closes on it.
            boolean interrupted = Thread.interrupted();
            Instant retryAt = interrupted ? clock.instant() : settings.retry(clock.instant());
            LOG.warn("scheduled check of {} failed; retrying at {}", lease.domain(), retryAt, e);
            store.abandonCheck(lease, retryAt);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
        Instant now = clock.instant();
        ChangeDetector.Detection detection = ChangeDetector.detect(lease.state(), state, now);
        CheckCompletion completion;
        Optional<Notification> notification = Optional.empty();
        if (detection.needsConfirmation() && !lease.unconfirmed()) {
            completion = CheckCompletion.unconfirmed(state, settings.retry(now));
            LOG.info(
                    "{}: {} change(s) with an inconclusive finding; confirming at the next check",
                    lease.domain(),
                    detection.changes().size());
        } else {
            List<Change> changes = new ArrayList<>(detection.changes());
            changes.addAll(reportNews(lease, now));
            if (!changes.isEmpty()) {
                notification = Optional.of(new Notification(lease.domain(), changes, report));
            }
            completion = CheckCompletion.announce(detection.state(), settings.nextCheck(now, random), notification);
        }
        if (!store.completeCheck(lease, completion)) {
            LOG.warn(
                    "the lease on {} ran out before its check finished; another instance has taken it over",
                    lease.domain());
            return false;
        }
        notification.ifPresent(queued -> LOG.info(
                "{}: {} change(s) queued for its channels: {}",
                lease.domain(),
                queued.changes().size(),
                NotificationText.headline(queued)));
        return notification.isPresent();
    }

    /**
     * What the TLS-RPT reports received since the domain's last check show that is new (the interval when there was
     * none, at most a week); nothing when no report store is bound or it cannot be read.
     */
    private List<Change> reportNews(DomainLease lease, Instant now) {
        if (reportNews.isEmpty()) {
            return List.of();
        }
        Duration recent = lease.state()
                .map(state -> Duration.between(state.checkedAt(), now))
                .filter(elapsed -> elapsed.isPositive())
                .orElse(settings.interval());
        if (recent.compareTo(Duration.ofDays(7)) > 0) {
            recent = Duration.ofDays(7);
        }
        try {
            return reportNews.get().news(lease.domain(), recent).stream()
                    .map(TlsReportNews.News::change)
                    .toList();
        } catch (RuntimeException e) {
            LOG.warn("could not read the TLS reports of {}; notifying without them", lease.domain(), e);
            return List.of();
        }
    }

    /** Makes one delivery attempt and records its outcome; true when it was delivered. */
    private boolean deliver(PendingDelivery delivery) {
        Notifier notifier = notifiers.get(delivery.channel().platform());
        if (notifier == null) {
            // claimDeliveries only hands out deliveries of this instance's platforms
            throw new IllegalStateException(
                    "no notifier for " + delivery.channel().platform().label());
        }
        DeliveryResult result;
        try {
            result = notifier.deliver(delivery.channel(), delivery.notification(), delivery.attempt());
        } catch (RuntimeException e) {
            LOG.error("the {} notifier threw", delivery.channel().platform().label(), e);
            result = new DeliveryResult.TransientFailure(e.toString(), Optional.empty());
        }
        Instant now = clock.instant();
        metrics.notification(delivery.channel().platform().label(), result instanceof DeliveryResult.Delivered);
        SubscriptionStore.FailureOutcome outcome;
        switch (result) {
            case DeliveryResult.Delivered delivered -> {
                store.recordDelivered(delivery, now);
                return true;
            }
            case DeliveryResult.PermanentFailure permanent -> {
                LOG.warn(
                        "notification of {} to {} failed for good: {}",
                        delivery.domain(),
                        delivery.channel().describe(),
                        permanent.reason());
                outcome = store.recordDeliveryFailure(
                        delivery, permanent.reason(), Optional.empty(), settings.maxConsecutiveFailures(), now);
            }
            case DeliveryResult.TransientFailure transientFailure -> {
                Optional<Instant> retryAt = delivery.attempt().number() >= MAX_DELIVERY_ATTEMPTS
                        ? Optional.empty()
                        : Optional.of(now.plus(backoff(delivery.attempt().number(), transientFailure.retryAfter())));
                LOG.warn(
                        "notification of {} to {} failed (attempt {}): {}; {}",
                        delivery.domain(),
                        delivery.channel().describe(),
                        delivery.attempt().number(),
                        transientFailure.reason(),
                        retryAt.map(at -> "retrying at " + at).orElse("giving up"));
                outcome = store.recordDeliveryFailure(
                        delivery, transientFailure.reason(), retryAt, settings.maxConsecutiveFailures(), now);
            }
        }
        if (outcome.paused()) {
            LOG.warn(
                    "paused the subscription of {} to {} after {} consecutive failed deliveries; subscribing again"
                            + " resumes it",
                    delivery.channel().describe(),
                    delivery.domain(),
                    outcome.consecutiveFailures());
        }
        return false;
    }

    /** 1, 2, 4 … 30 min, or what the platform asked for when that is longer. */
    static Duration backoff(int attempt, Optional<Duration> retryAfter) {
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 10));
        if (backoff.compareTo(MAX_BACKOFF) > 0) {
            backoff = MAX_BACKOFF;
        }
        if (retryAfter.isPresent() && retryAfter.get().compareTo(backoff) > 0) {
            return retryAfter.get();
        }
        return backoff;
    }

    /**
     * Runs the tasks on virtual threads and waits for all of them. Never interrupts a task, and keeps waiting when
     * interrupted itself (restoring the flag after): a task may be inside the embedded database, which closes when a
     * thread using it is interrupted.
     */
    private static List<Boolean> runAll(List<Callable<Boolean>> tasks) {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Boolean>> futures = new ArrayList<>();
        for (Callable<Boolean> task : tasks) {
            futures.add(executor.submit(task));
        }
        executor.shutdown();
        boolean interrupted = false;
        List<Boolean> results = new ArrayList<>();
        for (Future<Boolean> future : futures) {
            while (true) {
                try {
                    results.add(future.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    LOG.error("a subscription task failed", e.getCause());
                    results.add(false);
                    break;
                } catch (CancellationException e) {
                    results.add(false);
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return results;
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        byte[] suffix = new byte[4];
        RandomGenerator.getDefault().nextBytes(suffix);
        return host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/"
                + HexFormat.of().formatHex(suffix);
    }

    /**
     * What one pass did.
     *
     * @param checked domains checked (including checks whose lease was lost)
     * @param notified checks that queued a notification
     * @param delivered deliveries that worked
     * @param failed delivery attempts that did not
     */
    public record Pass(int checked, int notified, int delivered, int failed) {}
}
