package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.Report;
import dev.mtasts.core.chat.ReportSummary;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.SenderView;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The policy file a report saw, for the "Show policy" button. The engine keeps no raw body in a report; the
 * {@code policy-fetch} check puts it in a finding's evidence, which is what is shown ({@link Fetched}). Without that,
 * the parsed policy of the sender view is shown, labelled as such ({@link Parsed}); with neither, the reason
 * ({@link Missing}). All of it is untrusted text that the formatter escapes.
 */
public sealed interface PolicyText {
    /** The check whose findings may carry the fetched body as evidence. */
    String POLICY_FETCH = "policy-fetch";

    /** A line a policy file starts with (RFC 8461 §3.2: {@code version: STSv1}), allowing for junk around it. */
    Pattern VERSION_LINE = Pattern.compile("(?im)^\\s*version\\s*:");

    record Fetched(String body) implements PolicyText {
        public Fetched {
            requireNonNull(body, "body is null");
        }
    }

    record Parsed(String text) implements PolicyText {
        public Parsed {
            requireNonNull(text, "text is null");
        }
    }

    record Missing(String reason) implements PolicyText {
        public Missing {
            requireNonNull(reason, "reason is null");
        }
    }

    static PolicyText from(Report report) {
        requireNonNull(report, "report is null");
        Optional<CheckReport> fetch = report.check(POLICY_FETCH);
        Optional<String> body = fetch.flatMap(check -> check.findings().stream()
                .map(Finding::evidence)
                .filter(evidence -> VERSION_LINE.matcher(evidence).find())
                .max(Comparator.comparingInt(String::length)));
        if (body.isPresent()) {
            return new Fetched(body.get());
        }
        Optional<SenderView.Policy> parsed = report.sender().flatMap(SenderView::policy);
        if (parsed.isPresent()) {
            SenderView.Policy policy = parsed.get();
            StringBuilder text = new StringBuilder("version: STSv1\n");
            text.append("mode: ").append(policy.mode()).append('\n');
            policy.mx().forEach(mx -> text.append("mx: ").append(mx).append('\n'));
            text.append("max_age: ").append(policy.maxAge());
            return new Parsed(text.toString());
        }
        return new Missing(fetch.map(ReportSummary::checkLine).orElse("this report has no policy fetch"));
    }

    /** Where RFC 8461 §3.3 puts the policy file of {@code domain}. */
    static String url(String domain) {
        return "https://mta-sts." + domain + "/.well-known/mta-sts.txt";
    }
}
