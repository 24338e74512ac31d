package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.Report;
import dev.mtasts.core.chat.ReportSummary;

/**
 * The policy file a report saw, for the "Show policy" button: the body as fetched ({@link Fetched}), whatever its
 * status or validity; or the reason there is none ({@link Missing}). All of it is untrusted text that the formatter
 * escapes.
 */
public sealed interface PolicyText {
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
