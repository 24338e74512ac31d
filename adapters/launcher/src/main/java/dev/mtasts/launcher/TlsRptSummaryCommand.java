package dev.mtasts.launcher;

import com.google.inject.Injector;
import dev.mtasts.core.CheckService;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.chat.TlsRptSummary;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.smtp.SmtpSettings;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.tlsrpt.TlsRptService;
import dev.mtasts.tlsrpt.TlsRptSummaryJson;
import dev.mtasts.tlsrpt.TlsRptSummaryText;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mtasts tlsrpt summary DOMAIN}: what the reports say, and whether the domain is safe to enforce. */
@Command(
        name = "summary",
        mixinStandardHelpOptions = true,
        description = "Summarise a domain's TLS-RPT reports (sessions, failures by result type and MX, reporting"
                + " organisations) and say whether it is safe to move from testing to enforce. The policy's mode and"
                + " MX hosts come from the latest stored check of the domain; --check checks it live first.",
        footer = {"", "Exit status: 0 shown, 64 bad input or usage, 69 the store is unavailable (reason on stderr)."})
final class TlsRptSummaryCommand extends LauncherCommand {

    @Parameters(paramLabel = "DOMAIN", description = "the policy domain")
    String domain;

    @Option(names = "--json", description = "the summary as one JSON object")
    boolean json;

    @Option(
            names = "--days",
            paramLabel = "N",
            description = "the last N days, today included (UTC; default " + TlsRptService.DEFAULT_DAYS + ")")
    int days = TlsRptService.DEFAULT_DAYS;

    @Option(
            names = "--check",
            description = "check the domain live first (its mode and MX hosts), instead of using the latest stored"
                    + " check")
    boolean check;

    @Mixin
    NetworkOptions network;

    @Mixin
    StoreOptions store;

    @Override
    int run(PrintWriter out, PrintWriter err) {
        DomainInput.Valid input = domain(domain);
        if (days < 1 || days > TlsRptService.MAX_DAYS) {
            throw new UsageException("--days: give 1 to " + TlsRptService.MAX_DAYS + ", not " + days);
        }
        EngineSettings engine = network.apply(EngineSettings.defaults());
        StoreSettings settings = store.settings(System::getenv);
        TlsRptSummary summary;
        try (JdbcHistoryStore history = JdbcHistoryStore.open(settings, Clock.systemUTC())) {
            if (check) {
                Injector injector = Bootstrap.forOneRun(
                        engine, history, EngineModule.smtp(network.applySmtp(SmtpSettings.defaults())));
                injector.getInstance(CheckService.class).check(input); // records the observation readiness reads
            }
            TlsRptService service = TlsRptService.over(history, settings.retentionDays(), Clock.systemUTC());
            summary = service.summary(input.domain(), days);
        }
        out.print(json ? TlsRptSummaryJson.toPrettyString(summary) + "\n" : TlsRptSummaryText.render(summary));
        out.flush();
        return ExitCodes.OK;
    }
}
