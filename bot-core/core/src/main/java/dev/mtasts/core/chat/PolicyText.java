package dev.mtasts.core.chat;

import dev.mtasts.core.Report;

/**
 * The policy file a report saw, for the chat "Show policy" buttons: the body as fetched, whatever its status or
 * validity ({@link Fetched}), or why there is none ({@link Missing}). Untrusted text: adapters escape it. Front ends
 * never fetch anything themselves.
 */
public sealed interface PolicyText {
    record Fetched(String body) implements PolicyText {}

    record Missing(String reason) implements PolicyText {}

    /**
     * The report's fetched body; without one, the first problem check's verdict in report order explains why (the
     * DNS record or the fetch itself), found by status, never by a check's id.
     */
    static PolicyText from(Report report) {
        return report.policyBody()
                .<PolicyText>map(Fetched::new)
                .orElseGet(() -> new Missing(ReportSummary.problemChecks(report).stream()
                        .findFirst()
                        .map(ReportSummary::checkLine)
                        .orElse("this report read no policy file")));
    }

    /** Where RFC 8461 §3.3 puts the policy file of {@code domain}. */
    static String url(String domain) {
        return "https://mta-sts." + domain + "/.well-known/mta-sts.txt";
    }
}
