package dev.mtasts.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.net.AddressGuard;
import dev.mtasts.core.net.CertificateVerifier;
import dev.mtasts.core.net.Cidr;
import dev.mtasts.spi.AddressAnswer;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.LookupResult.NotFoundKind;
import dev.mtasts.spi.MxAnswer;
import dev.mtasts.spi.MxAnswer.MxRecord;
import dev.mtasts.spi.SmtpProbe;
import dev.mtasts.spi.SmtpProbe.Outcome;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.SmtpFixture;
import dev.mtasts.testing.SmtpFixture.Scenario;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class TestSmtpProbeCache {
    private static final CertificateAuthority CA = CertificateAuthority.create();
    private static final AddressGuard ALLOW_LOOPBACK = new AddressGuard(List.of(Cidr.parse("127.0.0.0/8")));

    private final List<SmtpFixture> fixtures = new ArrayList<>();

    @AfterEach
    void closeFixtures() {
        fixtures.forEach(SmtpFixture::close);
    }

    @Test
    void callersWhileAProbeRunsShareIt() {
        SmtpFixture smtp = fixture(Scenario.HANG_AFTER_BANNER);
        SmtpProbeCache cache = cache(smtp, SmtpSettings.CacheScope.IN_FLIGHT, ALLOW_LOOPBACK);

        CompletableFuture<LookupResult<SmtpProbe>> first = cache.probe("mx.example.com", loopback("mx.example.com"));
        CompletableFuture<LookupResult<SmtpProbe>> second = cache.probe("MX.Example.com.", loopback("mx.example.com"));

        assertThat(second).isSameAs(first);
        assertThat(TestSmtpProber.found(first.join()).outcome()).isEqualTo(Outcome.REPLY_TIMEOUT);
        assertThat(smtp.connections()).isEqualTo(1);
    }

    @Test
    void runScopeKeepsEveryResultSoEachHostIsProbedOnce() {
        SmtpFixture smtp = fixture(Scenario.VALID);
        SmtpProbeCache cache = cache(smtp, SmtpSettings.CacheScope.RUN, ALLOW_LOOPBACK);

        LookupResult<SmtpProbe> first =
                cache.probe("mx.example.com", loopback("mx.example.com")).join();
        LookupResult<SmtpProbe> again =
                cache.probe("mx.example.com", loopback("mx.example.com")).join();
        cache.probe("mx2.example.com", loopback("mx2.example.com")).join();

        assertThat(again).isSameAs(first);
        assertThat(smtp.connections()).isEqualTo(2);
    }

    @Test
    void runScopeKeepsOnlyTheMostRecentlyAskedForResultsBeyondItsLimit() {
        SmtpFixture smtp = fixture(Scenario.VALID);
        SmtpSettings settings = TestSmtpProber.settings(smtp.port()).withCacheScope(SmtpSettings.CacheScope.RUN);
        SmtpProbeCache cache = new SmtpProbeCache(
                prober(settings), FakeResolver.noTlsa(), ALLOW_LOOPBACK, settings, () -> false, 512, 2);

        for (String host : List.of("popular.example.com", "a.example.com", "popular.example.com", "b.example.com")) {
            cache.probeEach(host, loopback(host)).join();
        }
        assertThat(smtp.connections())
                .as("popular stays kept while a and b come through")
                .isEqualTo(3);

        cache.probeEach("popular.example.com", loopback("popular.example.com")).join();
        assertThat(smtp.connections()).isEqualTo(3);
        cache.probeEach("a.example.com", loopback("a.example.com")).join();
        assertThat(smtp.connections()).as("a was dropped to make room for b").isEqualTo(4);
    }

    @Test
    void runScopeKeepsOnlyTheMostRecentlyAskedForAddressLookupsBeyondItsLimit() {
        SmtpSettings settings = TestSmtpProber.settings(25).withCacheScope(SmtpSettings.CacheScope.RUN);
        SmtpProbeCache cache = new SmtpProbeCache(
                prober(settings), FakeResolver.noTlsa(), ALLOW_LOOPBACK, settings, () -> false, 512, 1);
        List<String> asked = new ArrayList<>();
        for (String host : List.of("x.example.com", "x.example.com", "y.example.com", "x.example.com")) {
            cache.addresses(host, name -> {
                        asked.add(name);
                        return CompletableFuture.completedFuture(loopback(name));
                    })
                    .join();
        }

        assertThat(asked).containsExactly("x.example.com", "y.example.com", "x.example.com");
    }

    @Test
    void runScopeLooksUpAHostsTlsaRecordsOnceForEveryDomainThatNamesIt() {
        SmtpFixture smtp = fixture(Scenario.VALID);
        FakeResolver dns = FakeResolver.nxdomain();
        SmtpSettings settings = TestSmtpProber.settings(smtp.port()).withCacheScope(SmtpSettings.CacheScope.RUN);
        SmtpProbeCache cache = new SmtpProbeCache(prober(settings), new TlsaLookup(dns), ALLOW_LOOPBACK, settings);

        for (int domain = 0; domain < 3; domain++) {
            cache.prefetchTlsa("mx.example.com");
            cache.probeEach("mx.example.com", loopback("mx.example.com")).join();
        }

        assertThat(dns.queries()).isEqualTo(1);
        assertThat(smtp.connections()).isEqualTo(1);
    }

    @Test
    void inFlightScopeLooksUpTlsaRecordsAgainForEachCheck() {
        SmtpFixture smtp = fixture(Scenario.VALID);
        FakeResolver dns = FakeResolver.nxdomain();
        SmtpSettings settings = TestSmtpProber.settings(smtp.port()).withCacheScope(SmtpSettings.CacheScope.IN_FLIGHT);
        SmtpProbeCache cache = new SmtpProbeCache(prober(settings), new TlsaLookup(dns), ALLOW_LOOPBACK, settings);

        for (int check = 0; check < 2; check++) {
            cache.prefetchTlsa("mx.example.com");
            cache.probeEach("mx.example.com", loopback("mx.example.com")).join();
        }

        assertThat(dns.queries())
                .as("one lookup a check: the prefetched one, taken by its probe")
                .isEqualTo(2);
    }

    @Test
    void inFlightScopeProbesAfreshOnceAProbeHasFinished() {
        SmtpFixture smtp = fixture(Scenario.VALID);
        SmtpProbeCache cache = cache(smtp, SmtpSettings.CacheScope.IN_FLIGHT, ALLOW_LOOPBACK);

        cache.probe("mx.example.com", loopback("mx.example.com")).join();
        cache.probe("mx.example.com", loopback("mx.example.com")).join();

        assertThat(smtp.connections()).isEqualTo(2);
    }

    @Test
    void addressesTheGuardRefusesAreNeverConnectedTo() {
        SmtpFixture smtp = fixture(Scenario.VALID);
        SmtpProbeCache cache = cache(smtp, SmtpSettings.CacheScope.RUN, new AddressGuard(List.of()));

        LookupResult<SmtpProbe> result =
                cache.probe("mx.example.com", loopback("mx.example.com")).join();

        assertThat(result).isInstanceOfSatisfying(LookupResult.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.ADDRESS_REFUSED);
            assertThat(failed.detail())
                    .contains("not probing mx.example.com: refused by the address guard")
                    .doesNotContain("127.0.0.1");
        });
        assertThat(smtp.connections()).isZero();
    }

    @Test
    void anAddressLookupThatFoundNothingIsPassedThrough() {
        SmtpProbeCache cache = cache(fixture(Scenario.VALID), SmtpSettings.CacheScope.RUN, ALLOW_LOOPBACK);

        LookupResult<SmtpProbe> result = cache.probe(
                        "gone.example.com", LookupResult.notFound(NotFoundKind.NXDOMAIN, "gone.example.com: NXDOMAIN"))
                .join();

        assertThat(result).isEqualTo(LookupResult.notFound(NotFoundKind.NXDOMAIN, "gone.example.com: NXDOMAIN"));
    }

    @Test
    void probesToOneAddressWaitForEachOtherBeyondTheLimit() {
        SmtpFixture smtp = fixture(Scenario.HANG_AFTER_BANNER);
        Duration banner = Duration.ofMillis(300);
        SmtpSettings settings = TestSmtpProber.settings(smtp.port())
                .withTimeouts(Duration.ofSeconds(2), banner, Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withConnectionsPerAddress(1);
        SmtpProbeCache cache = new SmtpProbeCache(prober(settings), FakeResolver.noTlsa(), ALLOW_LOOPBACK, settings);

        long started = System.nanoTime();
        List<CompletableFuture<LookupResult<SmtpProbe>>> probes = new ArrayList<>();
        for (String host : List.of("a.example.net", "b.example.net", "c.example.net")) {
            probes.add(cache.probe(host, loopback(host)));
        }
        probes.forEach(CompletableFuture::join);

        // Each probe waits out the banner timeout on EHLO; one at a time, three of them cannot take less than three.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(banner.multipliedBy(3));
        assertThat(smtp.connections()).isEqualTo(3);
    }

    @Test
    void probeOrderIsBySenderPreferenceThenNameWithoutDuplicatesOrTheNullMx() {
        MxAnswer answer = new MxAnswer(
                "example.com",
                List.of(
                        new MxRecord(20, "backup.example.com", 300),
                        new MxRecord(10, "mx2.example.com", 300),
                        new MxRecord(10, "MX1.example.com.", 300),
                        new MxRecord(30, "mx2.example.com", 300),
                        new MxRecord(0, "", 300)),
                List.of());

        assertThat(SmtpProbeCache.probeOrder(answer))
                .containsExactly("mx1.example.com", "mx2.example.com", "backup.example.com");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private SmtpFixture fixture(Scenario scenario) {
        SmtpFixture smtp = SmtpFixture.start(CA, scenario);
        fixtures.add(smtp);
        return smtp;
    }

    @Test
    void aRunKeepsAnMxHostsAddressesButAsksAgainAfterAFailure() {
        SmtpProbeCache cache = cache(fixture(Scenario.VALID), SmtpSettings.CacheScope.RUN, ALLOW_LOOPBACK);
        List<String> asked = new ArrayList<>();

        LookupResult<AddressAnswer> first = cache.addresses("MX.example.com.", host -> {
                    asked.add(host);
                    return CompletableFuture.completedFuture(loopback(host));
                })
                .join();
        LookupResult<AddressAnswer> again = cache.addresses("mx.example.com", host -> {
                    asked.add("again " + host);
                    return CompletableFuture.completedFuture(loopback(host));
                })
                .join();
        for (int attempt = 0; attempt < 2; attempt++) {
            cache.addresses("timeout.example.com", host -> {
                        asked.add(host);
                        return CompletableFuture.completedFuture(LookupResult.failed(FailureKind.TIMEOUT, "timed out"));
                    })
                    .join();
        }

        assertThat(again).isSameAs(first);
        assertThat(asked).containsExactly("mx.example.com", "timeout.example.com", "timeout.example.com");
    }

    @Test
    void withoutARunScopeAddressesAreSharedOnlyWhileInFlight() {
        SmtpProbeCache cache = cache(fixture(Scenario.VALID), SmtpSettings.CacheScope.IN_FLIGHT, ALLOW_LOOPBACK);
        CompletableFuture<LookupResult<AddressAnswer>> running = new CompletableFuture<>();
        List<String> asked = new ArrayList<>();

        CompletableFuture<LookupResult<AddressAnswer>> first = cache.addresses("mx.example.com", host -> {
            asked.add(host);
            return running;
        });
        CompletableFuture<LookupResult<AddressAnswer>> beside = cache.addresses("mx.example.com", host -> {
            asked.add("beside");
            return new CompletableFuture<>();
        });
        running.complete(loopback("mx.example.com"));
        cache.addresses("mx.example.com", host -> {
                    asked.add("after");
                    return CompletableFuture.completedFuture(loopback(host));
                })
                .join();

        assertThat(beside).isSameAs(first);
        assertThat(asked).containsExactly("mx.example.com", "after");
    }

    private static SmtpProbeCache cache(SmtpFixture smtp, SmtpSettings.CacheScope scope, AddressGuard guard) {
        SmtpSettings settings = TestSmtpProber.settings(smtp.port()).withCacheScope(scope);
        return new SmtpProbeCache(prober(settings), FakeResolver.noTlsa(), guard, settings);
    }

    private static SmtpProber prober(SmtpSettings settings) {
        return new SmtpProber(settings, new CertificateVerifier(Optional.empty()), Clock.systemUTC());
    }

    private static LookupResult<AddressAnswer> loopback(String host) {
        try {
            InetAddress address = InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1});
            return LookupResult.found(new AddressAnswer(host, List.of(address), 300));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
