package dev.mtasts.adapter.discord;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.CheckStatus;
import dev.mtasts.core.chat.ReportSummary;
import dev.mtasts.core.subscription.Change;
import dev.mtasts.core.subscription.Notification;
import dev.mtasts.core.subscription.NotificationText;
import dev.mtasts.core.subscription.SubscriptionOverview;
import dev.mtasts.core.subscription.SubscriptionText;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * Discord messages for subscriptions: the notification a channel gets when a followed domain changes (an embed with
 * the headline and the changes, loudest first; the new problems' details follow in a thread, as for a check), and the
 * list reply. Wording comes from the core's {@link NotificationText} and {@link SubscriptionText}; escaping is here.
 */
final class DiscordSubscriptionFormatter {
    /** Marks a notification's footer, so an attempt in doubt can find the message it may already have posted. */
    static final String REFERENCE = "ref ";

    private static final EnumSet<Message.MentionType> NO_MENTIONS = EnumSet.noneOf(Message.MentionType.class);

    private DiscordSubscriptionFormatter() {}

    /** The notification message; its footer carries the delivery's idempotency key. */
    static MessageCreateData notification(Notification notification, String idempotencyKey) {
        requireNonNull(notification, "notification is null");
        requireNonNull(idempotencyKey, "idempotencyKey is null");
        Instant checkedAt = notification.report().checkedAt();
        StringBuilder description = new StringBuilder();
        int shown = 0;
        for (Change change : notification.changes()) {
            String line =
                    emoji(change.level()) + " " + DiscordMarkdown.escape(NotificationText.describe(change, checkedAt));
            String separator = description.isEmpty() ? "" : "\n";
            if (description.length() + separator.length() + line.length() > MessageEmbed.DESCRIPTION_MAX_LENGTH - 60) {
                break;
            }
            description.append(separator).append(line);
            shown++;
        }
        int hidden = notification.changes().size() - shown;
        if (hidden > 0) {
            description.append("\n… and ").append(hidden).append(hidden == 1 ? " more change" : " more changes");
        }
        boolean fixes = !notification.problemChecks().isEmpty();
        String footer = ReportSummary.fixTimeLine(notification.report())
                + (fixes ? " · fixes in the thread" : "")
                + " · /mtasts check for the full report · " + REFERENCE + idempotencyKey;
        MessageEmbed embed = new EmbedBuilder()
                .setColor(colour(notification.level()))
                .setTitle(DiscordMarkdown.truncate(
                        DiscordMarkdown.escapeLine(NotificationText.headline(notification)),
                        MessageEmbed.TITLE_MAX_LENGTH))
                .setDescription(description.toString())
                .setFooter(plain(footer))
                .setTimestamp(checkedAt)
                .build();
        return new MessageCreateBuilder()
                .setEmbeds(List.of(embed))
                .setAllowedMentions(NO_MENTIONS)
                .mentionRepliedUser(false)
                .build();
    }

    /** The thread's messages: one per check with a new problem, with findings, fix and fix time. */
    static List<MessageCreateData> details(Notification notification) {
        return notification.problemChecks().stream()
                .map(check -> new MessageCreateBuilder()
                        .setEmbeds(List.of(DiscordReportFormatter.detail(check, MessageEmbed.EMBED_MAX_LENGTH_BOT)))
                        .setAllowedMentions(NO_MENTIONS)
                        .mentionRepliedUser(false)
                        .build())
                .toList();
    }

    /** The thread's name: "MTA-STS change: example.com". */
    static String threadName(Notification notification) {
        String name = "MTA-STS change: " + notification.domain();
        return name.length() <= DiscordReportFormatter.MAX_THREAD_NAME
                ? name
                : DiscordMarkdown.cut(name, DiscordReportFormatter.MAX_THREAD_NAME - 1) + "…";
    }

    /** The (ephemeral) reply to list. */
    static MessageCreateData list(List<SubscriptionOverview> subscriptions, int perChannelLimit, Instant now) {
        StringBuilder text = new StringBuilder(
                DiscordMarkdown.escape(SubscriptionText.listHeadline(subscriptions.size(), perChannelLimit)));
        int shown = 0;
        for (SubscriptionOverview overview : subscriptions) {
            String emoji = overview.lastStatus()
                    .map(status -> DiscordReportFormatter.emoji(CheckStatus.of(status)))
                    .orElse("▫️");
            String line = "\n" + emoji + " " + DiscordMarkdown.escape(SubscriptionText.listLine(overview, now));
            if (text.length() + line.length() > Message.MAX_CONTENT_LENGTH - 40) {
                break;
            }
            text.append(line);
            shown++;
        }
        if (shown < subscriptions.size()) {
            text.append("\n… and ").append(subscriptions.size() - shown).append(" more");
        }
        return new MessageCreateBuilder()
                .setContent(text.toString())
                .setAllowedMentions(NO_MENTIONS)
                .mentionRepliedUser(false)
                .build();
    }

    static int colour(Change.Level level) {
        return switch (level) {
            case ALERT -> DiscordReportFormatter.FAIL_COLOUR;
            case NOTICE -> DiscordReportFormatter.INFO_COLOUR;
            case GOOD -> DiscordReportFormatter.PASS_COLOUR;
        };
    }

    static String emoji(Change.Level level) {
        return switch (level) {
            case ALERT -> "🚨";
            case NOTICE -> "🔵";
            case GOOD -> "✅";
        };
    }

    /** Footers render no markdown; control characters go, and the text is cut to Discord's limit. */
    private static String plain(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c).forEach(out::appendCodePoint);
        return DiscordMarkdown.truncate(out.toString(), MessageEmbed.TEXT_MAX_LENGTH);
    }
}
