package dev.mtasts.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckService;
import dev.mtasts.core.CheckStatus;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.Report;
import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.internal.PluginChecksModule;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.Observation;
import dev.mtasts.spi.Severity;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.HttpsFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The id-sync check end to end: real DNS and HTTPS servers on loopback, the real engine and plugin, and one history
 * store shared by three separate checks, as three runs of {@code mtasts check} would share it.
 */
final class TestIdSyncWithFixtures {
    private static final String DOMAIN = "drift.example";
    private static final String BEFORE = "version: STSv1\nmode: enforce\nmx: mx1.drift.example\nmax_age: 604800\n";
    private static final String AFTER =
            "version: STSv1\nmode: enforce\nmx: mx1.drift.example\nmx: mx2.drift.example\nmax_age: 604800\n";

    @TempDir
    Path directory;

    private final MemoryHistoryStore store = new MemoryHistoryStore();
    private final List<DnsFixture> dnsServers = new ArrayList<>();
    private HttpsFixture https;
    private Path caFile;

    @BeforeEach
    void start() {
        CertificateAuthority ca = CertificateAuthority.create();
        https = HttpsFixture.start(ca);
        caFile = ca.writePem(directory.resolve("ca.pem"));
    }

    @AfterEach
    void stop() {
        https.close();
        dnsServers.forEach(DnsFixture::close);
    }

    @Test
    void baselineThenBodyChangedWithTheSameIdFailsThenTheBumpPasses() {
        // Step 1: the first check records the baseline.
        https.policy("mta-sts." + DOMAIN, BEFORE);
        Report first = check(dns("20261101T000000"));

        CheckReport baseline = first.check("id-sync").orElseThrow();
        assertThat(baseline.status()).isEqualTo(CheckStatus.PASS);
        assertThat(codes(baseline)).containsExactly("id-baseline");
        assertThat(baseline.findings().getFirst().message()).contains("Baseline recorded", "subscribe");

        // Step 2: the policy file changes (a second MX), the DNS id does not.
        https.policy("mta-sts." + DOMAIN, AFTER);
        Report second = check(dns("20261101T000000"));

        CheckReport drift = second.check("id-sync").orElseThrow();
        assertThat(drift.status()).isEqualTo(CheckStatus.FAIL);
        Finding notBumped = drift.findings().stream()
                .filter(finding -> finding.code().equals("id-not-bumped"))
                .findFirst()
                .orElseThrow();
        assertThat(notBumped.message())
                .contains("Policy changed but id not bumped", "kept id=20261101T000000", "until as late as");
        assertThat(notBumped.evidence()).contains("+ mx: mx2.drift.example");
        assertThat(notBumped.remediation().orElseThrow().fixTime().text())
                .isEqualTo("5 min change + TTL wait (up to 5 min)");
        assertThat(notBumped.remediation().orElseThrow().fixTime().waiting()).isEqualTo(Duration.ofSeconds(300));
        assertThat(second.status()).isEqualTo(Severity.FAIL);

        // Step 3: a new id is published; senders will now fetch the changed policy.
        Report third = check(dns("20261128T120000"));

        CheckReport bumped = third.check("id-sync").orElseThrow();
        assertThat(bumped.status()).isEqualTo(CheckStatus.PASS);
        assertThat(codes(bumped)).containsExactly("id-bumped");

        assertThat(store.timeline(DOMAIN))
                .extracting(observation -> observation.recordId().orElseThrow())
                .containsExactly("20261101T000000", "20261101T000000", "20261128T120000");
        assertThat(store.timeline(DOMAIN).get(1).findingCodes()).contains("id-not-bumped");
        assertThat(store.timeline(DOMAIN).get(2).body()).contains(AFTER);
        assertThat(store.timeline(DOMAIN).get(2).mxPatterns())
                .containsExactly("mx1.drift.example", "mx2.drift.example");
        assertThat(store.timeline(DOMAIN).get(2).mxHosts()).containsExactly("mx1.drift.example");
        assertThat(store.timeline(DOMAIN).get(2).certificateNotAfter()).isPresent();
    }

    /** A fresh DNS server publishing the domain with this id (a record cannot be replaced in place). */
    private DnsFixture dns(String id) {
        DnsFixture dns = DnsFixture.start()
                .txt("_mta-sts." + DOMAIN, "v=STSv1; id=" + id)
                .txt("_smtp._tls." + DOMAIN, "v=TLSRPTv1; rua=mailto:tlsrpt@" + DOMAIN)
                .mx(DOMAIN, 10, "mx1." + DOMAIN)
                .a("mx1." + DOMAIN, "127.0.0.1")
                .a("mta-sts." + DOMAIN, "127.0.0.1");
        dnsServers.add(dns);
        return dns;
    }

    private Report check(DnsFixture dns) {
        EngineSettings settings = EngineSettings.defaults()
                .withResolvers(List.of(dns.hostAndPort()))
                .withCaFile(Optional.of(caFile))
                .withAllowedRanges(List.of("127.0.0.0/8"))
                .withHttpsPort(https.port());
        Injector injector = Guice.createInjector(
                new EngineModule(settings), PluginChecksModule.of(new MtaStsCheckPlugin()), new AbstractModule() {
                    @Override
                    protected void configure() {
                        OptionalBinder.newOptionalBinder(binder(), HistoryStore.class)
                                .setBinding()
                                .toInstance(store);
                    }
                });
        DomainInput.Valid input = (DomainInput.Valid) DomainInput.parse(DOMAIN);
        return injector.getInstance(CheckService.class).check(input);
    }

    private static List<String> codes(CheckReport report) {
        return report.findings().stream().map(Finding::code).toList();
    }

    /** The engine's history store, in memory. */
    static final class MemoryHistoryStore implements HistoryStore {
        private final List<Observation> observations = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<Observation> recent(String domain, int limit) {
            return timeline(domain).reversed().stream().limit(limit).toList();
        }

        @Override
        public void record(String domain, Observation observation) {
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
