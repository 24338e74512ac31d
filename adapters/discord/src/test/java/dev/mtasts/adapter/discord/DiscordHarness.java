package dev.mtasts.adapter.discord;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.frontend.FrontEnd;
import dev.mtasts.core.internal.PluginChecksModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
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

    static DiscordHarness start(String shards) throws Exception {
        FakeDiscord discord = new FakeDiscord();
        DiscordConfig config =
                new DiscordConfig(discord.apiUrl(), discord.gatewayUrl(), null, shards, null, null, DiscordConfig.NONE);
        FrontEnd frontEnd = frontEnd(config, FakeDiscord.TOKEN);
        frontEnd.start();
        discord.awaitSession();
        discord.await("the /mtasts registration", call -> call.is("PUT", "applications/\\d+/commands"));
        return new DiscordHarness(discord, frontEnd);
    }

    /** The front end as serve's injector builds it, not started. */
    static FrontEnd frontEnd(DiscordConfig config, String token) {
        Injector injector = Guice.createInjector(
                Stage.PRODUCTION,
                binder -> {
                    binder.requireExplicitBindings();
                    binder.disableCircularProxies();
                    binder.requireExactBindingAnnotations();
                    binder.requireAtInjectOnConstructors();
                },
                new EngineModule(settings()),
                PluginChecksModule.of(SampleChecks.plugin()),
                new DiscordModule(config, new DiscordToken(token)),
                binder -> Multibinder.newSetBinder(binder, FrontEnd.class));
        Set<FrontEnd> frontEnds = injector.getInstance(Key.get(new TypeLiteral<Set<FrontEnd>>() {}));
        return List.copyOf(frontEnds).getFirst();
    }

    static EngineSettings settings() {
        return EngineSettings.defaults()
                .withResolvers(List.of("127.0.0.1:" + closedUdpPort()))
                .withDnsTimeout(Duration.ofSeconds(1))
                .withDomainTimeout(Duration.ofSeconds(20));
    }

    /** A loopback UDP port nothing listens on: DNS queries fail at once instead of leaving the machine. */
    private static int closedUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        frontEnd.stop();
        discord.close();
    }
}
