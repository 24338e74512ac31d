package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import dev.mtasts.core.chat.TlsRptDigestText;
import dev.mtasts.core.chat.TlsRptSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * Block Kit for {@code /mtasts reports <domain>}: the TLS-RPT summary and the "safe to enforce?" verdict. The wording
 * is the core's {@link TlsRptDigestText}; everything from reports (organisation names, result types, MX hosts) is
 * escaped here, so hostile markup renders inert: no mentions, no links.
 */
final class SlackTlsReportFormatter {
    private static final int SECTION_LIMIT = 3000;
    private static final int FALLBACK_LIMIT = 3000;

    private SlackTlsReportFormatter() {}

    static SlackMessage digest(TlsRptSummary digest) {
        requireNonNull(digest, "digest is null");
        List<LayoutBlock> blocks = new ArrayList<>();
        String title = TlsRptDigestText.title(digest);
        blocks.add(section(":incoming_envelope: *" + SlackText.escape(title, 300) + "*\n"
                + SlackText.escape(TlsRptDigestText.overview(digest), 1500)));
        for (TlsRptDigestText.Section group : TlsRptDigestText.sections(digest)) {
            StringBuilder text = new StringBuilder("*")
                    .append(SlackText.escape(group.title(), 200))
                    .append('*');
            for (String line : group.lines()) {
                text.append("\n• ").append(SlackText.escape(line, 250));
            }
            blocks.add(section(cut(text.toString())));
        }
        StringBuilder verdict = new StringBuilder(
                        TlsRptDigestText.good(digest) ? ":white_check_mark: *" : ":no_entry: *")
                .append(SlackText.escape(TlsRptDigestText.verdict(digest), 300))
                .append('*');
        for (String reason : digest.readiness().reasons()) {
            verdict.append("\n• ").append(SlackText.escape(reason, 400));
        }
        blocks.add(section(cut(verdict.toString())));
        for (String step : TlsRptDigestText.steps(digest)) {
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
