package dev.mtasts.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.CheckService;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import dev.mtasts.core.dns.DnsClient;
import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.core.internal.CheckRegistry;
import dev.mtasts.core.internal.CheckRunner;
import dev.mtasts.core.net.AddressGuard;
import dev.mtasts.core.net.CertificateVerifier;
import dev.mtasts.core.net.HttpsFetcher;
import dev.mtasts.core.smtp.SmtpProbeCache;
import dev.mtasts.core.smtp.SmtpProber;
import dev.mtasts.core.smtp.SmtpSettings;
import dev.mtasts.core.smtp.TlsaLookup;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.Observation;
import dev.mtasts.testing.ObservationBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The real engine runs the check and records the observation; the checker finds that very observation again. */
final class TestEngineDomainChecker {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123456789Z");

    @Test
    void stateCarriesTheObservationOfThatVeryRun() {
        MemoryHistory history = new MemoryHistory();
        history.record(
                "example.com",
                ObservationBuilder.at(NOW.minus(Duration.ofHours(1)))
                        .mxHosts("old.example.com")
                        .build());
        EngineDomainChecker checker = new EngineDomainChecker(service(history), history);

        Report report = checker.check("example.com", ProgressListener.NONE);
        DomainState state = checker.state(report);

        assertThat(history.recorded).hasSize(2);
        assertThat(state.observed())
                .as("the run's own observation (no MX: DNS is unreachable here), not the older one")
                .contains(new DomainState.Observed(List.of(), List.of()));
        assertThat(state.findings()).extracting(DomainState.FindingState::code).containsExactly("looked");
    }

    @Test
    void withoutHistoryTheRawDataIsUnknown() {
        EngineDomainChecker checker = new EngineDomainChecker(service(HistoryStore.none()), HistoryStore.none());

        Report report = checker.check("example.com", ProgressListener.NONE);

        assertThat(checker.state(report).observed()).isEmpty();
    }

    @Test
    void theObservationNamesThePolicyHostsCertificate() {
        Observation observation = ObservationBuilder.at(NOW)
                .mxHosts("mx1.example.com", "mx2.example.com")
                .certificateNotAfter(NOW.plus(Duration.ofDays(30)).toString())
                .build();

        assertThat(DomainStates.observed("example.com", observation))
                .isEqualTo(new DomainState.Observed(
                        List.of("mx1.example.com", "mx2.example.com"),
                        List.of(new DomainState.Certificate("mta-sts.example.com", NOW.plus(Duration.ofDays(30))))));
    }

    private static CheckService service(HistoryStore history) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        EngineSettings settings = EngineSettings.defaults()
                .withResolvers(List.of("127.0.0.1:9"))
                .withDomainTimeout(Duration.ofSeconds(5));
        Check check = new Check() {
            @Override
            public String id() {
                return "looker";
            }

            @Override
            public String title() {
                return "Looker";
            }

            @Override
            public CheckResult run(DomainContext context) {
                return CheckResult.of(Finding.pass("looked", "Looked"));
            }
        };
        return new CheckService(new CheckRunner(
                new CheckRegistry(Set.of(check), Set.of()),
                new DnsClient(settings.resolvers(), Duration.ofMillis(300)),
                new AddressGuard(List.of()),
                new HttpsFetcher(
                        new CertificateVerifier(Optional.empty()),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        1024,
                        clock),
                settings,
                clock,
                new SimpleMeterRegistry(),
                history,
                noProbes(clock),
                dev.mtasts.core.ReportReceipts.none()));
    }

    /** An SMTP probe cache that probes no MX host. */
    private static SmtpProbeCache noProbes(Clock clock) {
        SmtpSettings settings = SmtpSettings.defaults().withMaxHosts(0);
        return new SmtpProbeCache(
                new SmtpProber(settings, new CertificateVerifier(Optional.empty()), clock),
                TlsaLookup.forResolvers(List.of("127.0.0.1:9"), Duration.ofSeconds(1)),
                new AddressGuard(List.of()),
                settings);
    }

    /** History in memory, newest first, times kept to the microsecond as the JDBC store keeps them. */
    private static final class MemoryHistory implements HistoryStore {
        final List<Observation> recorded = new ArrayList<>();

        @Override
        public synchronized List<Observation> recent(String domain, int limit) {
            List<Observation> newestFirst = new ArrayList<>(recorded);
            newestFirst.sort((first, second) -> second.checkedAt().compareTo(first.checkedAt()));
            return newestFirst.subList(0, Math.min(limit, newestFirst.size()));
        }

        @Override
        public synchronized void record(String domain, Observation observation) {
            recorded.add(ObservationBuilder.from(observation)
                    .checkedAt(observation.checkedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS))
                    .build());
        }

        @Override
        public synchronized List<Observation> timeline(String domain) {
            return List.copyOf(recorded);
        }

        @Override
        public String describe() {
            return "memory";
        }

        @Override
        public void close() {}
    }
}
