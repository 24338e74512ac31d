package dev.mtasts.adapter.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static java.util.Objects.requireNonNull;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.BlockElement;
import dev.mtasts.core.chat.ReportSummary;
import dev.mtasts.core.subscription.Change;
import dev.mtasts.core.subscription.Notification;
import dev.mtasts.core.subscription.NotificationText;
import dev.mtasts.core.subscription.Platform;
import dev.mtasts.core.subscription.SubscribeResult;
import dev.mtasts.core.subscription.SubscriptionOverview;
import dev.mtasts.core.subscription.SubscriptionText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Block Kit for subscriptions: the notification a channel gets when a followed domain changes (the headline and the
 * changes in the parent, the new problems' fixes in its thread, like a check report), and the replies to subscribe,
 * unsubscribe and list. All wording comes from the core's {@link NotificationText} and {@link SubscriptionText}; all
 * of it is escaped here.
 */
public final class SlackSubscriptionFormatter {
    private static final int SECTION_LIMIT = 3000;
    private static final int HEADER_LIMIT = 150;
    private static final int FALLBACK_LIMIT = 3000;
    private static final int LINE_LIMIT = 700;

    private SlackSubscriptionFormatter() {}

    /** The parent message of a notification: headline, one line per change (loudest first), fix time, button. */
    public static SlackMessage notification(Notification notification) {
        requireNonNull(notification, "notification is null");
        String headline = NotificationText.headline(notification);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(header -> header.text(plainText(
                text -> text.text(SlackText.plain("MTA-STS change: " + notification.domain(), HEADER_LIMIT))))));
        blocks.add(section(
                levelEmoji(notification.level()) + " *" + SlackText.escape(headline, SECTION_LIMIT - 40) + "*"));
        List<String> lines = new ArrayList<>();
        Instant checkedAt = notification.report().checkedAt();
        for (Change change : notification.changes()) {
            lines.add(levelEmoji(change.level()) + " "
                    + SlackText.escape(NotificationText.describe(change, checkedAt), LINE_LIMIT));
        }
        // Keep room for the context line and the button.
        blocks.addAll(sections(lines, SlackMessage.MAX_BLOCKS - blocks.size() - 2));
        boolean fixes = !notification.problemChecks().isEmpty();
        blocks.add(context(context -> context.elements(List.of(markdown(":stopwatch: "
                + SlackText.escape(ReportSummary.fixTimeLine(notification.report()), 1000)
                + (fixes ? " · how to fix the new problems is in the thread" : "")
                + " · " + SlackText.escape("/mtasts " + notification.domain(), 300) + " for the full report")))));
        blocks.add(actions(actions -> actions.blockId("mtasts_notification_actions")
                .elements(List.<BlockElement>of(button(button -> button.actionId(SlackReportFormatter.UNSUBSCRIBE)
                        .value(notification.domain())
                        .text(plainText(text -> text.text("Unsubscribe"))))))));
        return new SlackMessage(SlackText.escape(headline, FALLBACK_LIMIT), blocks);
    }

    /** The thread replies of a notification: one per check with a new problem, as in a check report. */
    public static List<SlackMessage> notificationReplies(Notification notification) {
        requireNonNull(notification, "notification is null");
        return notification.problemChecks().stream()
                .map(SlackReportFormatter::problem)
                .toList();
    }

    /** The reply to subscribe; for a new or resumed subscription it is posted in the channel. */
    public static SlackMessage subscribed(SubscribeResult result, String domain, Duration interval) {
        String text = SubscriptionText.subscribed(result, domain, Platform.SLACK, interval);
        String emoji =
                switch (result) {
                    case SubscribeResult.Subscribed subscribed -> ":bell: ";
                    case SubscribeResult.Resumed resumed -> ":bell: ";
                    case SubscribeResult.AlreadySubscribed already -> ":information_source: ";
                    case SubscribeResult.LimitReached limit -> ":no_entry: ";
                };
        return message(emoji, text);
    }

    public static SlackMessage unsubscribed(boolean removed, String domain) {
        return message(
                removed ? ":no_bell: " : ":information_source: ", SubscriptionText.unsubscribed(removed, domain));
    }

    /** The ephemeral reply to list: the channel's domains with their last status and next check. */
    public static SlackMessage list(List<SubscriptionOverview> subscriptions, int perChannelLimit, Instant now) {
        requireNonNull(subscriptions, "subscriptions is null");
        requireNonNull(now, "now is null");
        String headline = SubscriptionText.listHeadline(subscriptions.size(), perChannelLimit);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(SlackText.escape(headline, SECTION_LIMIT)));
        List<String> lines = new ArrayList<>();
        for (SubscriptionOverview overview : subscriptions) {
            String emoji = overview.lastStatus()
                    .map(status -> SlackReportFormatter.statusEmoji(dev.mtasts.core.CheckStatus.of(status)))
                    .orElse(":white_small_square:");
            lines.add(emoji + " " + SlackText.escape(SubscriptionText.listLine(overview, now), LINE_LIMIT));
        }
        blocks.addAll(sections(lines, SlackMessage.MAX_BLOCKS - blocks.size()));
        return new SlackMessage(SlackText.escape(headline, FALLBACK_LIMIT), blocks);
    }

    /** The ephemeral refusal when only workspace admins may manage subscriptions. */
    public static SlackMessage notAllowed() {
        return message(
                ":lock: ",
                "Only workspace admins and owners can subscribe or unsubscribe channels here"
                        + " (slack.subscribe-permission is admins). Ask one of them, or check the domain with"
                        + " /mtasts example.com.");
    }

    /** The ephemeral reply when the bot cannot post in the channel, so a subscription there would never be heard. */
    public static SlackMessage cannotPostHere(String domain) {
        return message(
                ":warning: ",
                "I can't post in this channel, so it cannot follow " + domain + ". Invite me with /invite @mtasts"
                        + " (private channels need this) and subscribe again.");
    }

    private static SlackMessage message(String emoji, String text) {
        return new SlackMessage(
                SlackText.escape(text, FALLBACK_LIMIT),
                List.of(section(emoji + SlackText.escape(text, SECTION_LIMIT))));
    }

    private static String levelEmoji(Change.Level level) {
        return switch (level) {
            case ALERT -> ":rotating_light:";
            case NOTICE -> ":large_blue_circle:";
            case GOOD -> ":white_check_mark:";
        };
    }

    /**
     * Lines in as few sections as fit (3000 characters each), at most {@code maxBlocks}; when they do not all fit, the
     * last section ends with "… and N more", and room for that note is kept in it.
     */
    private static List<LayoutBlock> sections(List<String> lines, int maxBlocks) {
        List<LayoutBlock> blocks = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int used = 0;
        for (String line : lines) {
            boolean lastLine = used == lines.size() - 1;
            if (!fits(text, line, noteRoom(blocks, maxBlocks, lastLine, lines.size()))) {
                if (blocks.size() + 1 >= maxBlocks) {
                    break;
                }
                blocks.add(section(text.toString()));
                text.setLength(0);
                if (!fits(text, line, noteRoom(blocks, maxBlocks, lastLine, lines.size()))) {
                    break;
                }
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(line);
            used++;
        }
        if (used < lines.size()) {
            text.append(moreNote(lines.size() - used));
        }
        if (!text.isEmpty()) {
            blocks.add(section(text.toString()));
        }
        return blocks;
    }

    private static boolean fits(StringBuilder text, String line, int noteRoom) {
        return text.length() + (text.isEmpty() ? 0 : 1) + line.length() + noteRoom <= SECTION_LIMIT;
    }

    /** In the last section a line that is not the last one leaves room for the note (as long as it can get). */
    private static int noteRoom(List<LayoutBlock> blocks, int maxBlocks, boolean lastLine, int lineCount) {
        return blocks.size() + 1 >= maxBlocks && !lastLine ? moreNote(lineCount).length() : 0;
    }

    private static String moreNote(int count) {
        return "\n… and " + count + " more";
    }

    private static LayoutBlock section(String mrkdwn) {
        return com.slack.api.model.block.Blocks.section(section -> section.text(markdown(mrkdwn)));
    }

    private static MarkdownTextObject markdown(String mrkdwn) {
        return MarkdownTextObject.builder().text(mrkdwn).verbatim(true).build();
    }
}
