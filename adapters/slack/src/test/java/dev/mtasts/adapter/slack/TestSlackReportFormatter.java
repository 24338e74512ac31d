package dev.mtasts.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mtasts.core.CheckReport;
import dev.mtasts.core.Report;
import dev.mtasts.core.chat.PolicyText;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Remediation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestSlackReportFormatter {
    private static final Report FAILING = TestingReports.failing("example.com");
    private static final Report PASSING = TestingReports.passing("example.org");

    @Test
    void progressMessages() {
        Golden.assertMatches(
                "progress-start",
                Golden.json(SlackReportFormatter.progress("example.com", TestingReports.definitions(), Map.of())));
        Golden.assertMatches(
                "progress-two-done",
                Golden.json(SlackReportFormatter.progress(
                        "example.com",
                        TestingReports.definitions(),
                        Map.of(
                                "dns-record", FAILING.checks().get(0),
                                "mx-sync", FAILING.checks().get(3)))));
    }

    @Test
    void finalParentMessages() {
        Golden.assertMatches("parent-failing", Golden.json(SlackReportFormatter.parent(FAILING, false)));
        Golden.assertMatches("parent-passing", Golden.json(SlackReportFormatter.parent(PASSING, false)));
    }

    @Test
    void parentHasStatusLinesSenderFixTimeAndButtons() {
        SlackMessage parent = SlackReportFormatter.parent(FAILING, false);
        String json = Golden.json(parent).toString();
        assertThat(json)
                .contains("example.com: 1 check fails, 1 warns")
                .contains(":x: *MTA-STS DNS record*")
                .contains(":heavy_minus_sign: *Policy syntax*")
                .contains("Sender view (none): Senders see no policy")
                .contains("Estimated fix time: about 10 min of work, then up to 1 h for caches to expire")
                .contains("\"action_id\":\"mtasts_recheck\"")
                .contains("\"action_id\":\"mtasts_subscribe\"")
                .contains("\"action_id\":\"mtasts_show_policy\"");
        assertThat(Golden.json(SlackReportFormatter.parent(FAILING, true)).toString())
                .contains("\"action_id\":\"mtasts_unsubscribe\"")
                .doesNotContain("\"action_id\":\"mtasts_subscribe\"");
    }

    @Test
    void threadRepliesForEachProblemCheck() {
        Golden.assertMatches(
                "problem-dns-record",
                Golden.json(SlackReportFormatter.problem(FAILING.checks().get(0))));
        Golden.assertMatches(
                "problem-tls-rpt",
                Golden.json(SlackReportFormatter.problem(FAILING.checks().get(4))));
    }

    @Test
    void otherMessages() {
        Golden.assertMatches(
                "policy-fetched", Golden.json(SlackReportFormatter.policy("example.com", PolicyText.from(FAILING))));
        Golden.assertMatches("help", Golden.json(SlackReportFormatter.help()));
        Golden.assertMatches(
                "invalid",
                Golden.json(SlackReportFormatter.invalid("'<!channel> x' has a space inside; give one domain name")));
        Golden.assertMatches(
                "home",
                Golden.json(SlackReportFormatter.home(List.of(
                        new RecentReports.Entry("T1", "C1", "U1", FAILING),
                        new RecentReports.Entry("T1", "C2", "U1", PASSING)))));
        Golden.assertMatches("recheck-note", Golden.json(SlackReportFormatter.recheckNote(FAILING, Optional.of("U2"))));
    }

    @Test
    void untrustedTextIsInertEverywhere() {
        List<JsonElement> everything = new ArrayList<>();
        everything.add(Golden.json(SlackReportFormatter.parent(FAILING, false)));
        FAILING.checks().forEach(check -> everything.add(Golden.json(SlackReportFormatter.problem(check))));
        everything.add(Golden.json(SlackReportFormatter.policy("example.com", PolicyText.from(FAILING))));
        SlackReportFormatter.fallback(FAILING, false).forEach(message -> everything.add(Golden.json(message)));
        everything.add(Golden.json(SlackReportFormatter.invalid("<!channel> <https://evil.example|click>")));
        for (JsonElement json : everything) {
            String text = json.toString();
            assertThat(text)
                    .doesNotContain("<!channel>")
                    .doesNotContain("<!here>")
                    .doesNotContain("<https://evil")
                    .doesNotContain("|click>");
            assertThat(allTexts(json)).allSatisfy(string -> assertThat(string)
                    .as("only Slack's own date and user formatting may use '<'")
                    .matches("(?s)([^<]|<!date\\^|<@U|<#C)*"));
            assertThat(mrkdwnObjects(json))
                    .allSatisfy(object ->
                            assertThat(object.get("verbatim").getAsBoolean()).isTrue());
        }
        String policy = Golden.json(SlackReportFormatter.policy("example.com", PolicyText.from(FAILING)))
                .toString();
        assertThat(policy).contains("&lt;!channel&gt; &amp; &lt;https://evil.example|click here&gt; ˋˋˋ ˋxˋ");
    }

    @Test
    void policyIsTheFetchedBodyEscaped() {
        Report report = new Report(
                "example.com",
                "example.com",
                TestingReports.CHECKED_AT,
                Duration.ZERO,
                Optional.empty(),
                List.of(),
                Optional.of("version: STSv1\r\nmode: testing\nmx: <!here>\nmax_age: 86400"));
        assertThat(PolicyText.from(report))
                .isEqualTo(new PolicyText.Fetched("version: STSv1\r\nmode: testing\nmx: <!here>\nmax_age: 86400"));
        assertThat(Golden.json(SlackReportFormatter.policy("example.com", PolicyText.from(report)))
                        .toString())
                .contains("mx: &lt;!here&gt;")
                .doesNotContain("<!here>");
    }

    @Test
    void withoutABodyThePolicyButtonSaysWhy() {
        Report nothing = new Report(
                "example.net",
                "example.net",
                TestingReports.CHECKED_AT,
                Duration.ZERO,
                Optional.empty(),
                List.of(CheckReport.completed(
                        "policy-fetch",
                        "Policy file fetch",
                        Duration.ZERO,
                        List.of(Finding.fail(
                                "policy-not-found",
                                "https://mta-sts.example.net/.well-known/mta-sts.txt answered 404",
                                new Remediation(
                                        "Publish the policy file", FixTime.of(Duration.ofMinutes(15), "15 min")))))));
        assertThat(PolicyText.from(nothing))
                .isEqualTo(new PolicyText.Missing("https://mta-sts.example.net/.well-known/mta-sts.txt answered 404"));
        Golden.assertMatches(
                "policy-missing", Golden.json(SlackReportFormatter.policy("example.net", PolicyText.from(nothing))));
    }

    @Test
    void staysWithinSlackLimits() {
        List<CheckReport> checks = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (int index = 0; index < 30; index++) {
            findings.add(Finding.fail(
                            "big-" + index,
                            "Problem " + index + " " + "<&>".repeat(2000),
                            new Remediation(
                                    "Do " + "&".repeat(4000),
                                    FixTime.of(Duration.ofMinutes(1), "1 min " + "<".repeat(900))))
                    .withEvidence("`".repeat(10_000)));
        }
        for (int index = 0; index < 300; index++) {
            checks.add(CheckReport.completed(
                    "check-" + index, "Check " + "<".repeat(300), Duration.ZERO, List.copyOf(findings)));
        }
        Report huge = new Report(
                "example.com", "example.com", TestingReports.CHECKED_AT, Duration.ZERO, Optional.empty(), checks);
        List<SlackMessage> messages = new ArrayList<>();
        messages.add(SlackReportFormatter.parent(huge, false));
        messages.add(SlackReportFormatter.problem(checks.get(0)));
        messages.addAll(SlackReportFormatter.fallback(huge, false));
        messages.add(SlackReportFormatter.progress(
                "example.com",
                checks.stream()
                        .map(check -> new dev.mtasts.core.CheckService.CheckDefinition(check.id(), check.title()))
                        .toList(),
                Map.of()));
        messages.add(SlackReportFormatter.policy("example.com", new PolicyText.Fetched("mx: <x>\n".repeat(8000))));
        for (SlackMessage message : messages) {
            assertThat(message.blocks()).hasSizeLessThanOrEqualTo(50);
            JsonElement json = Golden.json(message);
            for (JsonObject section : objectsOfType(json, "section")) {
                assertThat(section.getAsJsonObject("text").get("text").getAsString())
                        .hasSizeLessThanOrEqualTo(SlackReportFormatter.SECTION_LIMIT);
            }
            for (JsonObject context : objectsOfType(json, "context")) {
                context.getAsJsonArray("elements").forEach(element -> assertThat(
                                element.getAsJsonObject().get("text").getAsString())
                        .hasSizeLessThanOrEqualTo(SlackReportFormatter.CONTEXT_LIMIT));
            }
        }
        assertThat(Golden.json(SlackReportFormatter.parent(huge, false)).toString())
                .contains("more checks");
        assertThat(Golden.json(SlackReportFormatter.problem(checks.get(0))).toString())
                .contains("more findings");
        assertThat(Golden.json(messages.getLast()).toString()).contains("more lines not shown");
        assertThat(SlackReportFormatter.home(List.of()).size()).isLessThanOrEqualTo(100);
    }

    private static List<String> allTexts(JsonElement json) {
        List<String> texts = new ArrayList<>();
        walk(json, object -> {
            if (object.has("text") && object.get("text").isJsonPrimitive()) {
                texts.add(object.get("text").getAsString());
            }
        });
        return texts;
    }

    private static List<JsonObject> mrkdwnObjects(JsonElement json) {
        List<JsonObject> objects = new ArrayList<>();
        walk(json, object -> {
            if (object.has("type") && object.get("type").getAsString().equals("mrkdwn")) {
                objects.add(object);
            }
        });
        return objects;
    }

    private static List<JsonObject> objectsOfType(JsonElement json, String type) {
        List<JsonObject> objects = new ArrayList<>();
        walk(json, object -> {
            if (object.has("type") && object.get("type").getAsString().equals(type)) {
                objects.add(object);
            }
        });
        return objects;
    }

    private static void walk(JsonElement json, java.util.function.Consumer<JsonObject> visitor) {
        if (json.isJsonArray()) {
            json.getAsJsonArray().forEach(child -> walk(child, visitor));
        } else if (json.isJsonObject()) {
            visitor.accept(json.getAsJsonObject());
            json.getAsJsonObject().entrySet().forEach(entry -> walk(entry.getValue(), visitor));
        }
    }
}
