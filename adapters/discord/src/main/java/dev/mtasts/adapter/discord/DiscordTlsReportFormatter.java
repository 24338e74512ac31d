package dev.mtasts.adapter.discord;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.chat.TlsRptSummary;
import dev.mtasts.core.chat.TlsRptWording;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * The embed for {@code /mtasts reports <domain>}: the TLS-RPT summary (one field per group) and the "safe to
 * enforce?" verdict with the exact change. Wording from the core's {@link TlsRptWording}; every string from
 * reports is escaped here, so hostile markup renders inert, and the message mentions nobody.
 */
final class DiscordTlsReportFormatter {
    private DiscordTlsReportFormatter() {}

    static MessageCreateData summary(TlsRptSummary summary) {
        requireNonNull(summary, "summary is null");
        EmbedBuilder embed = new EmbedBuilder()
                .setColor(
                        TlsRptWording.good(summary)
                                ? DiscordReportFormatter.PASS_COLOUR
                                : DiscordReportFormatter.FAIL_COLOUR)
                .setTitle(DiscordMarkdown.truncate(
                        DiscordMarkdown.escapeLine(TlsRptWording.title(summary)), MessageEmbed.TITLE_MAX_LENGTH))
                .setDescription(DiscordMarkdown.truncate(
                        DiscordMarkdown.escape(TlsRptWording.overview(summary)), MessageEmbed.DESCRIPTION_MAX_LENGTH));
        for (TlsRptWording.Section section : TlsRptWording.sections(summary)) {
            embed.addField(
                    DiscordMarkdown.truncate(
                            DiscordMarkdown.escapeLine(section.title()), MessageEmbed.TITLE_MAX_LENGTH),
                    lines(section.lines(), ""),
                    false);
        }
        StringBuilder verdict = new StringBuilder(lines(summary.readiness().reasons(), ""));
        for (String step : TlsRptWording.steps(summary)) {
            verdict.append('\n').append(DiscordMarkdown.codeBlock(step, 400));
        }
        embed.addField(
                (TlsRptWording.good(summary) ? "✅ " : "⛔ ")
                        + DiscordMarkdown.truncate(
                                DiscordMarkdown.escapeLine(TlsRptWording.verdict(summary)),
                                MessageEmbed.TITLE_MAX_LENGTH - 4),
                DiscordMarkdown.truncate(verdict.toString(), MessageEmbed.VALUE_MAX_LENGTH),
                false);
        return new MessageCreateBuilder()
                .setEmbeds(List.of(embed.build()))
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                .mentionRepliedUser(false)
                .build();
    }

    /** Escaped bullet lines, as many as a field holds. */
    private static String lines(List<String> lines, String empty) {
        if (lines.isEmpty()) {
            return empty.isEmpty() ? "—" : empty;
        }
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            String bullet = "• " + DiscordMarkdown.escape(line);
            if (text.length() + bullet.length() + 1 > MessageEmbed.VALUE_MAX_LENGTH - 2) {
                text.append("\n…");
                break;
            }
            text.append(text.isEmpty() ? "" : "\n").append(bullet);
        }
        return text.toString();
    }
}
