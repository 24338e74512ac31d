package dev.mtasts.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.adapter.discord.FakeDiscord.Call;
import dev.mtasts.core.dispatch.DispatchSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;

/**
 * Many people at once, over JDA and the fake Discord, with the dispatcher's default admission: everyone is deferred
 * within Discord's 3 seconds and gets the full report from one shared run; one member's flood meets the limit.
 */
final class TestDiscordLoad {
    private static final String REPORT_TITLE = "example.com: 1 check fails, 1 warns";
    private static final String POLICY_HOST = "mta-sts.example.com";

    @Test
    void twoHundredSimultaneousChecksOfOneDomainAreAllDeferredAndAnsweredFromOneRun() throws Exception {
        int oneCheck;
        try (DiscordHarness single = DiscordHarness.start(null)) {
            int before = policyHostQueries();
            String token = single.discord.slashCommand("check", Optional.of("example.com"), List.of());
            single.discord.await("the single report", call -> isReport(call, token));
            oneCheck = policyHostQueries() - before;
        }
        assertThat(oneCheck).as("one check's DNS queries").isPositive();

        try (DiscordHarness harness = DiscordHarness.start(null, DispatchSettings.defaults())) {
            FakeDiscord discord = harness.discord;
            int before = policyHostQueries();
            long sent = System.nanoTime();
            List<String> tokens = new ArrayList<>();
            for (int member = 0; member < 200; member++) {
                tokens.add(discord.slashCommandFrom(
                        FakeDiscord.USER + 1 + member, "check", Optional.of("example.com"), List.of()));
            }
            Set<String> expected = Set.copyOf(tokens);
            List<Call> deferrals = discord.awaitCount("200 deferrals", call -> isDeferral(call, expected), 200);
            Duration acknowledged = Duration.ofNanos(System.nanoTime() - sent);
            assertThat(acknowledged).as("all 200 deferred").isLessThan(Duration.ofSeconds(3));
            assertThat(deferrals).hasSize(200);

            List<Call> reports = discord.awaitCount(
                    "200 reports", call -> tokens.stream().anyMatch(token -> isReport(call, token)), 200);
            Set<String> answered =
                    reports.stream().map(call -> call.path().split("/")[2]).collect(Collectors.toSet());
            assertThat(answered).containsExactlyInAnyOrderElementsOf(tokens);
            assertThat(policyHostQueries() - before)
                    .as("DNS queries for 200 checks of one domain")
                    .isEqualTo(oneCheck);
        }
    }

    @Test
    void thirtyCommandsFromOneMemberMeetTheLimitAfterTheAllowance() throws Exception {
        DispatchSettings defaults = DispatchSettings.defaults();
        try (DiscordHarness harness = DiscordHarness.start(null, defaults)) {
            FakeDiscord discord = harness.discord;
            long sent = System.nanoTime();
            List<String> tokens = new ArrayList<>();
            for (int command = 0; command < 30; command++) {
                tokens.add(discord.slashCommand("check", Optional.of("example.com"), List.of()));
            }
            List<Call> answers = discord.awaitCount(
                    "30 answers", call -> tokens.stream().anyMatch(token -> isCallback(call, token)), 30);
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(10));
            List<Call> limited = answers.stream()
                    .filter(call -> call.json().getInt("type") == 4)
                    .toList();
            assertThat(limited).hasSize(30 - defaults.perUser().burst());
            for (Call refusal : limited) {
                DataObject data = refusal.json().getObject("data");
                assertThat(data.getInt("flags") & 64).as("ephemeral").isEqualTo(64);
                assertThat(data.getString("content"))
                        .startsWith("You have asked for many checks in a short time; try again in ")
                        .endsWith(" s.");
            }
            List<String> admitted = tokens.subList(0, defaults.perUser().burst());
            for (String token : admitted) {
                discord.await("the report of an admitted command", call -> isReport(call, token));
            }
        }
    }

    private static int policyHostQueries() {
        return DiscordHarness.PolicyHost.DNS.queries().stream()
                .filter(query -> query.name().equalsIgnoreCase(POLICY_HOST)
                        || query.name().equalsIgnoreCase(POLICY_HOST + "."))
                .mapToInt(query -> 1)
                .sum();
    }

    private static boolean isCallback(Call call, String token) {
        return call.is("POST", "interactions/\\d+/" + token + "/callback");
    }

    private static boolean isDeferral(Call call, Set<String> tokens) {
        if (!call.is("POST", "interactions/\\d+/[^/]+/callback")) {
            return false;
        }
        return tokens.contains(call.path().split("/")[2]) && call.json().getInt("type") == 5;
    }

    private static boolean isReport(Call call, String token) {
        if (!call.is("PATCH", "webhooks/" + FakeDiscord.APPLICATION + "/" + token + "/messages/@original")) {
            return false;
        }
        return call.json()
                .optArray("embeds")
                .filter(embeds -> !embeds.isEmpty())
                .map(embeds -> REPORT_TITLE.equals(embeds.getObject(0).getString("title", "")))
                .orElse(false);
    }
}
