package dev.mtasts.launcher;

import static dev.mtasts.launcher.TestCheckCommandUsage.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.core.subscription.ChannelRef;
import dev.mtasts.core.subscription.Platform;
import dev.mtasts.core.subscription.SubscriptionLimits;
import dev.mtasts.launcher.TestCheckCommandUsage.Result;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.store.subscription.JdbcSubscriptionStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtasts subscriptions}: what operators see of the subscriptions in serve's database. */
final class TestSubscriptionsCommand {
    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path directory;

    @Test
    void listsEverySubscriptionWithItsStateAndSchedule() {
        Path data = directory.resolve("data");
        try (JdbcHistoryStore history = JdbcHistoryStore.open(StoreSettings.embedded(data), Clock.systemUTC())) {
            JdbcSubscriptionStore store = new JdbcSubscriptionStore(history.dataSource(), history.describe());
            SubscriptionLimits limits = new SubscriptionLimits(50, 500);
            store.subscribe(
                    new ChannelRef(Platform.SLACK, "T024BE7LD", "C012AB3CD"),
                    "example.com",
                    "U1",
                    limits,
                    CREATED,
                    Instant.parse("2999-01-01T00:00:00Z"));
            store.subscribe(
                    new ChannelRef(Platform.DISCORD, "1100000000000000100", "1100000000000000200"),
                    "example.org",
                    "1100000000000000500",
                    limits,
                    CREATED,
                    CREATED);
        }

        Result table = run("subscriptions", "--data-dir", data.toString());
        Result json = run("subscriptions", "--data-dir", data.toString(), "--json");

        assertThat(table.status()).isZero();
        assertThat(table.out().lines().toList())
                .containsExactly(
                        "PLATFORM  WORKSPACE            CHANNEL              DOMAIN       STATE   FAILURES  LAST STATUS"
                                + "  LAST CHECK  NEXT CHECK",
                        "discord   1100000000000000100  1100000000000000200  example.org  active  0         -"
                                + "            -           due",
                        "slack     T024BE7LD            C012AB3CD            example.com  active  0         -"
                                + "            -           2999-01-01 00:00:00Z",
                        "(2 subscriptions in H2 database " + data.resolve("history.mv.db") + ")");
        assertThat(json.status()).isZero();
        JsonNode parsed = readJson(json.out());
        assertThat(parsed.get("subscriptions")).hasSize(2);
        JsonNode slack = parsed.get("subscriptions").get(1);
        assertThat(slack.get("platform").asText()).isEqualTo("slack");
        assertThat(slack.get("domain").asText()).isEqualTo("example.com");
        assertThat(slack.get("state").asText()).isEqualTo("active");
        assertThat(slack.get("createdBy").asText()).isEqualTo("U1");
        assertThat(slack.get("lastStatus").isNull()).isTrue();
        assertThat(slack.get("nextCheckAt").asText()).isEqualTo("2999-01-01T00:00:00Z");
    }

    @Test
    void noDatabaseMeansNoSubscriptionsAndCreatesNothing() {
        Path data = directory.resolve("never-used");

        Result result = run("subscriptions", "--data-dir", data.toString());

        assertThat(result.status()).isZero();
        assertThat(result.out())
                .endsWith("(0 subscriptions in no database at " + data.resolve("history.mv.db") + ")\n");
        assertThat(data).doesNotExist();
    }

    @Test
    void anUnreachableDatabaseIsExitStatus69() {
        Result result = run("subscriptions", "--jdbc-url", "jdbc:postgresql://127.0.0.1:9/nothing");

        assertThat(result.status()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(result.err()).startsWith("mtasts: cannot connect to PostgreSQL");
    }

    private static JsonNode readJson(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
