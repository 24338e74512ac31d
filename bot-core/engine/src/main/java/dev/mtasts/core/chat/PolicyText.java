package dev.mtasts.core.chat;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.Report;

/**
 * The policy file a report saw, for the chat "Show policy" buttons: the body as fetched, whatever its status or
 * validity ({@link Fetched}), or why there is none ({@link Missing}). Untrusted text: adapters escape it. Front ends
 * never fetch anything themselves.
 */
public sealed interface PolicyText {
    /** The check whose one-line verdict explains a missing body. */
    String POLICY_FETCH = "policy-fetch";

    record Fetched(String body) implements PolicyText {
        public Fetched {
            requireNonNull(body, "body is null");
        }
    }

    record Missing(String reason) implements PolicyText {
        public Missing {
            requireNonNull(reason, "reason is null");
        }
    }

    static PolicyText from(Report report) {
        requireNonNull(report, "report is null");
        return report.policyBody()
                .<PolicyText>map(Fetched::new)
                .orElseGet(() -> new Missing(report.check(POLICY_FETCH)
                        .map(ReportSummary::checkLine)
                        .orElse("this report has no policy fetch")));
    }

    /** Where RFC 8461 §3.3 puts the policy file of {@code domain}. */
    static String url(String domain) {
        return "https://mta-sts." + domain + "/.well-known/mta-sts.txt";
    }
}
