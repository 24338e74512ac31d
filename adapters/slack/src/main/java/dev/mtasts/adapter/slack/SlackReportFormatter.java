package dev.mtasts.adapter.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static java.util.Objects.requireNonNull;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckService.CheckDefinition;
import dev.mtasts.core.CheckStatus;
import dev.mtasts.core.Report;
import dev.mtasts.core.chat.ChatCommand;
import dev.mtasts.core.chat.ChatHistory;
import dev.mtasts.core.chat.PolicyText;
import dev.mtasts.core.chat.ReportSummary;
import dev.mtasts.core.dispatch.DispatchText;
import dev.mtasts.core.frontend.ShareLinks;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.Severity;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns reports into Slack messages: a pure function of its arguments, with no Slack connection. All wording comes
 * from the adapter-neutral {@link ReportSummary}; every untrusted string goes through {@link SlackText}, and every
 * {@code mrkdwn} object is {@code verbatim}, so Slack does not auto-link channel names or parse mentions in it.
 */
public final class SlackReportFormatter {
    public static final String RECHECK = "mtasts_recheck";
    public static final String SUBSCRIBE = "mtasts_subscribe";
    public static final String UNSUBSCRIBE = "mtasts_unsubscribe";
    public static final String SHOW_POLICY = "mtasts_show_policy";

    /** Slack's limit for a section's text. */
    static final int SECTION_LIMIT = 3000;
    /** Slack's limit for a header's plain text. */
    static final int HEADER_LIMIT = 150;
    /** Kept below Slack's limit for a context element, which has varied between 2000 and 3000. */
    static final int CONTEXT_LIMIT = 2000;
    /** Slack's limit of blocks on a Home tab. */
    static final int MAX_HOME_BLOCKS = 100;
    /** Code blocks in one "Show policy" reply; a policy file is normally far shorter. */
    static final int MAX_POLICY_SECTIONS = 12;
    /** A line for one check in the parent message, at most. */
    private static final int CHECK_LINE_LIMIT = 500;
    /** The fallback {@code text} at most (Slack truncates long ones anyway). */
    private static final int FALLBACK_LIMIT = 3000;

    private SlackReportFormatter() {}

    /** The parent message while checks run: which are done, and how each went. */
    public static SlackMessage progress(
            String domain, List<CheckDefinition> checks, Map<String, CheckReport> finished) {
        requireNonNull(domain, "domain is null");
        requireNonNull(checks, "checks is null");
        requireNonNull(finished, "finished is null");
        String summary = ReportSummary.progress(domain, finished.size(), checks.size());
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(":hourglass_flowing_sand: *" + SlackText.escape(summary, SECTION_LIMIT - 30) + "*"));
        List<String> lines = new ArrayList<>();
        for (CheckDefinition check : checks) {
            CheckReport report = finished.get(check.id());
            lines.add(
                    report == null
                            ? ":white_small_square: " + SlackText.escape(check.title(), CHECK_LINE_LIMIT)
                            : checkLine(report));
        }
        blocks.addAll(sections(lines, SlackMessage.MAX_BLOCKS - blocks.size()));
        return new SlackMessage(SlackText.escape(summary, FALLBACK_LIMIT), blocks);
    }

    /**
     * The final parent message: overall status, one line per check, the sender view, the total fix time and the
     * buttons.
     */
    public static SlackMessage parent(Report report, boolean subscribed) {
        return parent(report, subscribed, ShareLinks.none());
    }

    /** As {@link #parent(Report, boolean)}, with a "Share" link to the web permalink when a public URL is set. */
    public static SlackMessage parent(Report report, boolean subscribed, ShareLinks share) {
        requireNonNull(report, "report is null");
        String headline = ReportSummary.headline(report);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(header -> header.text(
                plainText(text -> text.text(SlackText.plain("MTA-STS report: " + report.domain(), HEADER_LIMIT))))));
        blocks.add(
                section(severityEmoji(report.status()) + " *" + SlackText.escape(headline, SECTION_LIMIT - 40) + "*"));
        List<String> lines =
                report.checks().stream().map(SlackReportFormatter::checkLine).toList();
        // Keep room for the sender view, the fix time and the buttons.
        blocks.addAll(sections(lines, SlackMessage.MAX_BLOCKS - blocks.size() - 3));
        ReportSummary.senderLine(report)
                .ifPresent(line ->
                        blocks.add(contextBlock(":incoming_envelope: " + SlackText.escape(line, CONTEXT_LIMIT - 40))));
        String fixTime = SlackText.escape(ReportSummary.fixTimeLine(report), CONTEXT_LIMIT - 80);
        boolean problems = !ReportSummary.problemChecks(report).isEmpty();
        // The link is the configured URL plus the URL-encoded A-label domain: nothing in it needs Slack escaping.
        String link = share.report(report.domain())
                .map(url -> " · <" + url + "|Share>")
                .orElse("");
        blocks.add(contextBlock(":stopwatch: " + fixTime + (problems ? " · details in the thread" : "") + link));
        blocks.add(actions(actions -> actions.blockId("mtasts_actions")
                .elements(List.<BlockElement>of(
                        actionButton(RECHECK, "Re-check", report.domain(), Optional.of("primary")),
                        subscribed
                                ? actionButton(UNSUBSCRIBE, "Unsubscribe", report.domain(), Optional.empty())
                                : actionButton(SUBSCRIBE, "Subscribe", report.domain(), Optional.empty()),
                        actionButton(SHOW_POLICY, "Show policy", report.domain(), Optional.empty())))));
        return new SlackMessage(SlackText.escape("MTA-STS " + headline, FALLBACK_LIMIT), blocks);
    }

    /** One thread reply for a failing or warning check: each problem's finding, evidence, remediation, fix time. */
    public static SlackMessage problem(CheckReport check) {
        requireNonNull(check, "check is null");
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(statusEmoji(check.status()) + " *" + SlackText.escape(check.title(), 500) + "* — "
                + check.status().label() + " " + SlackText.code(check.id(), 100)));
        List<Finding> problems = check.problems();
        int shown = 0;
        for (Finding finding : problems) {
            List<LayoutBlock> findingBlocks = findingBlocks(finding);
            // Always keep one block free for the "more" note.
            if (blocks.size() + findingBlocks.size() > SlackMessage.MAX_BLOCKS - 2) {
                break;
            }
            if (shown > 0) {
                blocks.add(divider());
            }
            blocks.addAll(findingBlocks);
            shown++;
        }
        if (shown < problems.size()) {
            blocks.add(contextBlock(
                    "…and " + (problems.size() - shown) + " more findings; run `mtasts check` for the full report."));
        }
        List<String> others = check.findings().stream()
                .filter(finding -> finding.severity() == Severity.PASS || finding.severity() == Severity.INFO)
                .map(finding -> severityEmoji(finding.severity()) + " " + SlackText.escape(finding.message(), 300))
                .toList();
        if (!others.isEmpty() && blocks.size() < SlackMessage.MAX_BLOCKS) {
            blocks.add(contextBlock(joinWithin(others, CONTEXT_LIMIT)));
        }
        String first = problems.isEmpty()
                ? check.status().label()
                : problems.getFirst().message();
        return new SlackMessage(
                SlackText.escape(check.title() + " (" + check.status().label() + "): " + first, FALLBACK_LIMIT),
                blocks);
    }

    /** A thread note saying who asked for a re-check and how it went; the problem replies follow it. */
    public static SlackMessage recheckNote(Report report, Optional<String> userId) {
        requireNonNull(report, "report is null");
        String who = userId.filter(SlackReportFormatter::isSlackId)
                .map(id -> "<@" + id + "> re-checked")
                .orElse("Re-checked");
        String headline = SlackText.escape(ReportSummary.headline(report), SECTION_LIMIT - 200);
        String text = ":arrows_counterclockwise: " + who + " at " + timestamp(report.checkedAt()) + ": "
                + severityEmoji(report.status()) + " " + headline;
        return new SlackMessage(
                SlackText.escape("Re-checked: " + ReportSummary.headline(report), FALLBACK_LIMIT),
                List.of(section(text)));
    }

    /** The policy file as fetched, escaped, in code blocks; long files are cut with a note. */
    public static SlackMessage policy(String domain, PolicyText policy) {
        requireNonNull(domain, "domain is null");
        requireNonNull(policy, "policy is null");
        List<LayoutBlock> blocks = new ArrayList<>();
        switch (policy) {
            case PolicyText.Fetched fetched -> {
                blocks.add(section(":page_facing_up: *Policy file of " + SlackText.escape(domain, 300) + "* ("
                        + SlackText.code(PolicyText.url(domain), 400) + ")"));
                addCodeBlocks(blocks, fetched.body());
            }
            case PolicyText.Missing missing ->
                blocks.add(section(":page_facing_up: No policy file to show for " + SlackText.escape(domain, 300) + ": "
                        + SlackText.escape(missing.reason(), 2000)));
        }
        return new SlackMessage(SlackText.escape("MTA-STS policy of " + domain, FALLBACK_LIMIT), blocks);
    }

    /** {@code /mtasts history}: the timeline, escaped, in code blocks; or why it cannot be shown. */
    public static SlackMessage history(ChatHistory.Answer answer) {
        requireNonNull(answer, "answer is null");
        return switch (answer) {
            case ChatHistory.Answer.Shown shown -> {
                List<LayoutBlock> blocks = new ArrayList<>();
                blocks.add(section(":scroll: *History of " + SlackText.escape(shown.domain(), 300) + "*"));
                addCodeBlocks(blocks, shown.text());
                yield new SlackMessage(SlackText.escape("History of " + shown.domain(), FALLBACK_LIMIT), blocks);
            }
            case ChatHistory.Answer.Failed failed -> notice(failed.sentence());
        };
    }

    /** The reply to {@code /mtasts help}: ephemeral usage. */
    public static SlackMessage help() {
        String text = String.join(
                "\n",
                "*mtasts* checks a domain's MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) set-up and says what to fix.",
                "• `/mtasts example.com` or `/mtasts check example.com`: check a domain. The report appears in this"
                        + " channel, updated live, with the details of each problem in its thread.",
                "• `/mtasts subscribe example.com`: watch a domain and post here when it changes. The check that"
                        + " follows is the baseline.",
                "• `/mtasts unsubscribe example.com`: stop watching it.",
                "• `/mtasts history example.com`: what changed in its deployment, and when (only you see it).",
                "• `/mtasts reports example.com`: the TLS-RPT reports senders mailed back, and whether the domain is"
                        + " safe to move to enforce (only you see it).",
                "• `/mtasts list`: the domains this channel watches, with their last status and next check.",
                "• `/mtasts help`: this message.",
                "The buttons under a report re-run the check, subscribe, or show the policy file.");
        return new SlackMessage(SlackText.escape(ChatCommand.USAGE, FALLBACK_LIMIT), List.of(section(text)));
    }

    /** The parent message while the check waits for its turn: how many checks are ahead. */
    public static SlackMessage queued(String domain, int ahead) {
        String text = DispatchText.queued(domain, ahead);
        return new SlackMessage(
                SlackText.escape(text, FALLBACK_LIMIT),
                List.of(section(":hourglass: *" + SlackText.escape(text, SECTION_LIMIT - 30) + "*")));
    }

    /** A short private notice, such as a rate limit's "try again in 6 s". */
    public static SlackMessage notice(String text) {
        requireNonNull(text, "text is null");
        return new SlackMessage(
                SlackText.escape(text, FALLBACK_LIMIT),
                List.of(section(":information_source: " + SlackText.escape(text, SECTION_LIMIT - 30))));
    }

    /** The ephemeral reply to a command the parser refused: the one-line reason, escaped. */
    public static SlackMessage invalid(String reason) {
        requireNonNull(reason, "reason is null");
        String text = ":warning: " + SlackText.escape(reason, SECTION_LIMIT - 200) + "\nTry `/mtasts help`.";
        return new SlackMessage(SlackText.escape(reason, FALLBACK_LIMIT), List.of(section(text)));
    }

    /** What the bot says when it cannot reach the channel with its own token, next to the report. */
    public static String notInChannelHint() {
        return ":information_source: I can't post in this channel myself, so there is no live progress and no"
                + " thread. Invite me with `/invite @mtasts` (private channels and group DMs need this), or give the"
                + " app the `chat:write.public` scope for public channels.";
    }

    /** The report for a channel the bot cannot post in: the parent, the hint, then every problem in full. */
    public static List<SlackMessage> fallback(Report report, boolean subscribed) {
        return fallback(report, subscribed, ShareLinks.none());
    }

    /** As {@link #fallback(Report, boolean)}, with a "Share" link when a public URL is set. */
    public static List<SlackMessage> fallback(Report report, boolean subscribed, ShareLinks share) {
        requireNonNull(report, "report is null");
        SlackMessage parent = parent(report, subscribed, share);
        List<LayoutBlock> parentBlocks = new ArrayList<>(parent.blocks());
        parentBlocks.add(contextBlock(notInChannelHint()));
        List<SlackMessage> messages = new ArrayList<>();
        messages.add(new SlackMessage(parent.text(), parentBlocks));
        List<LayoutBlock> details = new ArrayList<>();
        for (CheckReport check : ReportSummary.problemChecks(report)) {
            List<LayoutBlock> blocks = problem(check).blocks();
            if (details.size() + blocks.size() + 1 > SlackMessage.MAX_BLOCKS) {
                break;
            }
            if (!details.isEmpty()) {
                details.add(divider());
            }
            details.addAll(blocks);
        }
        if (!details.isEmpty()) {
            messages.add(new SlackMessage(SlackText.escape("Details: " + report.domain(), FALLBACK_LIMIT), details));
        }
        return List.copyOf(messages);
    }

    /** The ephemeral note when a check could not be run or posted at all. */
    public static SlackMessage failure(String domain, String what) {
        String text = ":warning: Sorry, the check of " + SlackText.escape(domain, 300) + " did not complete: "
                + SlackText.escape(what, 1000);
        return new SlackMessage(
                SlackText.escape("The check of " + domain + " did not complete", FALLBACK_LIMIT),
                List.of(section(text)));
    }

    /** The App Home tab: how to subscribe, and the workspace's recent checks, newest first. */
    public static List<LayoutBlock> home(List<RecentReports.Entry> recent) {
        requireNonNull(recent, "recent is null");
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(header -> header.text(plainText(text -> text.text("MTA-STS checker")))));
        blocks.add(section("Type `/mtasts example.com` in any channel to check a domain's MTA-STS and TLS-RPT"
                + " set-up. `/mtasts help` lists every command."));
        blocks.add(divider());
        blocks.add(section("*Subscriptions*\n`/mtasts subscribe example.com` in a channel makes it hear when the"
                + " domain changes; `/mtasts list` there shows what it follows."));
        blocks.add(divider());
        blocks.add(section("*Recent checks in this workspace*"));
        if (recent.isEmpty()) {
            blocks.add(contextBlock("No checks yet since the bot started."));
        }
        for (RecentReports.Entry entry : recent) {
            if (blocks.size() >= MAX_HOME_BLOCKS) {
                break;
            }
            Report report = entry.report();
            String where = isSlackId(entry.channelId()) ? " in <#" + entry.channelId() + ">" : "";
            blocks.add(section(severityEmoji(report.status()) + " *"
                    + SlackText.escape(ReportSummary.headline(report), 1500) + "*" + where + " · "
                    + timestamp(report.checkedAt())));
        }
        return List.copyOf(blocks);
    }

    /** The emoji for a status, the same in every message. */
    static String statusEmoji(CheckStatus status) {
        return switch (status) {
            case PASS -> ":white_check_mark:";
            case INFO -> ":information_source:";
            case WARN -> ":warning:";
            case FAIL -> ":x:";
            case SKIP -> ":heavy_minus_sign:";
        };
    }

    private static String severityEmoji(Severity severity) {
        return statusEmoji(CheckStatus.of(severity));
    }

    private static String checkLine(CheckReport check) {
        String line = statusEmoji(check.status()) + " *" + SlackText.escape(check.title(), 200) + "* — ";
        return line + SlackText.escape(ReportSummary.checkLine(check), CHECK_LINE_LIMIT - line.length());
    }

    private static List<LayoutBlock> findingBlocks(Finding finding) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(severityEmoji(finding.severity()) + " *" + SlackText.escape(finding.message(), 2800) + "*"));
        if (!finding.evidence().isEmpty()) {
            blocks.add(section(SlackText.codeBlock(finding.evidence(), SECTION_LIMIT)));
        }
        finding.remediation().ifPresent(remediation -> {
            blocks.add(section("*Fix:* " + SlackText.escape(remediation.action(), SECTION_LIMIT - 20)));
            blocks.add(contextBlock(":stopwatch: Fix time: "
                    + SlackText.escape(remediation.fixTime().text(), 500) + " · "
                    + SlackText.code(finding.code(), 200)));
        });
        if (finding.remediation().isEmpty()) {
            blocks.add(contextBlock(SlackText.code(finding.code(), 200)));
        }
        return blocks;
    }

    private static void addCodeBlocks(List<LayoutBlock> blocks, String body) {
        List<String> lines = List.of(body.replace("\r\n", "\n").split("\n", -1));
        StringBuilder chunk = new StringBuilder();
        int used = 0;
        int index = 0;
        for (; index < lines.size() && used < MAX_POLICY_SECTIONS; index++) {
            String line = lines.get(index);
            String candidate = chunk.isEmpty() ? line : chunk + "\n" + line;
            if (escapedLength(candidate) > SECTION_LIMIT - 6 && !chunk.isEmpty()) {
                blocks.add(section(SlackText.codeBlock(chunk.toString(), SECTION_LIMIT)));
                used++;
                chunk.setLength(0);
                chunk.append(line);
            } else {
                chunk.setLength(0);
                chunk.append(candidate);
            }
        }
        if (used < MAX_POLICY_SECTIONS && (!chunk.isEmpty() || used == 0)) {
            blocks.add(
                    section(SlackText.codeBlock(chunk.isEmpty() ? "(empty file)" : chunk.toString(), SECTION_LIMIT)));
        } else if (!chunk.isEmpty()) {
            index--;
        }
        if (index < lines.size()) {
            blocks.add(contextBlock("…cut here: " + (lines.size() - index) + " more lines not shown."));
        }
    }

    private static int escapedLength(String text) {
        return SlackText.codeBlock(text, Integer.MAX_VALUE).length() - 6;
    }

    private static List<LayoutBlock> sections(List<String> lines, int maxBlocks) {
        List<LayoutBlock> blocks = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (String line : lines) {
            // Keep room in every section for the "…and N more checks" note.
            if (!text.isEmpty() && text.length() + 1 + line.length() > SECTION_LIMIT - 40) {
                if (blocks.size() + 1 >= maxBlocks) {
                    break;
                }
                blocks.add(section(text.toString()));
                text.setLength(0);
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(line);
            shown++;
        }
        if (shown < lines.size()) {
            text.append("\n…and ").append(lines.size() - shown).append(" more checks");
        }
        if (!text.isEmpty()) {
            blocks.add(section(text.toString()));
        }
        return blocks;
    }

    private static String joinWithin(List<String> lines, int limit) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            if (text.length() + line.length() + 1 > limit) {
                break;
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(line);
        }
        return text.toString();
    }

    private static ButtonElement actionButton(String actionId, String label, String domain, Optional<String> style) {
        return button(button -> {
            button.actionId(actionId).value(domain).text(plainText(text -> text.text(label)));
            style.ifPresent(button::style);
            return button;
        });
    }

    /** A section whose text is already-escaped mrkdwn, marked verbatim. */
    private static LayoutBlock section(String mrkdwn) {
        return com.slack.api.model.block.Blocks.section(section -> section.text(markdown(mrkdwn)));
    }

    private static LayoutBlock contextBlock(String mrkdwn) {
        return context(context -> context.elements(List.of(markdown(mrkdwn))));
    }

    private static MarkdownTextObject markdown(String mrkdwn) {
        return MarkdownTextObject.builder().text(mrkdwn).verbatim(true).build();
    }

    /** Slack's own date formatting (shown in each reader's time zone), with an ISO fallback. */
    private static String timestamp(Instant instant) {
        return "<!date^" + instant.getEpochSecond() + "^{date_short_pretty} {time}|"
                + DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                + ">";
    }

    static boolean isSlackId(String id) {
        return id.matches("[A-Z0-9]{2,32}");
    }
}
