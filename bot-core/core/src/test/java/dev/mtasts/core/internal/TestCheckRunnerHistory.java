package dev.mtasts.core.internal;

import static dev.mtasts.core.internal.TestCheckRunner.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckStatus;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import dev.mtasts.core.dns.DnsClient;
import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.core.history.HistoryStoreException;
import dev.mtasts.core.net.AddressGuard;
import dev.mtasts.core.net.CertificateVerifier;
import dev.mtasts.core.net.HttpsFetcher;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Observation;
import dev.mtasts.spi.Remediation;
import dev.mtasts.spi.Severity;
import dev.mtasts.testing.ObservationBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class TestCheckRunnerHistory {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void historyIsReadOnceForAllChecksCondensedAndNewestFirst() {
        RecordingStore store = new RecordingStore();
        for (int day = 1; day <= 5; day++) {
            store.record(
                    "example.com",
                    ObservationBuilder.at("2026-11-0" + day + "T00:00:00Z")
                            .id("1")
                            .build());
        }
        List<List<Observation>> seen = Collections.synchronizedList(new ArrayList<>());
        Check reader = check("reader", context -> {
            seen.add(context.history());
            seen.add(context.history());
            return CheckResult.of(Finding.pass("read", "Read"));
        });
        Check other = check("other", context -> {
            seen.add(context.history());
            return CheckResult.of(Finding.pass("read", "Read"));
        });

        runner(store, reader, other).run("example.com", "example.com", ProgressListener.NONE);

        assertThat(store.reads.get()).isEqualTo(1);
        assertThat(seen).hasSize(3).allSatisfy(history -> assertThat(history)
                .extracting(observation -> observation.checkedAt().toString())
                .containsExactly("2026-11-05T00:00:00Z", "2026-11-01T00:00:00Z"));
    }

    @Test
    void aRunLoadsAtMostAFewHundredChangesNotTenThousandRows() {
        List<Integer> limits = Collections.synchronizedList(new ArrayList<>());
        RecordingStore store = new RecordingStore() {
            @Override
            public List<Observation> changes(String domain, int limit) {
                limits.add(limit);
                return super.changes(domain, limit);
            }
        };

        runner(store, check("reader", context -> {
                    context.history();
                    return CheckResult.of(Finding.pass("read", "Read"));
                }))
                .run("example.com", "example.com", ProgressListener.NONE);

        assertThat(limits).singleElement().satisfies(limit -> assertThat(limit).isBetween(1, 500));
    }

    @Test
    void everyRunRecordsWhatItSawAfterTheReport() {
        RecordingStore store = new RecordingStore();
        Check warns = check(
                "warns",
                context -> CheckResult.of(
                        Finding.warn(
                                "something-odd",
                                "Odd",
                                new Remediation("Fix it", FixTime.of(Duration.ofMinutes(5), "5 min"))),
                        Finding.pass("fine", "Fine")));

        Report report = runner(store, warns).run("example.com", "example.com", ProgressListener.NONE);

        assertThat(store.timeline("example.com")).singleElement().satisfies(observation -> {
            assertThat(observation.checkedAt()).isEqualTo(NOW).isEqualTo(report.checkedAt());
            assertThat(observation.status()).isEqualTo(Severity.WARN);
            assertThat(observation.findingCodes()).containsExactly("something-odd");
            // Nothing answered on the test resolver: nothing was seen, and nothing is made up.
            assertThat(observation.recordId()).isEmpty();
            assertThat(observation.body()).isEmpty();
            assertThat(observation.mxHosts()).isEmpty();
        });
    }

    @Test
    void aStoreThatCannotRecordDoesNotCostTheReport() {
        RecordingStore store = new RecordingStore();
        store.failWrites = true;

        Report report = runner(store, check("ok", context -> CheckResult.of(Finding.pass("fine", "Fine"))))
                .run("example.com", "example.com", ProgressListener.NONE);

        assertThat(report.status()).isEqualTo(Severity.PASS);
        assertThat(store.timeline("example.com")).isEmpty();
    }

    @Test
    void aStoreThatCannotBeReadMakesTheAskingCheckUnknownNotBlind() {
        RecordingStore store = new RecordingStore();
        store.failReads = true;
        Check reader = check("reader", context -> {
            context.history();
            return CheckResult.of(Finding.pass("baseline", "Baseline"));
        });
        Check other = check("other", context -> CheckResult.of(Finding.pass("fine", "Fine")));

        Report report = runner(store, reader, other).run("example.com", "example.com", ProgressListener.NONE);

        CheckReport failed = report.check("reader").orElseThrow();
        assertThat(failed.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(failed.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo("check-error");
            assertThat(finding.message())
                    .contains("needs the domain's history, which could not be read", "(reference ")
                    .doesNotContain("database down", "jdbc", "/data/");
        });
        assertThat(report.check("other").orElseThrow().status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aCheckAbandonedAtTheDeadlineNeverInterruptsTheHistoryRead() throws InterruptedException {
        // An interrupt that reaches the embedded H2 database mid-read closes its file channel and breaks every other
        // open connection ("MVStoreException: Reading from file ... failed"): history reads must never see one.
        java.util.concurrent.CountDownLatch readFinished = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        RecordingStore store = new RecordingStore() {
            @Override
            public List<Observation> recent(String domain, int limit) {
                long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
                while (System.nanoTime() < until) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        Thread.currentThread().interrupt();
                    }
                }
                interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
                readFinished.countDown();
                return super.recent(domain, limit);
            }
        };
        Check reader = check("reader", context -> {
            context.history();
            return CheckResult.of(Finding.pass("read", "Read"));
        });
        CheckRunner runner = runner(store, Duration.ofMillis(300), reader);

        Report report = runner.run("example.com", "example.com", ProgressListener.NONE);

        // Whether the wait for the history or the check's own deadline ends first, the verdict is unknown.
        assertThat(report.check("reader").orElseThrow().findings())
                .extracting(Finding::code)
                .containsAnyOf("check-timeout", "check-error");
        assertThat(readFinished.await(10, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();
        assertThat(interrupted).as("the history read was interrupted").isFalse();
    }

    private static CheckRunner runner(HistoryStore store, Check... checks) {
        return runner(store, Duration.ofSeconds(5), checks);
    }

    private static CheckRunner runner(HistoryStore store, Duration deadline, Check... checks) {
        EngineSettings settings =
                EngineSettings.defaults().withResolvers(List.of("127.0.0.1:9")).withDomainTimeout(deadline);
        Set<Check> set = new LinkedHashSet<>(List.of(checks));
        return new CheckRunner(
                new CheckRegistry(set, Set.of()),
                new DnsClient(settings.resolvers(), Duration.ofMillis(500)),
                new AddressGuard(List.of()),
                new HttpsFetcher(
                        new CertificateVerifier(Optional.empty()),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        1024,
                        CLOCK),
                settings,
                CLOCK,
                new SimpleMeterRegistry(),
                store,
                TestCheckRunner.noProbes(),
                dev.mtasts.core.ReportReceipts.none());
    }

    /** A store in memory that counts reads and can be told to fail. */
    static class RecordingStore implements HistoryStore {
        private final List<Observation> observations = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger reads = new AtomicInteger();
        volatile boolean failReads;
        volatile boolean failWrites;

        @Override
        public List<Observation> recent(String domain, int limit) {
            reads.incrementAndGet();
            if (failReads) {
                throw new HistoryStoreException(
                        "database down: jdbc:h2:/data/history.mv.db", new java.sql.SQLException("Connection refused"));
            }
            return timeline(domain).reversed().stream().limit(limit).toList();
        }

        @Override
        public void record(String domain, Observation observation) {
            if (failWrites) {
                throw new HistoryStoreException("disk full", new java.sql.SQLException("No space left on device"));
            }
            observations.add(observation);
        }

        @Override
        public List<Observation> timeline(String domain) {
            synchronized (observations) {
                return List.copyOf(observations);
            }
        }

        @Override
        public String describe() {
            return "memory";
        }

        @Override
        public void close() {}
    }
}
