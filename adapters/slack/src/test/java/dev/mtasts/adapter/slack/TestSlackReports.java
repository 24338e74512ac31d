package dev.mtasts.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.chat.Readiness;
import dev.mtasts.core.chat.TlsReports;
import dev.mtasts.core.chat.TlsRptSummary;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /mtasts reports <domain>} over the real Bolt app and the fake Slack Web API: the TLS-RPT summary and the
 * "safe to enforce?" verdict, to the user alone, with every string from reports escaped.
 */
final class TestSlackReports {
    private static final String HOSTILE_ORG = "<!channel> <https://evil.example|click here> Evil & Co";

    private SlackHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void start(TlsReports reports) throws Exception {
        FakeChecker checker = FakeChecker.answering(TestingReports::passing);
        harness = new SlackHarness(
                checker,
                Duration.ofMillis(5),
                SlackHarness.subscriptions(),
                SlackSetup.SubscribePermission.EVERYONE,
                SlackHarness.OPEN,
                checker,
                reports);
    }

    private FakeSlack.Call reports(String domain) throws Exception {
        HttpResponse<String> ack = harness.requests.postForm(
                SignedRequests.slashCommandBody("C1", "reports " + domain, harness.slack.responseUrl("command-C1")));
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).isEmpty();
        FakeSlack.await("the summary", () -> harness.slack.calls("respond").size() == 1);
        FakeSlack.Call answer = harness.slack.calls("respond").getFirst();
        assertThat(answer.json().orElseThrow().get("response_type").getAsString())
                .isEqualTo("ephemeral");
        assertThat(harness.slack.calls("chat.postMessage")).isEmpty();
        return answer;
    }

    @Test
    void aReadyDomainGetsItsFiguresAndTheExactChangeToEnforce() throws Exception {
        start((domain, days) -> new TlsRptSummary(
                domain,
                LocalDate.of(2026, 11, 5),
                LocalDate.of(2026, 12, 4),
                41,
                List.of("Google Inc.", HOSTILE_ORG),
                9_960,
                40,
                List.of(new TlsRptSummary.ResultTypeCount("certificate-host-mismatch", 40)),
                List.of(
                        new TlsRptSummary.MxCount("mx1.example.com", 5_000, 0),
                        new TlsRptSummary.MxCount("mx2.example.com", 4_960, 40)),
                Optional.empty(),
                new Readiness.Ready(
                        "20261204T101500",
                        "mode: testing  ->  mode: enforce",
                        "_mta-sts." + domain + ". TXT \"v=STSv1; id=20261204T101500\"",
                        List.of("30 days of reports from 2 organisations cover every MX"))));

        String text = reports("Example.COM").blocksText();

        assertThat(text)
                .contains("TLS reports for example.com, 2026-11-05 to 2026-12-04")
                .contains("41 reports from 2 organisations; 10000 sessions: 9960 successful, 40 failed (0.40 %)")
                .contains("certificate-host-mismatch: 40")
                .contains("mx2.example.com: 4960 / 40")
                .contains("Safe to enforce")
                .contains("mode: testing  -&gt;  mode: enforce")
                .contains("id=20261204T101500")
                .contains("&lt;!channel&gt; &lt;https://evil.example|click here&gt; Evil &amp; Co")
                .doesNotContain("<!channel>")
                .doesNotContain("<https://");
    }

    @Test
    void aBlockedDomainIsToldWhatBlocksIt() throws Exception {
        start((domain, days) -> new TlsRptSummary(
                domain,
                LocalDate.of(2026, 11, 5),
                LocalDate.of(2026, 12, 4),
                1,
                List.of("Google Inc."),
                100,
                0,
                List.of(),
                List.of(new TlsRptSummary.MxCount(TlsRptSummary.ANY_MX, 100, 0)),
                Optional.empty(),
                new Readiness.Blocked(List.of(
                        "reports cover 3 days; at least 28 are needed",
                        "reports came from 1 organisation; at least 2 are needed"))));

        String text = reports("example.com").blocksText();

        assertThat(text)
                .contains("Not ready for enforce")
                .contains("reports cover 3 days; at least 28 are needed")
                .contains("reports came from 1 organisation; at least 2 are needed")
                .contains("any MX (not attributed): 100 / 0")
                .doesNotContain("mode: enforce");
    }

    @Test
    void aStoreThatCannotBeReadIsAnsweredWithAReference() throws Exception {
        start((domain, days) -> {
            throw new IllegalStateException("jdbc:h2:/var/lib/mtasts/history");
        });

        String text = reports("example.com").blocksText();

        assertThat(text).containsPattern("reference [0-9a-f]{8}").doesNotContain("jdbc");
    }
}
