package dev.mtasts.launcher;

import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.core.history.Timeline;
import dev.mtasts.core.history.TimelineJson;
import dev.mtasts.core.history.TimelineText;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mtasts history}: what changed when for a domain, from the observations every check records. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = "Show a domain's timeline: what changed when (id, policy, mode, MX, certificate, verdicts).",
        footer = {
            "",
            "Exit status: 0 shown (also when there is no history yet), 64 bad input or usage,"
                    + " 69 the history store is unavailable (reason on stderr)."
        })
final class HistoryCommand extends LauncherCommand {

    @Parameters(paramLabel = "DOMAIN", description = "the domain (e-mail addresses and URLs are fine)")
    String domain;

    @Option(names = "--json", description = "the timeline as one JSON object")
    boolean json;

    @Mixin
    StoreOptions store;

    @Override
    int run(PrintWriter out, PrintWriter err) {
        DomainInput.Valid input = domain(domain);
        StoreSettings settings = store.settings(System::getenv);
        Timeline timeline;
        String where;
        if (settings.embedded() && !Files.exists(settings.embeddedDatabaseFile())) {
            // Nothing was ever recorded here: say so without creating a database.
            timeline = Timeline.of(input.domain(), List.of());
            where = "no history database at " + settings.embeddedDatabaseFile();
        } else {
            try (HistoryStore history = JdbcHistoryStore.open(settings, Clock.systemUTC())) {
                timeline = Timeline.of(input.domain(), history.timeline(input.domain()));
                where = history.describe();
            }
        }
        if (json) {
            out.println(TimelineJson.toPrettyString(timeline));
        } else {
            out.print(TimelineText.render(timeline));
            if (timeline.entries().isEmpty()) {
                out.println("(" + where + ")");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
