package dev.mtasts.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.net.AddressGuard;
import dev.mtasts.core.net.CertificateVerifier;
import dev.mtasts.core.net.Cidr;
import dev.mtasts.spi.AddressAnswer;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.SmtpAddressProbes;
import dev.mtasts.spi.SmtpProbe.Outcome;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.SmtpFixture;
import dev.mtasts.testing.SmtpFixture.Scenario;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SmtpProbeCache#probeEach}: every address, in a fixed order, IPv6 only with a route, shared per address. */
final class TestSmtpAddressProbes {
    private static final CertificateAuthority CA = CertificateAuthority.create();
    private static final AddressGuard ALLOW_LOOPBACK =
            new AddressGuard(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")));
    private static final String HOST = "mx.example.com";

    private SmtpFixture first;
    private SmtpFixture second;

    @BeforeEach
    void start() throws Exception {
        first = SmtpFixture.start(CA, Scenario.VALID, InetAddress.getByName("127.0.0.1"), 0);
        second = SmtpFixture.start(CA, Scenario.VALID, InetAddress.getByName("127.0.0.2"), first.port());
    }

    @AfterEach
    void stop() {
        second.close();
        first.close();
    }

    @Test
    void withoutAnIpv6RouteTheAaaaAddressesAreNamedNotProbed() throws Exception {
        SmtpProbeCache cache = cache(SmtpSettings.CacheScope.IN_FLIGHT, 4, () -> false);

        SmtpAddressProbes probes = found(cache.probeEach(HOST, answer("::1", "127.0.0.1")));

        assertThat(probes.probed())
                .extracting(probe -> probe.address().getHostAddress())
                .containsExactly("127.0.0.1");
        assertThat(probes.ipv6Unrouted()).containsExactly(InetAddress.getByName("::1"));
        assertThat(first.connections()).isEqualTo(1);
    }

    @Test
    void withAnIpv6RouteTheAaaaAddressesAreProbedAfterTheIpv4Ones() throws Exception {
        SmtpProbeCache cache = cache(SmtpSettings.CacheScope.IN_FLIGHT, 4, () -> true);

        SmtpAddressProbes probes = found(cache.probeEach(HOST, answer("::1", "127.0.0.1")));

        assertThat(probes.probed())
                .extracting(probe -> probe.address().getHostAddress())
                .containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(probes.ipv6Unrouted()).isEmpty();
        // nothing listens on [::1] at the fixture's port: the probe was tried and failed to connect
        assertThat(probes.probed().get(1).result()).isInstanceOf(LookupResult.Failed.class);
    }

    @Test
    void theOrderAndTheLimitDoNotDependOnTheAnswerOrder() {
        SmtpProbeCache cache = cache(SmtpSettings.CacheScope.IN_FLIGHT, 1, () -> false);

        SmtpAddressProbes given = found(cache.probeEach(HOST, answer("127.0.0.2", "127.0.0.1")));
        SmtpAddressProbes reversed = found(cache.probeEach(HOST, answer("127.0.0.1", "127.0.0.2")));

        for (SmtpAddressProbes probes : List.of(given, reversed)) {
            assertThat(probes.probed())
                    .extracting(probe -> probe.address().getHostAddress())
                    .containsExactly("127.0.0.1");
            assertThat(probes.overLimit())
                    .extracting(InetAddress::getHostAddress)
                    .containsExactly("127.0.0.2");
        }
        assertThat(second.connections()).isZero();
    }

    @Test
    void aBulkRunProbesEachAddressOfAHostOnce() {
        SmtpProbeCache cache = cache(SmtpSettings.CacheScope.RUN, 4, () -> false);

        SmtpAddressProbes once = found(cache.probeEach(HOST, answer("127.0.0.1", "127.0.0.2")));
        SmtpAddressProbes again = found(cache.probeEach(HOST.toUpperCase(), answer("127.0.0.2", "127.0.0.1")));

        assertThat(again.probed()).isEqualTo(once.probed());
        assertThat(once.probed()).allSatisfy(probe -> assertThat(
                        TestSmtpProber.found(probe.result()).outcome())
                .isEqualTo(Outcome.TLS_ESTABLISHED));
        assertThat(first.connections()).isEqualTo(1);
        assertThat(second.connections()).isEqualTo(1);
    }

    private SmtpProbeCache cache(
            SmtpSettings.CacheScope scope, int addresses, java.util.function.BooleanSupplier ipv6) {
        SmtpSettings settings =
                TestSmtpProber.settings(first.port()).withCacheScope(scope).withMaxAddressesPerHost(addresses);
        return new SmtpProbeCache(
                new SmtpProber(settings, new CertificateVerifier(Optional.empty()), Clock.systemUTC()),
                FakeResolver.noTlsa(),
                ALLOW_LOOPBACK,
                settings,
                ipv6);
    }

    private static SmtpAddressProbes found(
            java.util.concurrent.CompletableFuture<LookupResult<SmtpAddressProbes>> future) {
        return future.join().found().orElseThrow();
    }

    private static LookupResult<AddressAnswer> answer(String... literals) {
        List<InetAddress> addresses = java.util.Arrays.stream(literals)
                .map(literal -> {
                    try {
                        return InetAddress.getByName(literal);
                    } catch (java.net.UnknownHostException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
        return LookupResult.found(new AddressAnswer(HOST, addresses, 300));
    }

    @Test
    void aProbeWaitingForItsAddressGivesUpAtTheDeadlineAndIsDroppedWithoutConnecting() {
        SmtpFixture hanging = SmtpFixture.start(CA, Scenario.HANG_AFTER_BANNER);
        try {
            SmtpSettings settings = TestSmtpProber.settings(hanging.port());
            SmtpProbeCache cache = new SmtpProbeCache(
                    new SmtpProber(settings, new CertificateVerifier(Optional.empty()), Clock.systemUTC()),
                    FakeResolver.noTlsa(),
                    ALLOW_LOOPBACK,
                    settings,
                    () -> false);
            long far = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            var running = cache.probeEach("a.example.com", answer("127.0.0.1"), far);
            await(() -> hanging.connections() == 1);

            long started = System.nanoTime();
            SmtpAddressProbes waiting = found(cache.probeEach(
                    "b.example.com",
                    answer("127.0.0.1"),
                    System.nanoTime() + java.time.Duration.ofMillis(300).toNanos()));
            long waited = System.nanoTime() - started;

            assertThat(waiting.probed().getFirst().result())
                    .isInstanceOfSatisfying(LookupResult.Failed.class, failed -> {
                        assertThat(failed.kind()).isEqualTo(LookupResult.FailureKind.DEADLINE);
                        assertThat(failed.detail()).contains("dropped");
                    });
            assertThat(waited).isLessThan(java.time.Duration.ofSeconds(2).toNanos());
            assertThat(running).isNotDone();
            running.join();
            assertThat(hanging.connections())
                    .as("the dropped probe never connects")
                    .isEqualTo(1);
        } finally {
            hanging.close();
        }
    }

    @Test
    void probesBeyondTheQueueCapAreRefusedAtOnce() {
        SmtpFixture hanging = SmtpFixture.start(CA, Scenario.HANG_AFTER_BANNER);
        try {
            SmtpSettings settings = TestSmtpProber.settings(hanging.port());
            SmtpProbeCache cache = new SmtpProbeCache(
                    new SmtpProber(settings, new CertificateVerifier(Optional.empty()), Clock.systemUTC()),
                    FakeResolver.noTlsa(),
                    ALLOW_LOOPBACK,
                    settings,
                    () -> false,
                    1,
                    SmtpProbeCache.KEPT);
            long far = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            var running = cache.probeEach("a.example.com", answer("127.0.0.1"), far);
            await(() -> hanging.connections() == 1);
            var queuedProbe = cache.probeEach("b.example.com", answer("127.0.0.1"), far);

            SmtpAddressProbes refused = found(cache.probeEach("c.example.com", answer("127.0.0.1"), far));

            assertThat(refused.probed().getFirst().result())
                    .isInstanceOfSatisfying(LookupResult.Failed.class, failed -> assertThat(failed.detail())
                            .contains("too many MX probes are waiting"));
            assertThat(queuedProbe).isNotDone();
            running.join();
            queuedProbe.join();
            assertThat(hanging.connections()).isEqualTo(2);
        } finally {
            hanging.close();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
