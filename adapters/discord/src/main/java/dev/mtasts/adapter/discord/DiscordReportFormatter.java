package dev.mtasts.adapter.discord;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckService.CheckDefinition;
import dev.mtasts.core.CheckStatus;
import dev.mtasts.core.FixTimes;
import dev.mtasts.core.Report;
import dev.mtasts.core.chat.ChatHistory;
import dev.mtasts.core.chat.PolicyText;
import dev.mtasts.core.chat.ReportSummary;
import dev.mtasts.core.dispatch.DispatchText;
import dev.mtasts.core.frontend.ShareLinks;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Turns reports into Discord messages: a pure function, no JDA instance needed, golden-tested. All wording comes from
 * the core's {@link ReportSummary}, so Slack and Discord say the same. Every untrusted string goes through
 * {@link DiscordMarkdown}; every message has empty allowed mentions; Discord's limits (1024 per field value, 25
 * fields, 4096 per description, 6000 per message) are enforced here with a visible "… N more", never an exception.
 */
public final class DiscordReportFormatter {
    static final int PASS_COLOUR = 0x2DA44E;
    static final int INFO_COLOUR = 0x0969DA;
    static final int WARN_COLOUR = 0xBF8700;
    static final int FAIL_COLOUR = 0xCF222E;
    static final int PROGRESS_COLOUR = 0x6E7781;

    private static final EnumSet<Message.MentionType> NO_MENTIONS = EnumSet.noneOf(Message.MentionType.class);

    /** Discord's limit on a thread name. */
    static final int MAX_THREAD_NAME = 100;

    /** Evidence is cut to this many characters per finding, so several findings fit one message. */
    static final int MAX_EVIDENCE = 900;

    /** Room kept for the "… N more" field or embed, so that it always fits. */
    private static final int MORE_RESERVE = 120;

    /** A detail embed smaller than this is not worth sending; the check is counted in "… N more" instead. */
    private static final int MIN_DETAIL = 300;

    /** Where the details of failing and warning checks go. */
    public enum Details {
        /** In a thread started from the reply: the reply holds the summary only. */
        THREAD,
        /** In the reply itself, after the summary, cut to fit one message (DMs, no thread permission). */
        INLINE
    }

    private DiscordReportFormatter() {}

    /** The reply while checks run: one field per check, done or pending. No buttons yet. */
    public static MessageEditData progress(String domain, List<CheckDefinition> checks, List<CheckReport> finished) {
        requireNonNull(domain, "domain is null");
        requireNonNull(checks, "checks is null");
        requireNonNull(finished, "finished is null");
        List<Field> fields = new ArrayList<>();
        for (CheckDefinition check : checks) {
            Optional<CheckReport> done = finished.stream()
                    .filter(report -> report.id().equals(check.id()))
                    .findFirst();
            fields.add(done.map(DiscordReportFormatter::checkField)
                    .orElseGet(() -> new Field("⏳ " + DiscordMarkdown.escapeLine(check.title()), "running…")));
        }
        EmbedBuilder embed = new EmbedBuilder()
                .setColor(PROGRESS_COLOUR)
                .setTitle(DiscordMarkdown.truncate(
                        DiscordMarkdown.escapeLine("MTA-STS check of " + domain), MessageEmbed.TITLE_MAX_LENGTH))
                .setDescription(DiscordMarkdown.truncate(
                        DiscordMarkdown.escape(ReportSummary.progress(domain, finished.size(), checks.size())),
                        MessageEmbed.DESCRIPTION_MAX_LENGTH));
        addFields(embed, fields, MessageEmbed.EMBED_MAX_LENGTH_BOT, "checks");
        return edit(List.of(embed.build()), List.of());
    }

    /** The reply while the check waits for its turn: how many checks are ahead. No buttons. */
    public static MessageEditData queued(String domain, int ahead) {
        requireNonNull(domain, "domain is null");
        EmbedBuilder embed = new EmbedBuilder()
                .setColor(PROGRESS_COLOUR)
                .setTitle(DiscordMarkdown.truncate(
                        DiscordMarkdown.escapeLine("MTA-STS check of " + domain), MessageEmbed.TITLE_MAX_LENGTH))
                .setDescription(DiscordMarkdown.truncate(
                        DiscordMarkdown.escape(DispatchText.queued(domain, ahead)),
                        MessageEmbed.DESCRIPTION_MAX_LENGTH));
        return edit(List.of(embed.build()), List.of());
    }

    /**
     * The final reply: colour for the status, a field per check with its emoji and one-line summary, the sender view,
     * the total fix time in the footer, and the Re-check / Subscribe / Show policy buttons. With {@link
     * Details#INLINE} the problems' details follow in the same message.
     */
    public static MessageEditData report(Report report, Details details) {
        return report(report, details, ShareLinks.none());
    }

    /**
     * As {@link #report(Report, Details)}, with a "Share" link button to the web permalink when a public URL is set
     * (a link button: pressing it opens the page, no interaction reaches the bot).
     */
    public static MessageEditData report(Report report, Details details, ShareLinks share) {
        requireNonNull(report, "report is null");
        requireNonNull(share, "share is null");
        requireNonNull(details, "details is null");
        List<CheckReport> problems = ReportSummary.problemChecks(report);
        boolean inline =
                switch (details) {
                    case THREAD -> false;
                    case INLINE -> !problems.isEmpty();
                };
        int summaryBudget = MessageEmbed.EMBED_MAX_LENGTH_BOT - (inline ? MIN_DETAIL + MORE_RESERVE : 0);
        MessageEmbed summary = summary(report, summaryBudget);
        List<MessageEmbed> embeds = new ArrayList<>();
        embeds.add(summary);
        if (inline) {
            embeds.addAll(inlineDetails(report, problems, MessageEmbed.EMBED_MAX_LENGTH_BOT - summary.getLength()));
        }
        return edit(embeds, List.of(buttons(report.domain(), share)));
    }

    /** One message per failing or warning check, for the thread: findings, evidence, remediation, fix time. */
    public static List<MessageCreateData> threadMessages(Report report) {
        requireNonNull(report, "report is null");
        return ReportSummary.problemChecks(report).stream()
                .map(check -> create(List.of(detail(check, MessageEmbed.EMBED_MAX_LENGTH_BOT)), ""))
                .toList();
    }

    /** The thread's name: "MTA-STS example.com", at most 100 characters (thread names show no markdown). */
    public static String threadName(Report report) {
        requireNonNull(report, "report is null");
        String name = "MTA-STS " + report.domain();
        return name.length() <= MAX_THREAD_NAME ? name : DiscordMarkdown.cut(name, MAX_THREAD_NAME - 1) + "…";
    }

    /** "Show policy": the fetched policy file in a code block, or the parsed policy (labelled), or why neither. */
    public static MessageEditData policy(String domain, PolicyText policy) {
        requireNonNull(domain, "domain is null");
        requireNonNull(policy, "policy is null");
        EmbedBuilder embed = new EmbedBuilder()
                .setFooter(DiscordMarkdown.truncate(plain(PolicyText.url(domain)), MessageEmbed.TEXT_MAX_LENGTH));
        int max = MessageEmbed.DESCRIPTION_MAX_LENGTH;
        switch (policy) {
            case PolicyText.Fetched fetched ->
                embed.setColor(INFO_COLOUR)
                        .setTitle(title("Policy file of " + domain))
                        .setDescription(DiscordMarkdown.codeBlock(fetched.body(), max));
            case PolicyText.Missing missing ->
                embed.setColor(PROGRESS_COLOUR)
                        .setTitle(title("No policy file to show for " + domain))
                        .setDescription(DiscordMarkdown.truncate(DiscordMarkdown.escape(missing.reason()), max));
        }
        return edit(List.of(embed.build()), List.of());
    }

    private static String title(String text) {
        return DiscordMarkdown.truncate(DiscordMarkdown.escapeLine(text), MessageEmbed.TITLE_MAX_LENGTH);
    }

    /** {@code /mtasts history}: the timeline in a code block, or why it cannot be shown. */
    public static MessageEditData history(ChatHistory.Answer answer) {
        requireNonNull(answer, "answer is null");
        return switch (answer) {
            case ChatHistory.Answer.Shown shown -> {
                EmbedBuilder embed = new EmbedBuilder()
                        .setColor(PROGRESS_COLOUR)
                        .setTitle(title("History of " + shown.domain()))
                        .setDescription(DiscordMarkdown.codeBlock(shown.text(), MessageEmbed.DESCRIPTION_MAX_LENGTH));
                yield edit(List.of(embed.build()), List.of());
            }
            case ChatHistory.Answer.Failed failed -> noticeEdit(failed.sentence());
        };
    }

    /** The ephemeral {@code /mtasts help}. */
    public static MessageCreateData help(Optional<String> subscribeRole) {
        requireNonNull(subscribeRole, "subscribeRole is null");
        String who = subscribeRole
                .map(role -> "members with the role " + DiscordMarkdown.escapeLine(role) + " (its id)")
                .orElse("members with Manage Server");
        String text = "**/mtasts** checks a domain's MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) deployment, the way"
                + " a sending mail server sees it.\n"
                + "`/mtasts check domain:example.com` runs every check and reports here: a summary, then the details"
                + " of each problem in a thread, with the fix and how long it takes.\n"
                + "`/mtasts subscribe domain:example.com` and `/mtasts unsubscribe domain:example.com` watch a domain"
                + " for this channel (" + who + ").\n"
                + "`/mtasts history domain:example.com` shows what changed in its deployment, and when.\n"
                + "`/mtasts reports domain:example.com` sums up its TLS-RPT reports and says whether it is safe to"
                + " enforce.\n"
                + "`/mtasts list` shows this channel's subscriptions. `/mtasts help` shows this message.\n"
                + "The buttons under a report re-check the domain, subscribe to it, or show its policy file.";
        return create(List.of(), text);
    }

    /** A short ephemeral notice (errors, refusals); the text may hold untrusted input and is escaped here. */
    public static MessageCreateData notice(String text) {
        requireNonNull(text, "text is null");
        return create(List.of(), DiscordMarkdown.truncate(DiscordMarkdown.escape(text), Message.MAX_CONTENT_LENGTH));
    }

    /** {@link #notice} as an edit of a deferred ephemeral reply. */
    public static MessageEditData noticeEdit(String text) {
        return new MessageEditBuilder()
                .applyCreateData(notice(text))
                .setReplace(true)
                .setAllowedMentions(NO_MENTIONS)
                .mentionRepliedUser(false)
                .build();
    }

    static int colour(Report report) {
        return colour(CheckStatus.of(report.status()));
    }

    static int colour(CheckStatus status) {
        return look(status).colour();
    }

    static String emoji(CheckStatus status) {
        return look(status).emoji();
    }

    /** How a status looks on Discord: the embed's colour and the emoji before its line. */
    private record Look(int colour, String emoji) {}

    private static Look look(CheckStatus status) {
        return switch (status) {
            case PASS -> new Look(PASS_COLOUR, "✅");
            case INFO -> new Look(INFO_COLOUR, "ℹ️");
            case WARN -> new Look(WARN_COLOUR, "⚠️");
            case FAIL -> new Look(FAIL_COLOUR, "❌");
            case SKIP -> new Look(PROGRESS_COLOUR, "⏭️");
        };
    }

    private static MessageEmbed summary(Report report, int budget) {
        EmbedBuilder embed = new EmbedBuilder()
                .setColor(colour(report))
                .setTitle(DiscordMarkdown.truncate(
                        DiscordMarkdown.escapeLine(ReportSummary.headline(report)), MessageEmbed.TITLE_MAX_LENGTH))
                .setFooter(DiscordMarkdown.truncate(
                        plain(ReportSummary.fixTimeLine(report) + " · checked in "
                                + seconds(report.duration().toMillis())),
                        MessageEmbed.TEXT_MAX_LENGTH))
                .setTimestamp(report.checkedAt());
        ReportSummary.senderLine(report)
                .ifPresent(line -> embed.setDescription(DiscordMarkdown.truncate(
                        DiscordMarkdown.escape(line), Math.min(MessageEmbed.DESCRIPTION_MAX_LENGTH, budget / 3))));
        List<Field> fields =
                report.checks().stream().map(DiscordReportFormatter::checkField).toList();
        addFields(embed, fields, budget, "checks");
        return embed.build();
    }

    private static Field checkField(CheckReport check) {
        return new Field(
                emoji(check.status()) + " " + DiscordMarkdown.escapeLine(check.title()),
                DiscordMarkdown.escape(ReportSummary.checkLine(check)));
    }

    /**
     * Adds fields while they fit 25 fields and {@code budget} characters for the whole embed; what does not fit is
     * counted in a last "… N more" field. Over-long names and values are cut with "…".
     */
    private static void addFields(EmbedBuilder embed, List<Field> fields, int budget, String noun) {
        int used = embed.length();
        for (int index = 0; index < fields.size(); index++) {
            boolean last = index == fields.size() - 1;
            String name = DiscordMarkdown.truncate(fields.get(index).name(), MessageEmbed.TITLE_MAX_LENGTH);
            String value = DiscordMarkdown.truncate(fields.get(index).value(), MessageEmbed.VALUE_MAX_LENGTH);
            if (last && used + name.length() + value.length() <= budget) {
                embed.addField(name, value, false);
                return;
            }
            int room = budget - used - MORE_RESERVE - name.length();
            if (embed.getFields().size() == MessageEmbed.MAX_FIELD_AMOUNT - 1 || room < Math.min(value.length(), 40)) {
                addMore(embed, fields.size() - index, noun);
                return;
            }
            if (value.length() > room) {
                value = DiscordMarkdown.truncate(value, room);
            }
            embed.addField(name, value, false);
            used += name.length() + value.length();
        }
    }

    private static void addMore(EmbedBuilder embed, int count, String noun) {
        embed.addField("…", count + " more " + noun + " not shown (Discord's message limits)", false);
    }

    private static List<MessageEmbed> inlineDetails(Report report, List<CheckReport> problems, int budget) {
        List<MessageEmbed> embeds = new ArrayList<>();
        int remaining = budget - MORE_RESERVE;
        int maxDetails = Message.MAX_EMBED_COUNT - 2;
        int shown = 0;
        for (CheckReport check : problems) {
            int left = problems.size() - shown;
            int share = left == 1 ? remaining : remaining / left;
            if (shown == maxDetails || share < MIN_DETAIL) {
                break;
            }
            MessageEmbed embed = detail(check, share);
            embeds.add(embed);
            remaining -= embed.getLength();
            shown++;
        }
        if (shown < problems.size()) {
            int hidden = problems.size() - shown;
            embeds.add(new EmbedBuilder()
                    .setColor(colour(report))
                    .setDescription(DiscordMarkdown.escape("… " + hidden + " more "
                            + (hidden == 1 ? "check's" : "checks'") + " details not shown (Discord's message limits). "
                            + "The full report: mtasts check " + report.domain()))
                    .build());
        }
        return embeds;
    }

    /** One check's details in at most {@code budget} characters: its non-pass findings, worst first. */
    static MessageEmbed detail(CheckReport check, int budget) {
        EmbedBuilder embed = new EmbedBuilder()
                .setColor(colour(check.status()))
                .setTitle(DiscordMarkdown.truncate(
                        emoji(check.status()) + " " + DiscordMarkdown.escapeLine(check.title()),
                        MessageEmbed.TITLE_MAX_LENGTH));
        Optional<FixTime> fixTime = FixTimes.total(check.problems().stream()
                .flatMap(finding -> finding.fixTime().stream())
                .toList());
        fixTime.ifPresent(total -> embed.setFooter(DiscordMarkdown.truncate(
                plain("Fix time for this check: " + total.text()), MessageEmbed.TEXT_MAX_LENGTH)));
        int room = Math.min(MessageEmbed.DESCRIPTION_MAX_LENGTH, budget - embed.length());
        List<Finding> findings = check.findings().stream()
                .filter(finding -> finding.severity() != Severity.PASS)
                .sorted(Comparator.comparing(Finding::severity).reversed())
                .toList();
        StringBuilder description = new StringBuilder();
        int shown = 0;
        for (Finding finding : findings) {
            String separator = description.isEmpty() ? "" : "\n\n";
            int available = room - description.length() - separator.length();
            String block = finding(finding, MAX_EVIDENCE);
            boolean last = shown == findings.size() - 1;
            if (!last || block.length() > available) {
                block = fit(finding, available - MORE_RESERVE, description.isEmpty());
            }
            if (block.isEmpty()) {
                break;
            }
            description.append(separator).append(block);
            shown++;
        }
        int hidden = findings.size() - shown;
        if (hidden > 0) {
            description
                    .append(description.isEmpty() ? "" : "\n\n")
                    .append("… ")
                    .append(hidden)
                    .append(hidden == 1 ? " more finding" : " more findings")
                    .append(" not shown (Discord's message limits)");
        }
        if (description.isEmpty()) {
            description.append(DiscordMarkdown.escape(ReportSummary.checkLine(check)));
        }
        embed.setDescription(DiscordMarkdown.truncate(description.toString(), Math.max(1, room)));
        return embed.build();
    }

    /**
     * A finding's block in at most {@code available} characters: whole if it fits, else with shorter evidence; the
     * first block of a message is cut rather than dropped. Empty when it does not fit.
     */
    private static String fit(Finding finding, int available, boolean first) {
        String block = finding(finding, MAX_EVIDENCE);
        if (block.length() <= available) {
            return block;
        }
        int evidence = MAX_EVIDENCE - (block.length() - available);
        if (!finding.evidence().isBlank() && evidence >= 80) {
            String shorter = finding(finding, evidence);
            if (shorter.length() <= available) {
                return shorter;
            }
        }
        if (first && available >= 100) {
            return DiscordMarkdown.truncate(finding(finding, 0), available);
        }
        return "";
    }

    private static String finding(Finding finding, int maxEvidence) {
        StringBuilder block = new StringBuilder()
                .append("**")
                .append(finding.severity().label().toUpperCase(java.util.Locale.ROOT))
                .append("** `")
                .append(finding.code())
                .append("`\n")
                .append(DiscordMarkdown.escape(finding.message()));
        if (!finding.evidence().isBlank() && maxEvidence > 0) {
            block.append('\n').append(DiscordMarkdown.codeBlock(finding.evidence(), maxEvidence));
        }
        finding.remediation().ifPresent(remediation -> block.append("\n**Fix:** ")
                .append(DiscordMarkdown.escape(remediation.action()))
                .append("\n**Fix time:** ")
                .append(DiscordMarkdown.escape(remediation.fixTime().text())));
        return block.toString();
    }

    private static ActionRow buttons(String domain, ShareLinks share) {
        List<Button> buttons = new ArrayList<>(List.of(
                Button.primary(
                        ButtonId.of(ButtonId.Action.RECHECK, domain).customId(), ButtonId.Action.RECHECK.label()),
                Button.secondary(
                        ButtonId.of(ButtonId.Action.SUBSCRIBE, domain).customId(), ButtonId.Action.SUBSCRIBE.label()),
                Button.secondary(
                        ButtonId.of(ButtonId.Action.POLICY, domain).customId(), ButtonId.Action.POLICY.label())));
        share.report(domain)
                .filter(url -> url.length() <= Button.URL_MAX_LENGTH)
                .ifPresent(url -> buttons.add(Button.link(url, "Share")));
        return ActionRow.of(buttons);
    }

    /** Footers render no markdown; they only need control characters removed. */
    private static String plain(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String seconds(long millis) {
        return millis < 1000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static MessageEditData edit(List<MessageEmbed> embeds, List<ActionRow> rows) {
        return new MessageEditBuilder()
                .setReplace(true)
                .setContent("")
                .setEmbeds(embeds)
                .setComponents(rows)
                .setAllowedMentions(NO_MENTIONS)
                .mentionRepliedUser(false)
                .build();
    }

    private static MessageCreateData create(List<MessageEmbed> embeds, String content) {
        MessageCreateBuilder builder = new MessageCreateBuilder()
                .setEmbeds(embeds)
                .setAllowedMentions(NO_MENTIONS)
                .mentionRepliedUser(false);
        if (!content.isEmpty()) {
            builder.setContent(content);
        }
        return builder.build();
    }

    private record Field(String name, String value) {}
}
