package dev.mtasts.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mtasts.core.subscription.SubscriptionOverview;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.store.subscription.JdbcSubscriptionStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mtasts subscriptions}: every channel's subscriptions, with their last status and next check. */
@Command(
        name = "subscriptions",
        mixinStandardHelpOptions = true,
        description = "List the subscriptions (platform, workspace, channel, domain, state, last status, last and next"
                + " check) from the database serve uses.",
        footer = {
            "",
            "Exit status: 0 listed (also when there are none), 64 bad usage, 69 the database is unavailable"
                    + " (reason on stderr)."
        })
final class SubscriptionsCommand extends LauncherCommand {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "serve's YAML configuration, for its store section (see config/README.md)")
    Path configFile;

    @Option(names = "--json", description = "one JSON object with every subscription")
    boolean json;

    @Mixin
    StoreOptions store;

    @Override
    int run(PrintWriter out, PrintWriter err) {
        BotConfig config = config(configFile);
        StoreSettings settings = store.settings(config.store(), System::getenv);
        List<SubscriptionOverview> subscriptions;
        String where;
        if (settings.embedded() && !Files.exists(settings.embeddedDatabaseFile())) {
            // No database yet, so no subscriptions: say so without creating one.
            subscriptions = List.of();
            where = "no database at " + settings.embeddedDatabaseFile();
        } else {
            try (JdbcHistoryStore history = JdbcHistoryStore.open(settings, Clock.systemUTC())) {
                subscriptions = new JdbcSubscriptionStore(history.dataSource(), history.describe()).overview();
                where = history.describe();
            }
        }
        if (json) {
            out.println(json(subscriptions));
        } else {
            out.print(table(subscriptions, Clock.systemUTC().instant()));
            out.println("(" + subscriptions.size() + (subscriptions.size() == 1 ? " subscription" : " subscriptions")
                    + " in " + where + ")");
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** A plain-text table, columns padded to their widest cell. */
    static String table(List<SubscriptionOverview> subscriptions, Instant now) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(
                "PLATFORM",
                "WORKSPACE",
                "CHANNEL",
                "DOMAIN",
                "STATE",
                "FAILURES",
                "LAST STATUS",
                "LAST CHECK",
                "NEXT CHECK"));
        for (SubscriptionOverview overview : subscriptions) {
            rows.add(List.of(
                    overview.subscription().channel().platform().label(),
                    overview.subscription().channel().workspaceId(),
                    overview.subscription().channel().channelId(),
                    overview.subscription().domain(),
                    overview.subscription().state().label(),
                    Integer.toString(overview.subscription().consecutiveFailures()),
                    overview.lastStatus().map(status -> status.label()).orElse("-"),
                    overview.lastCheckedAt().map(TIME::format).orElse("-"),
                    overview.nextCheckAt()
                            .map(next -> next.isAfter(now) ? TIME.format(next) : "due")
                            .orElse("-")));
        }
        int[] widths = new int[rows.getFirst().size()];
        for (List<String> row : rows) {
            for (int column = 0; column < row.size(); column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.size(); column++) {
                line.append(String.format("%-" + widths[column] + "s", visible(row.get(column))));
                if (column < row.size() - 1) {
                    line.append("  ");
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /** Control characters made harmless, so that no stored text can steer the terminal. */
    private static String visible(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c).forEach(out::appendCodePoint);
        return out.toString();
    }

    static String json(List<SubscriptionOverview> subscriptions) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode array = root.putArray("subscriptions");
        for (SubscriptionOverview overview : subscriptions) {
            ObjectNode node = array.addObject();
            node.put("platform", overview.subscription().channel().platform().label());
            node.put("workspace", overview.subscription().channel().workspaceId());
            node.put("channel", overview.subscription().channel().channelId());
            node.put("domain", overview.subscription().domain());
            node.put("state", overview.subscription().state().label());
            node.put("consecutiveFailures", overview.subscription().consecutiveFailures());
            overview.subscription()
                    .lastFailure()
                    .ifPresentOrElse(failure -> node.put("lastFailure", failure), () -> node.putNull("lastFailure"));
            node.put("createdBy", overview.subscription().createdBy());
            node.put("createdAt", overview.subscription().createdAt().toString());
            overview.lastStatus()
                    .ifPresentOrElse(
                            status -> node.put("lastStatus", status.label()), () -> node.putNull("lastStatus"));
            overview.lastCheckedAt()
                    .ifPresentOrElse(
                            at -> node.put("lastCheckedAt", at.toString()), () -> node.putNull("lastCheckedAt"));
            overview.nextCheckAt()
                    .ifPresentOrElse(at -> node.put("nextCheckAt", at.toString()), () -> node.putNull("nextCheckAt"));
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the subscriptions as JSON", e);
        }
    }

    /** Made on first use: picocli creates every command object for any command line, even {@code --help}. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
