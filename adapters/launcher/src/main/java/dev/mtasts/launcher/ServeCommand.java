package dev.mtasts.launcher;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.ReportReceipts;
import dev.mtasts.core.chat.TlsReports;
import dev.mtasts.core.dispatch.CheckDispatcher;
import dev.mtasts.core.frontend.FrontEnd;
import dev.mtasts.core.frontend.HttpRoute;
import dev.mtasts.core.smtp.SmtpSettings;
import dev.mtasts.core.subscription.SubscriptionModule;
import dev.mtasts.core.subscription.SubscriptionScheduler;
import dev.mtasts.core.subscription.SubscriptionStore;
import dev.mtasts.core.subscription.TlsReportNews;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.LatestReportStore;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.store.subscription.JdbcSubscriptionStore;
import dev.mtasts.tlsrpt.TlsRptChat;
import dev.mtasts.tlsrpt.TlsRptMailboxPoller;
import dev.mtasts.tlsrpt.TlsRptReceiver;
import dev.mtasts.tlsrpt.TlsRptService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mtasts serve}: the long-lived bot with every configured front end and the HTTP server. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the bot: Slack when its tokens are set, Discord when its token is set, /healthz, and the"
                + " re-checks of subscribed domains.")
final class ServeCommand extends LauncherCommand {
    /** Logging starts on the first use, so {@code mtasts --help} and {@code check} never pay for it here. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    }

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (see config/README.md)")
    Path configFile;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (overrides http.port; 0 picks a free one)")
    Integer port;

    @Mixin
    NetworkOptions network;

    @Mixin
    StoreOptions store;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    int run(PrintWriter out, PrintWriter err) throws Exception {
        BotConfig config = config(configFile);
        LogConfigurator.useFormat(config.logging().format());
        EngineSettings settings = network.apply(config.network().apply(EngineSettings.defaults()));
        BotConfig.Http http = port == null ? config.http() : config.http().withPort(port);
        List<Module> frontEndModules = FrontEnds.modules(config, System::getenv);
        Module collections = binder -> {
            Multibinder.newSetBinder(binder, FrontEnd.class);
            Multibinder.newSetBinder(binder, HttpRoute.class);
        };
        List<Module> modules = new ArrayList<>(frontEndModules);
        modules.add(collections);
        modules.add(EngineModule.smtp(network.applySmtp(config.mxProbe().apply(SmtpSettings.defaults()))));
        modules.add(EngineModule.dispatch(config.dispatch().settings()));
        modules.add(EngineModule.meters(WebFrontEnds.registry()));
        modules.add(EngineModule.shareLinks(http.shareLinks()));
        StoreSettings storeSettings = store.settings(config.store(), System::getenv);
        JdbcHistoryStore history = JdbcHistoryStore.open(storeSettings, Clock.systemUTC());
        Log.LOG.info("history kept in {}", history.describe());
        // Subscriptions live next to the history, in the same database and pool.
        SubscriptionStore subscriptions = new JdbcSubscriptionStore(history.dataSource(), history.describe());
        modules.add(new SubscriptionModule(subscriptions, config.subscriptions().settings()));
        // TLS-RPT reports (RFC 8460) are received next to the history: POST /tlsrpt, and a mailbox when configured;
        // chat reads them through the core's TlsReports port (/mtasts reports).
        TlsRptService reports = TlsRptService.over(history, storeSettings.retentionDays(), Clock.systemUTC());
        TlsRptChat chatReports = new TlsRptChat(reports, config.tlsrpt().failureShare());
        modules.add(binder -> {
            binder.bind(TlsReports.class).toInstance(chatReports);
            OptionalBinder.newOptionalBinder(binder, TlsReportNews.class)
                    .setBinding()
                    .toInstance(chatReports);
        });
        modules.add(EngineModule.reports(receipts(config.tlsrpt().reportAddresses(), reports)));
        // The engine records into the history and keeps each domain's latest full report for the web permalink.
        Injector injector =
                Bootstrap.injector(settings, LatestReportStore.over(history), modules.toArray(Module[]::new));
        List<FrontEnd> frontEnds = List.copyOf(injector.getInstance(Key.get(new TypeLiteral<Set<FrontEnd>>() {})));
        List<HttpRoute> routes = new ArrayList<>(injector.getInstance(Key.get(new TypeLiteral<Set<HttpRoute>>() {})));
        routes.add(
                TlsRptRoutes.route(new TlsRptReceiver(reports), reports.limits().maxBytes()));
        Optional<TlsRptMailboxPoller> mailbox =
                config.tlsrpt().imapSettings(System::getenv).map(imap -> new TlsRptMailboxPoller(imap, reports));
        routes.addAll(WebFrontEnds.routes(injector, http));
        BotHttpServer server = new BotHttpServer(http, routes, frontEnds, () -> {
            history.recent("readyz.invalid", 1);
            return true;
        });
        CheckDispatcher dispatcher = injector.getInstance(CheckDispatcher.class);
        SubscriptionScheduler scheduler = injector.getInstance(SubscriptionScheduler.class);
        // Started in this order, stopped in reverse: on SIGTERM the scheduler and the dispatcher stop taking work
        // (running checks get dispatch.shutdown-grace-seconds), then the gateways close, then the HTTP server, then
        // the store, even when a stop before it failed.
        Lifecycle lifecycle = new Lifecycle().onStop("the history and subscription store", history::close);
        lifecycle.add("the HTTP server", new Lifecycle.Part() {
            @Override
            public void start() throws Exception {
                server.start();
            }

            @Override
            public void stop() {
                server.stop();
            }
        });
        for (FrontEnd frontEnd : frontEnds) {
            lifecycle.add("front end " + frontEnd.name(), new Lifecycle.Part() {
                @Override
                public void start() throws Exception {
                    frontEnd.start();
                    Log.LOG.info("front end {} started", frontEnd.name());
                }

                @Override
                public void stop() {
                    frontEnd.stop();
                }
            });
        }
        mailbox.ifPresent(poller -> lifecycle.add("the TLS-RPT mailbox", new Lifecycle.Part() {
            @Override
            public void start() {
                poller.start();
            }

            @Override
            public void stop() {
                poller.stop();
            }
        }));
        lifecycle.onStop("the check dispatcher", dispatcher::close);
        lifecycle.add("the subscription scheduler", new Lifecycle.Part() {
            @Override
            public void start() {
                if (!scheduler.platforms().isEmpty()) {
                    scheduler.start();
                }
            }

            @Override
            public void stop() {
                scheduler.stop();
            }
        });
        lifecycle.start();
        if (frontEnds.isEmpty()) {
            err.println(
                    "mtasts: no chat front end configured (set SLACK_BOT_TOKEN or DISCORD_TOKEN); serving the web page only");
            err.flush();
        }
        Log.LOG.info("mtasts serving on port {}", server.port());
        // SIGTERM/SIGINT: stop in order while the JVM still runs; the hook only covers an exit nobody signalled.
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(lifecycle::stop));
        Signals.onTermination(stopped::countDown);
        stopped.await();
        List<Exception> failures = lifecycle.stop();
        Log.LOG.info(
                "mtasts stopped{}", failures.isEmpty() ? "" : " (" + failures.size() + " parts did not stop cleanly)");
        return failures.isEmpty() ? ExitCodes.OK : ExitCodes.SOFTWARE;
    }

    /** The tls-rpt check's view of the reports this bot receives: its configured addresses and the store. */
    static ReportReceipts receipts(List<String> addresses, TlsRptService reports) {
        return new ReportReceipts() {
            @Override
            public List<String> addresses() {
                return addresses;
            }

            @Override
            public Optional<java.time.Instant> lastReceived(String domain) {
                return reports.lastReceived(domain);
            }
        };
    }
}
