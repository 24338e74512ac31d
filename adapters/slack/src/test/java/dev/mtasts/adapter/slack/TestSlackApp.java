package dev.mtasts.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mtasts.core.Report;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real Bolt app over real HTTP on loopback, against a fake Slack Web API; only the engine is a fake. */
final class TestSlackApp {
    private SlackHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private HttpResponse<String> command(String channel, String text) throws Exception {
        return harness.requests.postForm(
                SignedRequests.slashCommandBody(channel, text, harness.slack.responseUrl("command-" + channel)));
    }

    private List<FakeSlack.Call> parents() {
        return harness.slack.calls("chat.postMessage").stream()
                .filter(call -> !call.params().containsKey("thread_ts"))
                .toList();
    }

    private List<FakeSlack.Call> thread(String ts) {
        return harness.slack.calls("chat.postMessage").stream()
                .filter(call -> ts.equals(call.params().get("thread_ts")))
                .toList();
    }

    private List<FakeSlack.Call> updates(String ts) {
        return harness.slack.calls("chat.update").stream()
                .filter(call -> ts.equals(call.params().get("ts")))
                .toList();
    }

    /** The ts the fake gave the first parent message. */
    private static String firstTs() {
        return "1700000000.000100";
    }

    @Test
    void acksAtOnceWhileTheCheckIsStillRunning() throws Exception {
        harness = SlackHarness.start(FakeChecker.held(TestingReports::failing));
        Instant sent = Instant.now();
        HttpResponse<String> ack = command("C1", "example.com");
        Duration took = Duration.between(sent, Instant.now());

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).isEmpty();
        assertThat(harness.checker.finished())
                .as("the ack did not wait for the check")
                .isZero();
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        FakeSlack.await("the parent message", () -> parents().size() == 1);
        assertThat(parents().getFirst().param("text")).isEqualTo("Checking example.com… 0/5 checks done");
        harness.checker.release();
        FakeSlack.await("the thread replies", () -> thread(firstTs()).size() == 2);
    }

    @Test
    void postsTheParentUpdatesItLiveAndThreadsTheProblems() throws Exception {
        harness = SlackHarness.start(FakeChecker.answering(TestingReports::failing));
        command("C1", "https://Example.com/path");
        FakeSlack.await("the thread replies", () -> thread(firstTs()).size() == 2);

        FakeSlack.Call parent = parents().getFirst();
        assertThat(parent.param("channel")).isEqualTo("C1");
        assertThat(parent.blocksText()).contains("Checking example.com… 0/5 checks done");
        List<FakeSlack.Call> updates = updates(firstTs());
        assertThat(updates).isNotEmpty();
        assertThat(updates)
                .allSatisfy(update -> assertThat(update.param("channel")).isEqualTo("C1"));
        FakeSlack.Call last = updates.getLast();
        assertThat(last.param("text")).isEqualTo("MTA-STS example.com: 1 check fails, 1 warns");
        Golden.assertMatches("wire-final-parent", last.blocks());
        List<FakeSlack.Call> replies = thread(firstTs());
        assertThat(replies.get(0).blocksText()).contains("*MTA-STS DNS record* — fail");
        assertThat(replies.get(1).blocksText()).contains("*TLS-RPT record* — warn");
        List<FakeSlack.Call> calls = harness.slack.calls();
        assertThat(calls.indexOf(last))
                .as("the final parent comes before its thread")
                .isLessThan(calls.indexOf(replies.getFirst()));
        for (FakeSlack.Call call : harness.slack.calls("chat.postMessage")) {
            assertThat(call.params().getOrDefault("link_names", "0")).isIn("0", "false");
            assertThat(call.params()).doesNotContainKey("parse");
            assertThat(call.blocksText()).doesNotContain("<!channel>").doesNotContain("<!here>");
        }
    }

    @Test
    void aPassingDomainGetsNoThread() throws Exception {
        harness = SlackHarness.start(FakeChecker.answering(TestingReports::passing));
        command("C1", "example.org");
        FakeSlack.await("the final report", () -> updates(firstTs()).stream()
                .anyMatch(update -> update.param("text").contains("looks good")));
        assertThat(harness.checker.finished()).isEqualTo(1);
        assertThat(thread(firstTs())).isEmpty();
        assertThat(updates(firstTs()).getLast().blocksText()).contains("Nothing to fix");
    }

    @Test
    void refusesBadSignaturesAndStaleOrFutureTimestamps() throws Exception {
        harness = SlackHarness.start(FakeChecker.answering(TestingReports::failing));
        String body = SignedRequests.slashCommandBody("C1", "example.com", harness.slack.responseUrl("x"));
        String form = "application/x-www-form-urlencoded";
        Instant now = Instant.now();
        assertThat(harness.requests.post(body, form, now, "wrong-secret").statusCode())
                .isEqualTo(401);
        assertThat(harness.requests
                        .post(body, form, now.minus(Duration.ofMinutes(6)), SignedRequests.SIGNING_SECRET)
                        .statusCode())
                .isEqualTo(401);
        assertThat(harness.requests
                        .post(body, form, now.plus(Duration.ofMinutes(10)), SignedRequests.SIGNING_SECRET)
                        .statusCode())
                .isEqualTo(401);
        assertThat(harness.requests.send(body, form, null, null).statusCode()).isEqualTo(401);
        assertThat(harness.requests
                        .send(body + "&x=1", form, String.valueOf(now.getEpochSecond()), "v0=" + "0".repeat(64))
                        .statusCode())
                .isEqualTo(401);
        assertThat(harness.requests.post(body, form).statusCode()).isEqualTo(200);
        FakeSlack.await(
                "the one accepted command",
                () -> harness.checker.finished() == 1 && !parents().isEmpty());
        assertThat(parents()).hasSize(1);
        assertThat(harness.checker.started()).isEqualTo(1);
    }

    @Test
    void historyAnswersOnlyTheUserWithTheTimeline() throws Exception {
        harness = SlackHarness.start(FakeChecker.answering(TestingReports::failing));
        HttpResponse<String> ack = command("C1", "history Example.com");
        assertThat(ack.body()).isEmpty();
        FakeSlack.await("the history", () -> harness.slack.calls("respond").size() == 1);
        FakeSlack.Call answer = harness.slack.calls("respond").getFirst();
        assertThat(answer.json().orElseThrow().get("response_type").getAsString())
                .isEqualTo("ephemeral");
        assertThat(answer.blocksText()).contains("History of example.com").contains("```");
        assertThat(harness.checker.started()).isZero();
    }

    @Test
    void helpAndRefusalsAreEphemeralAcks() throws Exception {
        harness = SlackHarness.start(FakeChecker.answering(TestingReports::failing));
        JsonObject help = JsonParser.parseString(command("C1", "help").body()).getAsJsonObject();
        assertThat(help.get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(help.toString()).contains("/mtasts subscribe example.com");

        JsonObject refused = JsonParser.parseString(
                        command("C1", "frobnicate <!channel>").body())
                .getAsJsonObject();
        assertThat(refused.get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(refused.toString()).contains("&lt;!channel&gt;").doesNotContain("<!channel>");

        JsonObject noDomain =
                JsonParser.parseString(command("C1", "check").body()).getAsJsonObject();
        assertThat(noDomain.toString()).contains("'check' needs a domain");

        assertThat(harness.checker.started()).isZero();
        assertThat(harness.slack.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void fallsBackToTheResponseUrlWhenTheBotIsNotInTheChannel() throws Exception {
        harness = SlackHarness.start(FakeChecker.answering(TestingReports::failing));
        harness.slack.notInChannel("GPRIVATE");
        command("GPRIVATE", "example.com");
        FakeSlack.await("the responses", () -> harness.slack.calls("respond").size() == 3);

        List<FakeSlack.Call> responses = harness.slack.calls("respond");
        assertThat(responses).allSatisfy(call -> assertThat(call.path()).isEqualTo("/respond/command-GPRIVATE"));
        JsonObject checking = responses.get(0).json().orElseThrow();
        assertThat(checking.get("response_type").getAsString()).isEqualTo("ephemeral");
        JsonObject report = responses.get(1).json().orElseThrow();
        assertThat(report.get("response_type").getAsString()).isEqualTo("in_channel");
        assertThat(responses.get(1).blocksText())
                .contains("example.com: 1 check fails, 1 warns")
                .contains("/invite @mtasts");
        assertThat(responses.get(2).json().orElseThrow().get("response_type").getAsString())
                .isEqualTo("in_channel");
        assertThat(responses.get(2).blocksText()).contains("*MTA-STS DNS record* — fail", "*TLS-RPT record* — warn");
        assertThat(harness.slack.calls("chat.update")).isEmpty();
    }

    @Test
    void reCheckRerunsAndUpdatesTheSameParentAndThread() throws Exception {
        AtomicReference<java.util.function.Function<String, Report>> answer =
                new AtomicReference<>(TestingReports::passing);
        harness =
                SlackHarness.start(FakeChecker.answering(domain -> answer.get().apply(domain)));
        command("C1", "example.com");
        FakeSlack.await(
                "the first report",
                () -> harness.checker.finished() == 1
                        && updates(firstTs()).stream()
                                .anyMatch(update -> update.param("text").contains("looks good")));
        answer.set(TestingReports::failing);
        int updatesBefore = updates(firstTs()).size();

        HttpResponse<String> ack = harness.requests.postForm(SignedRequests.blockActionBody(
                "mtasts_recheck", "example.com", "C1", firstTs(), harness.slack.responseUrl("action")));
        assertThat(ack.statusCode()).isEqualTo(200);
        FakeSlack.await("the re-check thread", () -> thread(firstTs()).size() == 3);

        assertThat(parents()).hasSize(1);
        List<FakeSlack.Call> updates = updates(firstTs());
        assertThat(updates.size()).isGreaterThan(updatesBefore);
        assertThat(updates.get(updatesBefore).blocksText()).contains("Checking example.com…");
        assertThat(updates.getLast().param("text")).isEqualTo("MTA-STS example.com: 1 check fails, 1 warns");
        List<FakeSlack.Call> replies = thread(firstTs());
        assertThat(replies.get(0).blocksText()).contains("<@U2> re-checked");
        assertThat(replies.get(1).blocksText()).contains("MTA-STS DNS record");
        assertThat(replies.get(2).blocksText()).contains("TLS-RPT record");
        assertThat(harness.checker.finished()).isEqualTo(2);
    }

    @Test
    void showPolicyPostsTheFetchedPolicyEscapedInTheThread() throws Exception {
        harness = SlackHarness.start(FakeChecker.answering(TestingReports::failing));
        command("C1", "example.com");
        FakeSlack.await("the thread", () -> thread(firstTs()).size() == 2);

        harness.requests.postForm(SignedRequests.blockActionBody(
                "mtasts_show_policy", "example.com", "C1", firstTs(), harness.slack.responseUrl("action")));
        FakeSlack.await("the policy reply", () -> thread(firstTs()).size() == 3);

        FakeSlack.Call policy = thread(firstTs()).getLast();
        assertThat(policy.blocksText())
                .contains("Policy file of example.com")
                .contains("mx: &lt;!channel&gt; &amp; &lt;https://evil.example|click here&gt; ˋˋˋ ˋxˋ")
                .doesNotContain("<!channel>")
                .doesNotContain("<https://");
        assertThat(harness.checker.finished()).as("the shown report is reused").isEqualTo(1);
    }

    @Test
    void reCheckOfAReportTheBotCannotUpdateGoesThroughTheResponseUrl() throws Exception {
        harness = SlackHarness.start(FakeChecker.answering(TestingReports::failing));
        harness.slack.notInChannel("GPRIVATE");
        harness.requests.postForm(SignedRequests.blockActionBody(
                "mtasts_recheck", "example.com", "GPRIVATE", "1700000000.000001", harness.slack.responseUrl("act")));
        FakeSlack.await("the responses", () -> harness.slack.calls("respond").size() == 2);
        JsonObject replaced = harness.slack.calls("respond").get(0).json().orElseThrow();
        assertThat(replaced.get("replace_original").getAsBoolean()).isTrue();
        assertThat(replaced.get("response_type").getAsString()).isEqualTo("in_channel");
    }

    @Test
    void appHomeListsTheWorkspacesRecentChecks() throws Exception {
        harness = SlackHarness.start(FakeChecker.answering(TestingReports::failing));
        harness.slack.member("U3", "C1");
        command("C1", "example.com");
        FakeSlack.await("the report", () -> thread(firstTs()).size() == 2);

        HttpResponse<String> ack = harness.requests.post(SignedRequests.appHomeOpenedBody(), "application/json");
        assertThat(ack.statusCode()).isEqualTo(200);
        FakeSlack.await(
                "the Home tab", () -> harness.slack.calls("views.publish").size() == 1);
        FakeSlack.Call publish = harness.slack.calls("views.publish").getFirst();
        assertThat(publish.param("user_id")).isEqualTo("U3");
        JsonObject view = JsonParser.parseString(publish.param("view")).getAsJsonObject();
        assertThat(view.get("type").getAsString()).isEqualTo("home");
        assertThat(view.toString())
                .contains("/mtasts subscribe example.com")
                .contains("example.com: 1 check fails, 1 warns");
    }

    @Test
    void appHomeShowsOnlyOwnChecksAndThoseOfChannelsTheViewerIsIn() throws Exception {
        harness = SlackHarness.start(FakeChecker.answering(TestingReports::failing));
        harness.slack.member("U3", "C1");
        harness.slack.member("U3", "GPRIVATE");
        harness.requests.postForm(
                SignedRequests.slashCommandBody("C1", "U1", "visible.example", harness.slack.responseUrl("a")));
        harness.requests.postForm(
                SignedRequests.slashCommandBody("GSECRET", "U1", "secret.example", harness.slack.responseUrl("b")));
        harness.requests.postForm(
                SignedRequests.slashCommandBody("D999", "U1", "dm.example", harness.slack.responseUrl("c")));
        harness.requests.postForm(
                SignedRequests.slashCommandBody("C2", "U3", "mine.example", harness.slack.responseUrl("d")));
        FakeSlack.await("four reports", () -> harness.checker.finished() == 4);
        FakeSlack.await(
                "four final reports",
                () -> harness.slack.calls("chat.update").stream()
                                .filter(call -> call.param("text").startsWith("MTA-STS "))
                                .count()
                        == 4);

        harness.requests.post(SignedRequests.appHomeOpenedBody(), "application/json");
        FakeSlack.await(
                "the Home tab", () -> harness.slack.calls("views.publish").size() == 1);
        String view = harness.slack.calls("views.publish").getFirst().param("view");
        assertThat(view)
                .contains("visible.example", "mine.example")
                .doesNotContain("secret.example")
                .doesNotContain("dm.example");
    }

    @Test
    void answersSlacksUrlVerification() throws Exception {
        harness = SlackHarness.start(FakeChecker.answering(TestingReports::failing));
        HttpResponse<String> response = harness.requests.post(
                "{\"token\":\"legacy\",\"challenge\":\"c-123\",\"type\":\"url_verification\"}", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("c-123");
    }
}
