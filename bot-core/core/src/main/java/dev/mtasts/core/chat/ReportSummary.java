package dev.mtasts.core.chat;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckStatus;
import dev.mtasts.core.Report;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.SenderView;
import java.util.List;
import java.util.Optional;

/**
 * Adapter-neutral wording of a report, so Slack, Discord and the web say the same thing. Everything returned is
 * plain text that may contain untrusted substrings (domains, records, policy lines); adapters escape it for their
 * markup.
 */
public final class ReportSummary {
    private ReportSummary() {}

    /** "example.com: 2 checks fail, 1 warns" or "example.com: all checks pass". */
    public static String headline(Report report) {
        long fail = count(report, CheckStatus.FAIL);
        long warn = count(report, CheckStatus.WARN);
        String domain = report.domain();
        if (fail == 0 && warn == 0) {
            return domain + ": MTA-STS looks good";
        }
        StringBuilder text = new StringBuilder(domain).append(": ");
        if (fail > 0) {
            text.append(fail).append(fail == 1 ? " check fails" : " checks fail");
        }
        if (warn > 0) {
            text.append(fail > 0 ? ", " : "").append(warn).append(warn == 1 ? " warns" : " warn");
        }
        return text.toString();
    }

    /** One line for a check: its worst finding's message, or why it was skipped. */
    public static String checkLine(CheckReport check) {
        if (check.status() == CheckStatus.SKIP) {
            return "skipped: " + check.skipReason().orElse("a prerequisite is missing");
        }
        return worst(check).map(Finding::message).orElse("no findings");
    }

    /** "Senders: …" — what an RFC 8461 sender would do right now. */
    public static Optional<String> senderLine(Report report) {
        return report.sender().map(ReportSummary::senderLine);
    }

    public static String senderLine(SenderView sender) {
        return "Sender view (" + sender.outcome().label() + "): " + sender.explanation();
    }

    /** "Estimated fix time: about 15 min of work, …" or "Nothing to fix". */
    public static String fixTimeLine(Report report) {
        return report.totalFixTime()
                .map(total -> "Estimated fix time: " + total.text())
                .orElse("Nothing to fix");
    }

    /** The checks worth a thread reply (warn or fail), in report order. */
    public static List<CheckReport> problemChecks(Report report) {
        return report.checks().stream()
                .filter(check -> check.status() == CheckStatus.WARN || check.status() == CheckStatus.FAIL)
                .toList();
    }

    /** Live progress: "Checking example.com… 3/5 checks done". */
    public static String progress(String domain, int done, int total) {
        return "Checking " + domain + "… " + done + "/" + total + " checks done";
    }

    private static Optional<Finding> worst(CheckReport check) {
        Finding worst = null;
        for (Finding finding : check.findings()) {
            if (worst == null || finding.severity().isWorseThan(worst.severity())) {
                worst = finding;
            }
        }
        return Optional.ofNullable(worst);
    }

    private static long count(Report report, CheckStatus status) {
        return report.checks().stream()
                .filter(check -> check.status() == status)
                .count();
    }
}
