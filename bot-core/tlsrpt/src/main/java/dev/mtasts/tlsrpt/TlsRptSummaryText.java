package dev.mtasts.tlsrpt;

import dev.mtasts.core.chat.TlsRptSummary;
import dev.mtasts.core.chat.TlsRptWording;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The summary as plain text for a terminal, with the verdict and the steps worded as in chat ({@link TlsRptWording}).
 * Text from reports is shown with control characters replaced, so a hostile organisation name cannot move the cursor
 * or recolour the terminal.
 */
public final class TlsRptSummaryText {
    private TlsRptSummaryText() {}

    public static String render(TlsRptSummary summary) {
        StringBuilder out = new StringBuilder();
        out.append("TLS-RPT reports for ")
                .append(summary.domain())
                .append(", ")
                .append(summary.from())
                .append(" to ")
                .append(summary.to())
                .append('\n');
        out.append("  reports: ").append(summary.reports());
        summary.lastReceived().ifPresent(last -> out.append(" (last received ")
                .append(DateTimeFormatter.ISO_INSTANT.format(
                        last.atOffset(ZoneOffset.UTC).withNano(0).toInstant()))
                .append(')'));
        out.append('\n');
        if (!summary.organizations().isEmpty()) {
            out.append("  from: ");
            for (int index = 0; index < summary.organizations().size(); index++) {
                out.append(index == 0 ? "" : ", ")
                        .append(inert(summary.organizations().get(index)));
            }
            out.append('\n');
        }
        long total = summary.successful() + summary.failed();
        out.append("  sessions: ")
                .append(summary.successful())
                .append(" successful, ")
                .append(summary.failed())
                .append(" failed");
        if (total > 0) {
            out.append(" (").append(summary.failureShare()).append(" failed)");
        }
        out.append('\n');
        if (!summary.failures().isEmpty()) {
            out.append("  failures:\n");
            int width = Long.toString(summary.failures().getFirst().count()).length();
            for (TlsRptSummary.ResultTypeCount failure : summary.failures()) {
                out.append("    ")
                        .append(String.format(java.util.Locale.ROOT, "%" + width + "d", failure.count()))
                        .append("  ")
                        .append(inert(failure.resultType()))
                        .append('\n');
            }
        }
        if (!summary.byMx().isEmpty()) {
            out.append("  by MX (successful / failed):\n");
            for (TlsRptSummary.MxCount mx : summary.byMx()) {
                out.append("    ")
                        .append(mx.mx().equals(TlsRptSummary.ANY_MX) ? "* (not attributed to one MX)" : mx.mx())
                        .append(": ")
                        .append(mx.successful())
                        .append(" / ")
                        .append(mx.failed())
                        .append('\n');
            }
        }
        out.append(TlsRptWording.verdict(summary)).append('\n');
        for (String reason : summary.readiness().reasons()) {
            out.append("  - ").append(inert(reason)).append('\n');
        }
        for (String step : TlsRptWording.steps(summary)) {
            out.append("  ").append(inert(step)).append('\n');
        }
        return out.toString();
    }

    /** Control characters (escape sequences, carriage returns) replaced. */
    static String inert(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
