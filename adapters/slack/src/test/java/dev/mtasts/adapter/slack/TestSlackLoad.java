package dev.mtasts.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.CheckService;
import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import dev.mtasts.core.dispatch.DispatchSettings;
import dev.mtasts.core.dispatch.DomainRunner;
import dev.mtasts.core.dns.DnsClient;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.testing.DnsFixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many people at once, over Bolt and the fake Slack Web API, with the dispatcher's default admission: every command is
 * acked within Slack's 3 seconds and answered with the full report from one shared run, whose lookups reach the
 * fixture DNS server once; one user's flood meets the limit after the allowance.
 */
final class TestSlackLoad {
    private static final String FINAL_TEXT = "MTA-STS example.com: 1 check fails, 1 warns";

    private final DnsFixture dns = DnsFixture.start()
            .txt("_mta-sts.example.com", "v=STSv1; id=20260101")
            .a("mta-sts.example.com", "127.0.0.1");
    private SlackHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
        dns.close();
    }

    @Test
    void twoHundredSimultaneousCommandsForOneDomainAreAckedAndAnsweredFromOneRun() throws Exception {
        FakeChecker checker = FakeChecker.answering(TestingReports::failing);
        harness = new SlackHarness(
                checker,
                Duration.ofMillis(1),
                SlackHarness.subscriptions(),
                SlackSetup.SubscribePermission.EVERYONE,
                DispatchSettings.defaults(),
                new LookingUp(checker, new DnsClient(List.of(dns.hostAndPort()), Duration.ofSeconds(2))));
        List<CompletableFuture<Duration>> acks = new ArrayList<>();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int index = 0; index < 200; index++) {
                String channel = "C" + (100 + index % 20);
                String user = "U" + (1000 + index);
                acks.add(CompletableFuture.supplyAsync(
                        () -> {
                            long sent = System.nanoTime();
                            try {
                                HttpResponse<String> ack = harness.requests.postForm(SignedRequests.slashCommandBody(
                                        channel, user, "example.com", harness.slack.responseUrl("load-" + user)));
                                assertThat(ack.statusCode()).isEqualTo(200);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            return Duration.ofNanos(System.nanoTime() - sent);
                        },
                        senders));
            }
            for (CompletableFuture<Duration> ack : acks) {
                assertThat(ack.join()).as("ack time").isLessThan(Duration.ofSeconds(3));
            }
        }
        FakeSlack.await(
                "200 parent messages",
                () -> harness.slack.calls("chat.postMessage").stream()
                                .filter(call -> call.params().get("thread_ts") == null)
                                .count()
                        == 200);
        FakeSlack.await("200 final reports", () -> finalReports().size() == 200);
        assertThat(checker.started()).as("checks run for 200 commands").isEqualTo(1);
        assertThat(dns.queryCount("_mta-sts.example.com", "TXT")).isEqualTo(1);
        assertThat(dns.queryCount("mta-sts.example.com", "A")).isEqualTo(1);
    }

    @Test
    void thirtyCommandsFromOneUserMeetTheLimitAfterTheAllowance() throws Exception {
        FakeChecker checker = FakeChecker.answering(TestingReports::failing);
        DispatchSettings defaults = DispatchSettings.defaults();
        harness = new SlackHarness(
                checker,
                Duration.ofMillis(1),
                SlackHarness.subscriptions(),
                SlackSetup.SubscribePermission.EVERYONE,
                defaults);
        long sent = System.nanoTime();
        for (int index = 0; index < 30; index++) {
            harness.requests.postForm(SignedRequests.slashCommandBody(
                    "C1", "U1", "example.com", harness.slack.responseUrl("flood-" + index)));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(10));
        int refused = 30 - defaults.perUser().burst();
        FakeSlack.await("the limit replies", () -> limitReplies().size() == refused);
        FakeSlack.await(
                "the admitted reports",
                () -> finalReports().size() == defaults.perUser().burst());
        for (FakeSlack.Call reply : limitReplies()) {
            assertThat(reply.json().orElseThrow().get("response_type").getAsString())
                    .isEqualTo("ephemeral");
        }
        assertThat(limitReplies()).hasSize(refused);
    }

    private Set<String> finalReports() {
        return harness.slack.calls("chat.update").stream()
                .filter(call -> FINAL_TEXT.equals(call.param("text")))
                .map(call -> call.params().get("channel") + "/" + call.params().get("ts"))
                .collect(Collectors.toSet());
    }

    private List<FakeSlack.Call> limitReplies() {
        return harness.slack.calls("respond").stream()
                .filter(response -> response.blocksText().contains("You have asked for many checks in a short time"))
                .toList();
    }

    /** The fake checker, after the lookups a real check starts with, against the fixture DNS server. */
    private record LookingUp(FakeChecker checker, DnsClient dns) implements DomainRunner {
        @Override
        public List<CheckService.CheckDefinition> checks() {
            return checker.checks();
        }

        @Override
        public Report check(DomainInput.Valid domain, ProgressListener progress) {
            dns.txt("_mta-sts." + domain.domain()).join();
            dns.addresses("mta-sts." + domain.domain()).join();
            return checker.check(domain, progress);
        }
    }
}
