package dev.mtasts.core;

import dev.mtasts.spi.Finding;
import dev.mtasts.spi.SenderView;
import dev.mtasts.spi.Severity;

/**
 * The terminal report of {@code mtasts check}: readable without colour, coloured on a TTY. Untrusted text (records,
 * policy lines, certificate names) has its control characters made visible so it cannot move the cursor or recolour
 * the terminal.
 */
public final class ReportText {
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";

    private final boolean colour;

    public ReportText(boolean colour) {
        this.colour = colour;
    }

    public String render(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(style(BOLD, "MTA-STS report for " + safe(report.domain())))
                .append("  ")
                .append(badge(report.status().label()))
                .append(dim("  (" + report.duration().toMillis() + " ms)"))
                .append('\n');
        if (!report.input().strip().equalsIgnoreCase(report.domain())) {
            out.append(dim("  input: " + safe(report.input()))).append('\n');
        }
        report.sender().ifPresent(sender -> out.append("  Sender view: ")
                .append(senderLabel(sender))
                .append(" — ")
                .append(safe(sender.explanation()))
                .append('\n'));
        out.append('\n');
        for (CheckReport check : report.checks()) {
            out.append(badge(check.status().label()))
                    .append(' ')
                    .append(style(BOLD, check.title()))
                    .append(dim(" [" + check.id() + "]"))
                    .append('\n');
            check.skipReason()
                    .ifPresent(reason ->
                            out.append("      skipped: ").append(safe(reason)).append('\n'));
            for (Finding finding : check.findings()) {
                renderFinding(out, finding);
            }
        }
        out.append('\n');
        report.totalFixTime()
                .ifPresentOrElse(
                        total -> out.append(style(BOLD, "Estimated fix time: "))
                                .append(total.text())
                                .append('\n'),
                        () -> out.append(style(BOLD, "Nothing to fix.")).append('\n'));
        return out.toString();
    }

    private void renderFinding(StringBuilder out, Finding finding) {
        out.append("    ")
                .append(marker(finding.severity()))
                .append(' ')
                .append(safe(finding.message()))
                .append(dim(" (" + finding.code() + ")"))
                .append('\n');
        if (!finding.evidence().isEmpty()) {
            for (String line : finding.evidence().split("\n", -1)) {
                out.append(dim("        | " + safe(line))).append('\n');
            }
        }
        finding.remediation().ifPresent(remediation -> {
            if (finding.severity() == Severity.WARN || finding.severity() == Severity.FAIL) {
                String[] lines = remediation.action().split("\n", -1);
                out.append("        fix: ").append(safe(lines[0])).append('\n');
                for (int index = 1; index < lines.length; index++) {
                    out.append("             ").append(safe(lines[index])).append('\n');
                }
                out.append(dim("        time: " + remediation.fixTime().text())).append('\n');
            }
        });
    }

    private String senderLabel(SenderView sender) {
        return switch (sender.outcome()) {
            case VALID -> style("\u001b[32m", "policy applies");
            case NONE -> style("\u001b[33m", "no policy");
            case FETCH_ERROR -> style("\u001b[31m", "fetch fails");
        };
    }

    private String badge(String label) {
        String text = String.format("%-4s", label.toUpperCase(java.util.Locale.ROOT));
        return switch (label) {
            case "pass" -> style("\u001b[32m", text);
            case "info" -> style("\u001b[36m", text);
            case "warn" -> style("\u001b[33m", text);
            case "fail" -> style("\u001b[31m", text);
            default -> style(DIM, text);
        };
    }

    private String marker(Severity severity) {
        return switch (severity) {
            case PASS -> style("\u001b[32m", "✓");
            case INFO -> style("\u001b[36m", "i");
            case WARN -> style("\u001b[33m", "!");
            case FAIL -> style("\u001b[31m", "✗");
        };
    }

    private String dim(String text) {
        return style(DIM, text);
    }

    private String style(String code, String text) {
        return colour ? code + text + RESET : text;
    }

    /** Makes control characters visible (ESC, CR, BEL …) so untrusted text cannot drive the terminal. */
    public static String safe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            if (codePoint == '\t') {
                out.append("\\t");
            } else if (Character.getType(codePoint) == Character.CONTROL
                    || Character.getType(codePoint) == Character.FORMAT) {
                out.append(String.format("\\u%04x", codePoint));
            } else {
                out.appendCodePoint(codePoint);
            }
        });
        return out.toString();
    }
}
