package dev.mtasts.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckService.CheckDefinition;
import dev.mtasts.core.Report;
import dev.mtasts.core.chat.PolicyText;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Remediation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.api.utils.data.SerializableData;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class TestDiscordReportFormatter {
    private static final List<CheckDefinition> DEFINITIONS = List.of(
            new CheckDefinition("dns-record", "MTA-STS DNS record"),
            new CheckDefinition("policy-fetch", "Policy fetch"),
            new CheckDefinition("mx-sync", "MX and policy in sync"));

    private EnumSet<Message.MentionType> defaultMentions;
    private boolean defaultRepliedUser;

    /**
     * JDA's factory default allows every mention; the front end narrows it at start-up. Here the formatter must
     * make each message safe on its own, whatever ran before in this JVM.
     */
    @BeforeEach
    void allowEveryMentionByDefault() {
        defaultMentions = MessageRequest.getDefaultMentions();
        defaultRepliedUser = MessageRequest.isDefaultMentionRepliedUser();
        MessageRequest.setDefaultMentions(EnumSet.allOf(Message.MentionType.class));
        MessageRequest.setDefaultMentionRepliedUser(true);
    }

    @AfterEach
    void restoreDefaultMentions() {
        MessageRequest.setDefaultMentions(defaultMentions);
        MessageRequest.setDefaultMentionRepliedUser(defaultRepliedUser);
    }

    @Test
    void reportWithThreadHasSummaryFieldsFooterAndButtons() {
        MessageEditData message =
                DiscordReportFormatter.report(SampleChecks.report(), DiscordReportFormatter.Details.THREAD);

        Golden.assertMatches("report-thread", json(message));
        MessageEmbed embed = message.getEmbeds().getFirst();
        assertThat(embed.getColorRaw()).isEqualTo(DiscordReportFormatter.FAIL_COLOUR);
        assertThat(embed.getFields()).hasSize(6);
        assertThat(embed.getFields().get(3).getName()).isEqualTo("❌ MX and policy in sync");
        assertThat(embed.getFields().get(5).getValue()).isEqualTo("skipped: no MX accepted a connection");
        assertThat(embed.getFooter().getText()).startsWith("Estimated fix time: about 40 min of work");
        assertThat(message.getEmbeds()).hasSize(1);
    }

    @Test
    void reportInlineCarriesTheDetailsInTheReply() {
        MessageEditData message =
                DiscordReportFormatter.report(SampleChecks.report(), DiscordReportFormatter.Details.INLINE);

        Golden.assertMatches("report-inline", json(message));
        assertThat(message.getEmbeds()).hasSize(3);
        assertThat(message.getEmbeds().get(1).getTitle()).isEqualTo("⚠️ Policy fetch");
        assertThat(message.getEmbeds().get(2).getDescription()).contains("mx-not-covered");
        assertThat(totalLength(message.getEmbeds())).isLessThanOrEqualTo(MessageEmbed.EMBED_MAX_LENGTH_BOT);
    }

    @Test
    void progressListsDoneAndPendingChecksWithoutButtons() {
        MessageEditData message = DiscordReportFormatter.progress(
                "example.com",
                DEFINITIONS,
                List.of(SampleChecks.report().checks().get(1)));

        Golden.assertMatches("progress", json(message));
        assertThat(message.getComponents()).isEmpty();
        assertThat(message.getEmbeds().getFirst().getDescription()).isEqualTo("Checking example.com… 1/3 checks done");
    }

    @Test
    void threadMessagesAreOnePerWarningOrFailingCheck() {
        List<MessageCreateData> messages = DiscordReportFormatter.threadMessages(SampleChecks.report());

        assertThat(messages).hasSize(2);
        Golden.assertMatches("thread-policy-fetch", json(messages.get(0)));
        Golden.assertMatches("thread-mx-sync", json(messages.get(1)));
        String detail = messages.get(1).getEmbeds().getFirst().getDescription();
        assertThat(detail)
                .contains("**Fix:** Add \\`mx: mx2.example.com\\` to the policy")
                .contains("**Fix time:** 10 min + up to 1 d TTL")
                .contains("```\nmx: mail.example.com\n`\u200B`\u200B`\u200B\n@\u200Bhere");
    }

    @Test
    void threadNameFitsDiscordsLimit() {
        assertThat(DiscordReportFormatter.threadName(SampleChecks.report())).isEqualTo("MTA-STS example.com");
        Report longName = report("a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + ".example", List.of());
        assertThat(DiscordReportFormatter.threadName(longName)).hasSize(100).endsWith("…");
    }

    @Test
    void policyShowsTheFetchedFileEscapedInACodeBlock() {
        MessageEditData message = DiscordReportFormatter.policy("example.com", PolicyText.from(SampleChecks.report()));

        Golden.assertMatches("policy", json(message));
        MessageEmbed embed = message.getEmbeds().getFirst();
        assertThat(embed.getTitle()).isEqualTo("Policy file of example.com");
        assertThat(embed.getDescription())
                .startsWith("```\nversion: STSv1\nmode: enforce\n")
                .contains("# `\u200B`\u200B`\u200B @\u200Beveryone [x](https://evil.example)")
                .endsWith("\n```");
        assertThat(embed.getFooter().getText()).isEqualTo("https://mta-sts.example.com/.well-known/mta-sts.txt");
    }

    @Test
    void aLongPolicyIsCutAndSaysHowMuch() {
        PolicyText.Fetched policy = new PolicyText.Fetched("version: STSv1\n" + "mx: mail.example.com\n".repeat(3000));

        String description = DiscordReportFormatter.policy("example.com", policy)
                .getEmbeds()
                .getFirst()
                .getDescription();

        assertThat(description)
                .hasSizeLessThanOrEqualTo(MessageEmbed.DESCRIPTION_MAX_LENGTH)
                .matches("(?s)```\nversion: STSv1\n.*\n```\n… \\d+ more characters");
    }

    @Test
    void withoutAnyPolicyItSaysWhy() {
        Report report = report(
                "example.com",
                List.of(CheckReport.completed(
                        "policy-fetch",
                        "Policy fetch",
                        Duration.ZERO,
                        List.of(Finding.fail(
                                "policy-unreachable",
                                "mta-sts.example.com refused the connection",
                                new Remediation(
                                        "Start the web server", FixTime.of(Duration.ofMinutes(5), "5 min")))))));

        MessageEmbed embed = DiscordReportFormatter.policy("example.com", PolicyText.from(report))
                .getEmbeds()
                .getFirst();

        assertThat(embed.getTitle()).isEqualTo("No policy file to show for example.com");
        assertThat(embed.getDescription()).isEqualTo("mta-sts.example.com refused the connection");
    }

    @Test
    void helpAndNoticesAreContentWithoutMentions() {
        MessageCreateData help = DiscordReportFormatter.help(Optional.empty());
        MessageCreateData notice =
                DiscordReportFormatter.notice("'@everyone [x](https://evil.example)' is not a domain");

        Golden.assertMatches("help", json(help));
        assertThat(notice.getContent()).isEqualTo("'@\u200Beveryone \\[x\\](https://evil.example)' is not a domain");
        assertThat(DataObject.fromJson(json(notice))
                        .getObject("allowed_mentions")
                        .getArray("parse")
                        .isEmpty())
                .isTrue();
    }

    @Test
    void everyMessageCarriesEmptyAllowedMentions() {
        List<SerializableData> messages = new ArrayList<>();
        messages.add(DiscordReportFormatter.report(SampleChecks.report(), DiscordReportFormatter.Details.THREAD));
        messages.add(DiscordReportFormatter.report(SampleChecks.report(), DiscordReportFormatter.Details.INLINE));
        messages.add(DiscordReportFormatter.progress("example.com", DEFINITIONS, List.of()));
        messages.add(DiscordReportFormatter.policy("example.com", PolicyText.from(SampleChecks.report())));
        messages.add(DiscordReportFormatter.help(Optional.of("Mail admins")));
        messages.add(DiscordReportFormatter.notice("x"));
        messages.add(DiscordReportFormatter.noticeEdit("x"));
        messages.addAll(DiscordReportFormatter.threadMessages(SampleChecks.report()));

        for (SerializableData message : messages) {
            DataObject mentions = message.toData().getObject("allowed_mentions");
            assertThat(mentions.getArray("parse").isEmpty())
                    .as("%s", message.toData())
                    .isTrue();
            assertThat(mentions.getBoolean("replied_user")).isFalse();
        }
    }

    @Test
    void hugeReportsStayWithinDiscordsLimitsAndSayWhatIsLeftOut() {
        List<CheckReport> checks = new ArrayList<>();
        for (int index = 0; index < 40; index++) {
            List<Finding> findings = new ArrayList<>();
            for (int finding = 0; finding < 6; finding++) {
                findings.add(Finding.fail(
                                "problem-" + finding,
                                "x".repeat(3000) + " @everyone",
                                new Remediation("y".repeat(2000), FixTime.of(Duration.ofMinutes(1), "1 min")))
                        .withEvidence("z".repeat(70_000)));
            }
            checks.add(CheckReport.completed(
                    "check-" + index, "Check " + index + " " + "t".repeat(300), Duration.ZERO, findings));
        }
        Report report = report("example.com", checks);

        for (DiscordReportFormatter.Details details : DiscordReportFormatter.Details.values()) {
            MessageEditData message = DiscordReportFormatter.report(report, details);
            assertThat(totalLength(message.getEmbeds())).isLessThanOrEqualTo(MessageEmbed.EMBED_MAX_LENGTH_BOT);
            assertThat(message.getEmbeds()).hasSizeLessThanOrEqualTo(10);
            MessageEmbed summary = message.getEmbeds().getFirst();
            assertThat(summary.getFields()).hasSizeLessThanOrEqualTo(25);
            MessageEmbed.Field more = summary.getFields().getLast();
            assertThat(more.getName()).isEqualTo("…");
            assertThat(more.getValue()).matches("\\d+ more checks not shown \\(Discord's message limits\\)");
            for (MessageEmbed.Field field : summary.getFields()) {
                assertThat(field.getValue()).hasSizeLessThanOrEqualTo(MessageEmbed.VALUE_MAX_LENGTH);
                assertThat(field.getName()).hasSizeLessThanOrEqualTo(MessageEmbed.TITLE_MAX_LENGTH);
            }
        }
        MessageEditData inline = DiscordReportFormatter.report(report, DiscordReportFormatter.Details.INLINE);
        assertThat(inline.getEmbeds().getLast().getDescription()).contains("more checks' details not shown");

        List<MessageCreateData> thread = DiscordReportFormatter.threadMessages(report);
        assertThat(thread).hasSize(40);
        for (MessageCreateData message : thread) {
            MessageEmbed embed = message.getEmbeds().getFirst();
            assertThat(embed.getLength()).isLessThanOrEqualTo(MessageEmbed.EMBED_MAX_LENGTH_BOT);
            assertThat(embed.getDescription())
                    .hasSizeLessThanOrEqualTo(MessageEmbed.DESCRIPTION_MAX_LENGTH)
                    .contains("more findings not shown");
        }
    }

    @Test
    void aFieldJustOverTheLimitIsCutWithAnEllipsis() {
        Report report = report(
                "example.com",
                List.of(CheckReport.completed(
                        "long",
                        "Long",
                        Duration.ZERO,
                        List.of(Finding.fail(
                                "long",
                                "a".repeat(1025),
                                new Remediation("fix", FixTime.of(Duration.ofMinutes(1), "1 min")))))));

        MessageEmbed.Field field = DiscordReportFormatter.report(report, DiscordReportFormatter.Details.THREAD)
                .getEmbeds()
                .getFirst()
                .getFields()
                .getFirst();

        assertThat(field.getValue()).hasSize(1024).endsWith("a…");
    }

    private static Report report(String domain, List<CheckReport> checks) {
        return new Report(
                domain, domain, Instant.parse("2025-03-01T12:00:00Z"), Duration.ofMillis(80), Optional.empty(), checks);
    }

    private static int totalLength(List<MessageEmbed> embeds) {
        return embeds.stream().mapToInt(MessageEmbed::getLength).sum();
    }

    private static String json(SerializableData data) {
        return data.toData().toString();
    }
}
