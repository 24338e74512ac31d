package dev.mtasts.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.adapter.discord.FakeDiscord.Call;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bot against a fake Discord: the wire calls for a check, its thread, the fallbacks, buttons and refusals. */
final class TestDiscordContract {
    private DiscordHarness harness;
    private FakeDiscord discord;

    @BeforeEach
    void start() throws Exception {
        harness = DiscordHarness.start(null);
        discord = harness.discord;
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void registersTheGlobalCommandWithItsSubcommandsAtStartUp() {
        Call put = discord.await("the registration", call -> call.is("PUT", "applications/\\d+/commands"));

        DataArray commands = DataArray.fromJson(put.body());
        assertThat(commands.length()).isEqualTo(1);
        DataObject command = commands.getObject(0);
        assertThat(command.getString("name")).isEqualTo("mtasts");
        DataArray subcommands = command.getArray("options");
        assertThat(names(subcommands))
                .containsExactly("check", "subscribe", "unsubscribe", "list", "help", "history", "reports");
        assertThat(subcommands.getObject(5).getArray("options").getObject(0).getBoolean("required"))
                .isTrue();
        DataObject domain = subcommands.getObject(0).getArray("options").getObject(0);
        assertThat(domain.getString("name")).isEqualTo("domain");
        assertThat(domain.getBoolean("required")).isTrue();
        assertThat(subcommands
                        .getObject(3)
                        .optArray("options")
                        .map(DataArray::length)
                        .orElse(0))
                .isZero();
        assertThat(harness.frontEnd.healthy()).isTrue();
        assertThat(put.authorization()).isEqualTo("Bot " + FakeDiscord.TOKEN);
    }

    @Test
    void historyAnswersOnlyTheMemberWithTheTimeline() {
        String token = discord.slashCommand("history", Optional.of("Example.com"), List.of());
        Call edit = discord.await(
                "the history",
                call -> call.is("PATCH", "webhooks/" + FakeDiscord.APPLICATION + "/" + token + "/messages/@original"));
        Call callback = only(discord.calls(), "POST", "interactions/\\d+/" + token + "/callback");
        assertThat(callback.json().getInt("type")).isEqualTo(5);
        assertThat(callback.json().getObject("data").getInt("flags") & 64).isEqualTo(64);
        DataObject embed = embed(edit.json());
        assertThat(embed.getString("title")).isEqualTo("History of example.com");
        assertThat(embed.getString("description")).startsWith("```").contains("example.com");
    }

    @Test
    void checkDefersEditsInPlaceThenOpensAThreadWithOneMessagePerProblem() {
        String token = discord.slashCommand("check", Optional.of("https://Example.com/"), List.of());
        long original = discord.originalMessageId(token);

        Call thread = discord.await(
                "the thread",
                call -> call.is("POST", "channels/" + FakeDiscord.CHANNEL + "/messages/" + original + "/threads"));
        List<Call> details =
                discord.awaitCount("thread messages", call -> call.is("POST", "channels/" + original + "/messages"), 2);

        List<Call> calls = discord.calls();
        Call callback = only(calls, "POST", "interactions/\\d+/" + token + "/callback");
        assertThat(callback.json().getInt("type")).isEqualTo(5);
        assertThat(callback.json().optObject("data")).isEmpty();
        List<Call> edits =
                all(calls, "PATCH", "webhooks/" + FakeDiscord.APPLICATION + "/" + token + "/messages/@original");
        assertThat(edits).hasSizeGreaterThanOrEqualTo(2);
        assertThat(calls.indexOf(callback)).isLessThan(calls.indexOf(edits.getFirst()));

        DataObject progress = edits.getFirst().json();
        assertThat(embed(progress).getString("title")).isEqualTo("MTA-STS check of example.com");
        assertThat(embed(progress).getString("description")).startsWith("Checking example.com… ");
        assertThat(progress.getArray("components").isEmpty()).isTrue();

        DataObject report = edits.getLast().json();
        assertThat(embed(report).getString("title")).isEqualTo("example.com: 1 check fails, 1 warns");
        assertThat(embed(report).getInt("color")).isEqualTo(DiscordReportFormatter.FAIL_COLOUR);
        assertThat(names(embed(report).getArray("fields")))
                .containsExactly(
                        "✅ MTA-STS DNS record",
                        "⚠️ Policy fetch",
                        "✅ Policy syntax",
                        "❌ MX and policy in sync",
                        "ℹ️ TLS-RPT record");
        assertThat(embed(report).getObject("footer").getString("text")).startsWith("Estimated fix time: ");
        assertThat(buttons(report))
                .containsExactly(
                        "mtasts:recheck:example.com", "mtasts:subscribe:example.com", "mtasts:policy:example.com");
        assertThat(calls.indexOf(edits.getLast())).isLessThan(calls.indexOf(thread));

        assertThat(thread.json().getString("name")).isEqualTo("MTA-STS example.com");
        assertThat(details.stream().map(call -> embed(call.json()).getString("title")))
                .containsExactly("⚠️ Policy fetch", "❌ MX and policy in sync");
        assertThat(embed(details.get(1).json()).getString("description"))
                .contains("@\u200Beveryone")
                .contains("**Fix:** ")
                .contains("**Fix time:** 10 min + up to 1 d TTL");
        assertEveryMessageMentionsNobody(discord.calls());
    }

    @Test
    void inADirectMessageTheDetailsGoInTheReply() {
        String token = discord.directMessageCheck("example.com");

        DataObject report = awaitFinalReport(token);

        assertThat(report.getArray("embeds").length()).isEqualTo(3);
        assertThat(report.getArray("embeds").getObject(2).getString("title")).isEqualTo("❌ MX and policy in sync");
        assertThat(discord.calls()).noneMatch(call -> call.path().endsWith("/threads"));
        assertEveryMessageMentionsNobody(discord.calls());
    }

    @Test
    void inADetachedGuildTheDetailsGoInTheReply() {
        String token = discord.detachedGuildCheck("example.com");

        DataObject report = awaitFinalReport(token);

        assertThat(report.getArray("embeds").length()).isEqualTo(3);
        assertThat(discord.calls()).noneMatch(call -> call.path().endsWith("/threads"));
    }

    @Test
    void whenTheThreadIsRefusedTheDetailsGoInTheReply() {
        discord.refuseThreads();
        String token = discord.slashCommand("check", Optional.of("example.com"), List.of());
        long original = discord.originalMessageId(token);

        discord.await("the refused thread", call -> call.is("POST", "channels/\\d+/messages/" + original + "/threads"));
        String edit = "webhooks/" + FakeDiscord.APPLICATION + "/" + token + "/messages/@original";
        Call inline = discord.await(
                "the inline details",
                call -> call.is("PATCH", edit) && call.json().getArray("embeds").length() == 3);

        assertThat(embed(inline.json()).getString("title")).isEqualTo("example.com: 1 check fails, 1 warns");
        assertThat(buttons(inline.json())).hasSize(3);
        assertThat(discord.calls()).noneMatch(call -> call.is("POST", "channels/" + original + "/messages"));
        assertEveryMessageMentionsNobody(discord.calls());
    }

    @Test
    void helpInvalidInputAndRefusalsAreEphemeral() {
        DataObject help = awaitEphemeral(discord.slashCommand("help", Optional.empty(), List.of()));
        DataObject invalid =
                awaitEphemeral(discord.slashCommand("check", Optional.of("@everyone not a domain"), List.of()));
        DataObject refused = awaitEphemeral(discord.slashCommand("subscribe", Optional.of("example.com"), List.of()));

        assertThat(help.getString("content")).startsWith("**/mtasts** checks a domain's MTA-STS");
        assertThat(invalid.getString("content")).contains("@\u200Beveryone").doesNotContain("@everyone");
        assertThat(refused.getString("content"))
                .isEqualTo("Only members with the Manage Server permission can subscribe this channel to a domain or"
                        + " unsubscribe it.");
        assertThat(discord.calls()).noneMatch(call -> call.method().equals("PATCH"));
        assertEveryMessageMentionsNobody(discord.calls());
    }

    @Test
    void reCheckButtonPostsAFreshReport() {
        long report = 1_100_000_000_000_009_000L;
        String token = discord.buttonClick(
                "mtasts:recheck:example.com", report, "example.com: 1 check fails, 1 warns", List.of());

        DataObject fresh = awaitFinalReport(token);

        Call callback = only(discord.calls(), "POST", "interactions/\\d+/" + token + "/callback");
        assertThat(callback.json().getInt("type")).isEqualTo(5);
        assertThat(embed(fresh).getString("title")).isEqualTo("example.com: 1 check fails, 1 warns");
        discord.await(
                "the re-check's thread",
                call -> call.is("POST", "channels/\\d+/messages/" + discord.originalMessageId(token) + "/threads"));
        assertEveryMessageMentionsNobody(discord.calls());
    }

    @Test
    void showPolicyButtonAnswersEphemerallyWithTheEscapedFile() {
        // A domain too long for the custom id travels in the report's title instead.
        String token = discord.buttonClick(
                "mtasts:policy", 1_100_000_000_000_009_001L, "example.com: 1 check fails, 1 warns", List.of());

        String edit = "webhooks/" + FakeDiscord.APPLICATION + "/" + token + "/messages/@original";
        Call answer = discord.await("the policy", call -> call.is("PATCH", edit));

        Call callback = only(discord.calls(), "POST", "interactions/\\d+/" + token + "/callback");
        assertThat(callback.json().getInt("type")).isEqualTo(5);
        assertThat(callback.json().getObject("data").getInt("flags") & 64).isEqualTo(64);
        assertThat(embed(answer.json()).getString("title")).isEqualTo("Policy file of example.com");
        assertThat(embed(answer.json()).getString("description"))
                .startsWith("```\nversion: STSv1\n")
                .contains("# `\u200B`\u200B`\u200B @\u200Beveryone");
        assertEveryMessageMentionsNobody(discord.calls());
    }

    @Test
    void subscribeButtonIsGatedLikeTheCommand() {
        DataObject refused = awaitEphemeral(discord.buttonClick(
                "mtasts:subscribe:example.com", 1_100_000_000_000_009_002L, "example.com: all good", List.of()));

        assertThat(refused.getString("content")).startsWith("Only members with the Manage Server permission");
    }

    private DataObject awaitFinalReport(String token) {
        String edit = "webhooks/" + FakeDiscord.APPLICATION + "/" + token + "/messages/@original";
        return discord.await(
                        "the final report",
                        call -> call.is("PATCH", edit) && !buttons(call.json()).isEmpty())
                .json();
    }

    /** The data of an immediate ephemeral reply (callback type 4, flag 64). */
    private DataObject awaitEphemeral(String token) {
        Call callback = discord.await("the reply", call -> call.is("POST", "interactions/\\d+/" + token + "/callback"));
        DataObject json = callback.json();
        assertThat(json.getInt("type")).isEqualTo(4);
        DataObject data = json.getObject("data");
        assertThat(data.getInt("flags") & 64).as("ephemeral flag").isEqualTo(64);
        return data;
    }

    /** Every message the bot created or edited said "mention nobody", and every call carried the bot token. */
    private static void assertEveryMessageMentionsNobody(List<Call> calls) {
        for (Call call : calls) {
            assertThat(call.authorization()).isEqualTo("Bot " + FakeDiscord.TOKEN);
            Optional<DataObject> message = messageBody(call);
            message.ifPresent(body -> {
                assertThat(body.optObject("allowed_mentions"))
                        .as("allowed_mentions of %s", call)
                        .isPresent();
                DataObject mentions = body.getObject("allowed_mentions");
                assertThat(mentions.getArray("parse").isEmpty()).as("%s", call).isTrue();
                assertThat(mentions.optArray("users").map(DataArray::isEmpty).orElse(true))
                        .isTrue();
                assertThat(mentions.optArray("roles").map(DataArray::isEmpty).orElse(true))
                        .isTrue();
            });
        }
    }

    private static Optional<DataObject> messageBody(Call call) {
        if (call.is("PATCH", "webhooks/.*")
                || call.is("POST", "webhooks/.*")
                || call.is("POST", "channels/\\d+/messages")) {
            return Optional.of(call.json());
        }
        if (call.is("POST", "interactions/.*/callback") && call.json().getInt("type") == 4) {
            return Optional.of(call.json().getObject("data"));
        }
        return Optional.empty();
    }

    private static Call only(List<Call> calls, String method, String path) {
        List<Call> matching = all(calls, method, path);
        assertThat(matching).as("%s %s", method, path).hasSize(1);
        return matching.getFirst();
    }

    private static List<Call> all(List<Call> calls, String method, String path) {
        return calls.stream().filter(call -> call.is(method, path)).toList();
    }

    private static DataObject embed(DataObject message) {
        return message.getArray("embeds").getObject(0);
    }

    private static List<String> buttons(DataObject message) {
        DataArray rows = message.optArray("components").orElse(DataArray.empty());
        return rows.stream(DataArray::getObject)
                .flatMap(row -> row.getArray("components").stream(DataArray::getObject))
                .map(button -> button.getString("custom_id"))
                .toList();
    }

    private static List<String> names(DataArray array) {
        return array.stream(DataArray::getObject)
                .map(object -> object.getString("name"))
                .toList();
    }
}
