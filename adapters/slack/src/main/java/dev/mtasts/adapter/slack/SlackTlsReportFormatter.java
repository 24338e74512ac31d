package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import dev.mtasts.core.chat.TlsRptSummary;
import dev.mtasts.core.chat.TlsRptWording;
import java.util.ArrayList;
import java.util.List;

/**
 * Block Kit for {@code /mtasts reports <domain>}: the TLS-RPT summary and the "safe to enforce?" verdict. The wording
 * is the core's {@link TlsRptWording}; everything from reports (organisation names, result types, MX hosts) is
 * escaped here, so hostile markup renders inert: no mentions, no links.
 */
final class SlackTlsReportFormatter {
    private static final int SECTION_LIMIT = 3000;
    private static final int FALLBACK_LIMIT = 3000;

    private SlackTlsReportFormatter() {}

    static SlackMessage summary(TlsRptSummary summary) {
        requireNonNull(summary, "summary is null");
        List<LayoutBlock> blocks = new ArrayList<>();
        String title = TlsRptWording.title(summary);
        blocks.add(section(":incoming_envelope: *" + SlackText.escape(title, 300) + "*\n"
                + SlackText.escape(TlsRptWording.overview(summary), 1500)));
        for (TlsRptWording.Section group : TlsRptWording.sections(summary)) {
            StringBuilder text = new StringBuilder("*")
                    .append(SlackText.escape(group.title(), 200))
                    .append('*');
            for (String line : group.lines()) {
                text.append("\n• ").append(SlackText.escape(line, 250));
            }
            blocks.add(section(cut(text.toString())));
        }
        StringBuilder verdict = new StringBuilder(TlsRptWording.good(summary) ? ":white_check_mark: *" : ":no_entry: *")
                .append(SlackText.escape(TlsRptWording.verdict(summary), 300))
                .append('*');
        for (String reason : summary.readiness().reasons()) {
            verdict.append("\n• ").append(SlackText.escape(reason, 400));
        }
        blocks.add(section(cut(verdict.toString())));
        for (String step : TlsRptWording.steps(summary)) {
            blocks.add(section(SlackText.codeBlock(step, SECTION_LIMIT - 10)));
        }
        return new SlackMessage(SlackText.escape(title, FALLBACK_LIMIT), blocks);
    }

    private static String cut(String mrkdwn) {
        return mrkdwn.length() <= SECTION_LIMIT ? mrkdwn : mrkdwn.substring(0, SECTION_LIMIT - 1) + "…";
    }

    private static LayoutBlock section(String mrkdwn) {
        return com.slack.api.model.block.Blocks.section(section -> section.text(
                MarkdownTextObject.builder().text(mrkdwn).verbatim(true).build()));
    }
}
