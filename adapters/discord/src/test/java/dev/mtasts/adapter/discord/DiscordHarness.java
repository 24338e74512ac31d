package dev.mtasts.adapter.discord;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.mtasts.core.CheckPlugins;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.chat.TlsReports;
import dev.mtasts.core.dispatch.DispatchSettings;
import dev.mtasts.core.dispatch.RateLimit;
import dev.mtasts.core.frontend.FrontEnd;
import dev.mtasts.core.subscription.InMemorySubscriptionStore;
import dev.mtasts.core.subscription.SubscriptionModule;
import dev.mtasts.core.subscription.SubscriptionSettings;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.HttpsFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Discord front end wired as {@code mtasts serve} wires it (strict Guice, the real engine), with the sample
 * checks instead of the plugins and a DNS resolver on a closed loopback port, so nothing leaves the machine.
 */
final class DiscordHarness implements AutoCloseable {
    final FakeDiscord discord;
    final FrontEnd frontEnd;

    private DiscordHarness(FakeDiscord discord, FrontEnd frontEnd) {
        this.discord = discord;
        this.frontEnd = frontEnd;
    }

    /**
     * The dispatcher's settings for tests that are not about admission: no cache, no cooldown, limits far away, so
     * every command runs its own check as before the dispatcher existed.
     */
    static final DispatchSettings OPEN = DispatchSettings.defaults()
            .withCacheTtl(Duration.ZERO)
            .withRecheckCooldown(Duration.ZERO)
            .withPerUser(new RateLimit(100_000, Duration.ofMillis(1)))
            .withPerPlace(new RateLimit(100_000, Duration.ofMillis(1)))
            .withShutdownGrace(Duration.ofSeconds(2));

    static DiscordHarness start(String shards, Module... extra) throws Exception {
        return start(shards, OPEN, extra);
    }

    static DiscordHarness start(String shards, DispatchSettings dispatch, Module... extra) throws Exception {
        FakeDiscord discord = new FakeDiscord();
        DiscordSettings config = new DiscordSettings(
                discord.apiUrl(), discord.gatewayUrl(), null, shards, null, null, DiscordSettings.NONE);
        List<Module> modules = new ArrayList<>(List.of(extra));
        modules.add(EngineModule.dispatch(dispatch));
        FrontEnd frontEnd = frontEnd(config, FakeDiscord.TOKEN, modules.toArray(Module[]::new));
        frontEnd.start();
        discord.awaitSession();
        discord.await("the /mtasts registration", call -> call.is("PUT", "applications/\\d+/commands"));
        return new DiscordHarness(discord, frontEnd);
    }

    /**
     * The front end as serve's injector builds it, not started. Serve always installs subscriptions and the TLS
     * reports: here subscriptions over an in-memory store, unless {@code extra} brings its own {@link
     * SubscriptionModule}, and a report store that fails if read, unless {@code extra} sets the {@link TlsReports}
     * binding.
     */
    static FrontEnd frontEnd(DiscordSettings config, String token, Module... extra) {
        List<Module> modules = new ArrayList<>();
        modules.add(binder -> {
            binder.requireExplicitBindings();
            binder.disableCircularProxies();
            binder.requireExactBindingAnnotations();
            binder.requireAtInjectOnConstructors();
        });
        modules.add(new EngineModule(settings()));
        modules.add(CheckPlugins.of(SampleChecks.plugin()));
        modules.add(new DiscordModule(config, new DiscordToken(token)));
        modules.add(binder -> Multibinder.newSetBinder(binder, FrontEnd.class));
        modules.add(binder -> OptionalBinder.newOptionalBinder(binder, TlsReports.class)
                .setDefault()
                .toInstance((domain, days) -> {
                    throw new IllegalStateException("this test keeps no TLS reports");
                }));
        if (Arrays.stream(extra).noneMatch(SubscriptionModule.class::isInstance)) {
            modules.add(new SubscriptionModule(new InMemorySubscriptionStore(), SubscriptionSettings.defaults()));
        }
        modules.addAll(List.of(extra));
        Injector injector = Guice.createInjector(Stage.PRODUCTION, modules);
        Set<FrontEnd> frontEnds = injector.getInstance(Key.get(new TypeLiteral<Set<FrontEnd>>() {}));
        return List.copyOf(frontEnds).getFirst();
    }

    static EngineSettings settings() {
        return EngineSettings.defaults()
                .withResolvers(List.of(PolicyHost.DNS.hostAndPort()))
                .withCaFile(Optional.of(PolicyHost.CA_FILE))
                .withAllowedRanges(List.of("127.0.0.0/8"))
                .withHttpsPort(PolicyHost.HTTPS.port())
                .withDnsTimeout(Duration.ofSeconds(1))
                .withDomainTimeout(Duration.ofSeconds(20));
    }

    /**
     * DNS and HTTPS on loopback serving {@link SampleChecks#POLICY_BODY} as example.com's policy file, so that the
     * engine fetches a real body for "Show policy"; other names do not resolve. Shared by the tests of this JVM.
     */
    static final class PolicyHost {
        static final CertificateAuthority CA = CertificateAuthority.create();
        static final DnsFixture DNS = DnsFixture.start().a("mta-sts.example.com", "127.0.0.1");
        static final HttpsFixture HTTPS =
                HttpsFixture.start(CA).policy("mta-sts.example.com", SampleChecks.POLICY_BODY);
        static final Path CA_FILE = writeCa();

        private PolicyHost() {}

        private static Path writeCa() {
            try {
                Path file = Files.createTempFile("mtasts-discord-ca", ".pem");
                file.toFile().deleteOnExit();
                return CA.writePem(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        frontEnd.stop();
        discord.close();
    }
}
