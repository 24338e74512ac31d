package dev.mtasts.core;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.mtasts.core.dispatch.CheckDispatcher;
import dev.mtasts.core.dispatch.DispatchSettings;
import dev.mtasts.core.dns.DnsClient;
import dev.mtasts.core.frontend.ShareLinks;
import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.core.internal.CheckRegistry;
import dev.mtasts.core.internal.CheckRunner;
import dev.mtasts.core.metrics.Metrics;
import dev.mtasts.core.net.AddressGuard;
import dev.mtasts.core.net.CertificateVerifier;
import dev.mtasts.core.net.Cidr;
import dev.mtasts.core.net.HttpsFetcher;
import dev.mtasts.core.smtp.SmtpProbeCache;
import dev.mtasts.core.smtp.SmtpProber;
import dev.mtasts.core.smtp.SmtpSettings;
import dev.mtasts.core.smtp.TlsaLookup;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;

/**
 * Binds the engine: settings, DNS, guard, fetcher, MX prober, runner and the public {@link CheckService}. The MX
 * probe settings default to {@link SmtpSettings#defaults()}; front ends replace them with {@link #smtp(SmtpSettings)}.
 */
public final class EngineModule extends AbstractModule {
    private final EngineSettings settings;
    private final Clock clock;

    public EngineModule(EngineSettings settings) {
        this(settings, Clock.systemUTC());
    }

    public EngineModule(EngineSettings settings, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    protected void configure() {
        bind(EngineSettings.class).toInstance(settings);
        bind(Clock.class).toInstance(clock);
        bind(CheckRegistry.class).in(Singleton.class);
        bind(CheckRunner.class).in(Singleton.class);
        bind(CheckService.class).in(Singleton.class);
        // No history unless a store module sets one; every mtasts command installs the real store.
        OptionalBinder.newOptionalBinder(binder(), HistoryStore.class)
                .setDefault()
                .toInstance(HistoryStore.none());
        OptionalBinder.newOptionalBinder(binder(), SmtpSettings.class)
                .setDefault()
                .toInstance(SmtpSettings.defaults());
        OptionalBinder.newOptionalBinder(binder(), DispatchSettings.class)
                .setDefault()
                .toInstance(DispatchSettings.defaults());
        // One registry per process; without a module that sets one (serve's Prometheus registry), meters stay in
        // memory.
        OptionalBinder.newOptionalBinder(binder(), MeterRegistry.class)
                .setDefault()
                .toInstance(new SimpleMeterRegistry());
        // No "Share" links in chat reports unless the launcher sets http.public-url.
        OptionalBinder.newOptionalBinder(binder(), ShareLinks.class)
                .setDefault()
                .toInstance(ShareLinks.none());
        // No TLS-RPT reports received unless the launcher binds a store (EngineModule.reports).
        OptionalBinder.newOptionalBinder(binder(), ReportReceipts.class)
                .setDefault()
                .toInstance(ReportReceipts.none());
        bind(CheckDispatcher.class).in(Singleton.class);
        bind(SmtpProber.class).in(Singleton.class);
        bind(SmtpProbeCache.class).in(Singleton.class);
    }

    /** A module, installed next to this one, that replaces the default MX probe settings. */
    public static Module smtp(SmtpSettings settings) {
        requireNonNull(settings, "settings is null");
        return binder -> OptionalBinder.newOptionalBinder(binder, SmtpSettings.class)
                .setBinding()
                .toInstance(settings);
    }

    /** A module, installed next to this one, that tells the checks which TLS-RPT reports this bot receives. */
    public static Module reports(ReportReceipts receipts) {
        requireNonNull(receipts, "receipts is null");
        return binder -> OptionalBinder.newOptionalBinder(binder, ReportReceipts.class)
                .setBinding()
                .toInstance(receipts);
    }

    /** A module, installed next to this one, that replaces the default admission, cache and rate limits. */
    public static Module dispatch(DispatchSettings settings) {
        requireNonNull(settings, "settings is null");
        return binder -> OptionalBinder.newOptionalBinder(binder, DispatchSettings.class)
                .setBinding()
                .toInstance(settings);
    }

    /**
     * A module, installed next to this one, that makes {@code registry} the one registry of the process: the engine,
     * the dispatcher, the scheduler and every front end record into it ({@code serve} exports it at {@code /metrics}).
     */
    public static Module meters(MeterRegistry registry) {
        requireNonNull(registry, "registry is null");
        return binder -> OptionalBinder.newOptionalBinder(binder, MeterRegistry.class)
                .setBinding()
                .toInstance(registry);
    }

    /** A module, installed next to this one, that gives chat reports a "Share" link to the web permalink. */
    public static Module shareLinks(ShareLinks links) {
        requireNonNull(links, "links is null");
        return binder -> OptionalBinder.newOptionalBinder(binder, ShareLinks.class)
                .setBinding()
                .toInstance(links);
    }

    @Provides
    @Singleton
    Metrics metrics(MeterRegistry registry) {
        return new Metrics(registry);
    }

    @Provides
    @Singleton
    DnsClient dnsClient(EngineSettings settings) {
        return new DnsClient(settings.resolvers(), settings.dnsTimeout());
    }

    @Provides
    @Singleton
    AddressGuard addressGuard(EngineSettings settings) {
        return new AddressGuard(
                settings.allowedRanges().stream().map(Cidr::parse).toList(), settings.refusedSuffixes());
    }

    @Provides
    @Singleton
    CertificateVerifier certificateVerifier(EngineSettings settings) {
        return new CertificateVerifier(settings.caFile());
    }

    @Provides
    @Singleton
    TlsaLookup tlsaLookup(EngineSettings settings) {
        return TlsaLookup.forResolvers(settings.resolvers(), settings.dnsTimeout());
    }

    @Provides
    @Singleton
    HttpsFetcher httpsFetcher(EngineSettings settings, CertificateVerifier verifier, Clock clock) {
        return new HttpsFetcher(
                verifier,
                settings.connectTimeout(),
                settings.readTimeout(),
                settings.fetchTimeout(),
                settings.maxPolicyBytes(),
                clock);
    }
}
