package dev.mtasts.core.internal;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.ReferenceId;
import dev.mtasts.core.Report;
import dev.mtasts.core.ReportReceipts;
import dev.mtasts.core.dns.DnsClient;
import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.core.history.HistoryStoreException;
import dev.mtasts.core.history.Observations;
import dev.mtasts.core.logging.CheckLogContext;
import dev.mtasts.core.metrics.Metrics;
import dev.mtasts.core.net.AddressGuard;
import dev.mtasts.core.net.HttpsFetcher;
import dev.mtasts.core.smtp.SmtpProbeCache;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Observation;
import dev.mtasts.spi.Remediation;
import dev.mtasts.spi.SenderAnalyzer;
import dev.mtasts.spi.SenderView;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every check of one domain concurrently on virtual threads over one shared {@link LiveDomainContext}. Each
 * check is isolated: one that throws becomes a {@code check-error} finding, one that overruns the domain's deadline
 * a {@code check-timeout} finding, and the others still report. Each run reads the domain's history once (for
 * checks that ask) and records what it saw afterwards.
 */
public final class CheckRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);

    /**
     * How many of a domain's past changes a run loads (the store condenses the history by ids and state hashes first,
     * so a domain checked thousands of times still costs a few hundred rows).
     */
    static final int HISTORY_LIMIT = 300;

    /**
     * Where history is read: threads that are never interrupted (the run's own executor is shut down without
     * interrupts too, but a caller's thread might be), shared by every run.
     */
    private static final Executor HISTORY_READER = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("mtasts-history-", 0).factory());

    private final CheckRegistry registry;
    private final DnsClient dns;
    private final AddressGuard guard;
    private final HttpsFetcher fetcher;
    private final EngineSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Metrics metrics;
    private final HistoryStore history;
    private final SmtpProbeCache smtp;
    private final ReportReceipts reports;

    @Inject
    public CheckRunner(
            CheckRegistry registry,
            DnsClient dns,
            AddressGuard guard,
            HttpsFetcher fetcher,
            EngineSettings settings,
            Clock clock,
            MeterRegistry meters,
            HistoryStore history,
            SmtpProbeCache smtp,
            ReportReceipts reports) {
        this.reports = requireNonNull(reports, "reports is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.dns = requireNonNull(dns, "dns is null");
        this.guard = requireNonNull(guard, "guard is null");
        this.fetcher = requireNonNull(fetcher, "fetcher is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.meters = requireNonNull(meters, "meters is null");
        this.metrics = new Metrics(meters);
        this.history = requireNonNull(history, "history is null");
        this.smtp = requireNonNull(smtp, "smtp is null");
    }

    /** The store this runner reads and records history in. */
    public HistoryStore history() {
        return history;
    }

    public List<Check> checks() {
        return registry.checks();
    }

    /** Checks {@code domain} (already normalised); {@code input} is what the user typed. */
    public Report run(String domain, String input, ProgressListener progress) {
        requireNonNull(domain, "domain is null");
        requireNonNull(input, "input is null");
        requireNonNull(progress, "progress is null");
        Instant checkedAt = clock.instant();
        Optional<String> refusal = guard.refuseName(domain);
        if (refusal.isPresent()) {
            return refused(domain, input, checkedAt, refusal.get(), progress);
        }
        long started = System.nanoTime();
        long deadline = started + settings.domainTimeout().toNanos();
        ExecutorService executor = Executors.newThreadPerTaskExecutor(CheckLogContext.virtualThreads());
        // The history is read on its own thread, which nothing ever interrupts: an interrupt that reaches the
        // embedded H2 database mid-read closes its file channel and breaks the other open connections.
        CompletableFuture<List<Observation>> past =
                CompletableFuture.supplyAsync(() -> loadHistory(domain), HISTORY_READER);
        try {
            LiveDomainContext context = new LiveDomainContext(
                    domain,
                    checkedAt,
                    deadline,
                    dns,
                    guard,
                    fetcher,
                    settings.httpsPort(),
                    executor,
                    () -> awaitHistory(domain, past, deadline),
                    smtp,
                    metrics,
                    reports);
            context.prefetch();
            List<Check> checks = registry.checks();
            AtomicInteger done = new AtomicInteger();
            List<Future<CheckReport>> futures = new ArrayList<>();
            for (Check check : checks) {
                futures.add(executor.submit(() -> {
                    CheckReport report = runIsolated(check, context);
                    progress.checkFinished(report, done.incrementAndGet(), checks.size());
                    return report;
                }));
            }
            Optional<Future<SenderView>> sender =
                    registry.senderAnalyzer().map(analyzer -> executor.submit(() -> analyze(analyzer, context)));
            List<CheckReport> reports = new ArrayList<>();
            for (int index = 0; index < checks.size(); index++) {
                reports.add(
                        await(checks.get(index), futures.get(index), deadline, started, progress, done, checks.size()));
            }
            Optional<SenderView> senderView = sender.flatMap(future -> awaitSender(future, deadline));
            Report report = new Report(
                    domain,
                    input,
                    checkedAt,
                    Duration.ofNanos(System.nanoTime() - started),
                    senderView,
                    reports,
                    context.fetchedPolicyBody());
            record(report, context);
            metrics.checkFinished(report);
            return report;
        } finally {
            // Never shutdownNow(): interrupting a thread that touches the history store can break the database for
            // every other connection. Checks still running past the deadline end on their own timeouts.
            executor.shutdown();
        }
    }

    /**
     * A name under an internal suffix: nothing is looked up, read or recorded. The first check carries the refusal as
     * a finding (so the report is not a pass), the others say they were skipped for it.
     */
    private Report refused(String domain, String input, Instant checkedAt, String reason, ProgressListener progress) {
        LOG.info("refused to check {}: {}", domain, reason);
        meters.counter("mtasts.guard.refused.names").increment();
        List<Check> checks = registry.checks();
        List<CheckReport> reports = new ArrayList<>();
        for (Check check : checks) {
            CheckReport report = reports.isEmpty()
                    ? CheckReport.completed(
                            check.id(),
                            check.title(),
                            Duration.ZERO,
                            List.of(Finding.fail(
                                    "domain-refused",
                                    "Not checked: " + domain + " was " + reason + ".",
                                    new Remediation(
                                            "Check a public domain. An internal name can only be checked by a bot run"
                                                    + " inside that network whose operator allows its suffix"
                                                    + " (network.refuse-suffixes).",
                                            FixTime.of(Duration.ofMinutes(1), "1 min")))))
                    : CheckReport.skipped(check.id(), check.title(), Duration.ZERO, reason);
            reports.add(report);
            progress.checkFinished(report, reports.size(), checks.size());
        }
        return new Report(domain, input, checkedAt, Duration.ZERO, Optional.empty(), reports, Optional.empty());
    }

    private List<Observation> loadHistory(String domain) {
        return history.changes(domain, HISTORY_LIMIT);
    }

    /**
     * Waits for the history read by {@link #HISTORY_READER}: a waiting check can be abandoned at the deadline without
     * the reader itself being interrupted.
     */
    private static List<Observation> awaitHistory(
            String domain, CompletableFuture<List<Observation>> past, long deadline) {
        try {
            return past.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new HistoryStoreException("cannot read the history of " + domain, e);
        } catch (TimeoutException e) {
            throw new HistoryStoreException("the history of " + domain + " was not read within the deadline", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryStoreException("interrupted while waiting for the history of " + domain, e);
        }
    }

    /** Records what this run saw; a store failure is logged and counted, never a reason to lose the report. */
    private void record(Report report, DomainContext context) {
        try {
            history.record(report.domain(), Observations.of(report, context));
            history.recordReport(report);
        } catch (RuntimeException e) {
            LOG.warn("could not record the observation of {} in {}", report.domain(), history.describe(), e);
            meters.counter("mtasts.history.record.failures").increment();
        }
    }

    private CheckReport runIsolated(Check check, DomainContext context) {
        long started = System.nanoTime();
        CheckReport report;
        try {
            CheckResult result = check.run(context);
            Duration duration = Duration.ofNanos(System.nanoTime() - started);
            report = switch (result) {
                case CheckResult.Completed completed ->
                    CheckReport.completed(check.id(), check.title(), duration, completed.findings(), completed.facts());
                case CheckResult.Skipped skipped ->
                    CheckReport.skipped(check.id(), check.title(), duration, skipped.reason());
            };
        } catch (RuntimeException | StackOverflowError e) {
            // The details (exception, message, file paths, hosts) go to the log under a reference id; chat and JSON
            // get a plain sentence and that id.
            String reference = ReferenceId.next();
            boolean history = causedByHistory(e);
            LOG.error("check {} crashed on {} [reference {}]", check.id(), context.domain(), reference, e);
            String message = history
                    ? "The " + check.id() + " check needs the domain's history, which could not be read, so its"
                            + " verdict is unknown (reference " + reference + ")."
                    : "The " + check.id() + " check crashed, so its verdict is unknown (reference " + reference + ").";
            String fix = history
                    ? "The bot's history store is unavailable; this is not a problem with your domain. Re-run the"
                            + " check later; if it keeps happening, tell the bot's operator the reference "
                            + reference + "."
                    : "This is a bug in the checker, not in your domain. Re-run the check; if it happens again,"
                            + " report it with the domain name and the reference " + reference + ".";
            report = CheckReport.completed(
                    check.id(),
                    check.title(),
                    Duration.ofNanos(System.nanoTime() - started),
                    List.of(Finding.fail(
                            "check-error",
                            message,
                            new Remediation(fix, FixTime.of(Duration.ofMinutes(1), "1 min to re-run")))));
        }
        Timer.builder("mtasts.check.duration")
                .tag("check", check.id())
                .tag("status", report.status().label())
                .register(meters)
                .record(report.duration());
        return report;
    }

    private static boolean causedByHistory(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof HistoryStoreException) {
                return true;
            }
        }
        return false;
    }

    private CheckReport await(
            Check check,
            Future<CheckReport> future,
            long deadline,
            long started,
            ProgressListener progress,
            AtomicInteger done,
            int total) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(false); // never interrupt: the check's thread may be inside the history store
            CheckReport report = CheckReport.completed(
                    check.id(),
                    check.title(),
                    Duration.ofNanos(System.nanoTime() - started),
                    List.of(Finding.fail(
                            "check-timeout",
                            "The " + check.id() + " check did not finish within the "
                                    + settings.domainTimeout().toSeconds() + " s deadline, so its verdict is unknown.",
                            new Remediation(
                                    "Something answered too slowly (a DNS server, the policy host or an MX). Re-run the"
                                            + " check; if it keeps timing out, that slowness is itself what senders see.",
                                    FixTime.of(Duration.ofMinutes(1), "1 min to re-run")))));
            progress.checkFinished(report, done.incrementAndGet(), total);
            meters.counter("mtasts.check.timeouts", "check", check.id()).increment();
            return report;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("check runner failed for " + check.id(), e.getCause());
        }
    }

    private static SenderView analyze(SenderAnalyzer analyzer, DomainContext context) {
        return analyzer.analyze(context);
    }

    private Optional<SenderView> awaitSender(Future<SenderView> future, long deadline) {
        try {
            return Optional.of(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            future.cancel(false);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            LOG.error("the sender analysis crashed", e.getCause());
            return Optional.empty();
        }
    }
}
