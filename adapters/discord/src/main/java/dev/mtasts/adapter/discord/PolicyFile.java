package dev.mtasts.adapter.discord;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckStatus;
import dev.mtasts.core.Report;
import dev.mtasts.core.chat.ReportSummary;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.SenderView;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The policy file a report saw, for the "Show policy" button; the same choice as the Slack adapter makes. A report
 * keeps no raw body of its own: the {@code policy-syntax} check quotes a valid policy as the evidence of its
 * {@code policy-valid} finding ({@link Fetched}); any other evidence of the fetch or syntax checks that is a whole
 * policy file (it starts with {@code version:}) serves too. Without one, the sender view's parsed policy, labelled as
 * such ({@link Parsed}); with neither, the reason ({@link Missing}). All of it is untrusted text. The front end never
 * fetches anything itself.
 */
public sealed interface PolicyFile {
    String POLICY_FETCH = "policy-fetch";
    String POLICY_SYNTAX = "policy-syntax";
    /** The finding of {@code policy-syntax} that quotes a valid policy body as its evidence. */
    String POLICY_VALID = "policy-valid";

    /** Evidence that is a policy file: its first line is {@code version: …} (RFC 8461 §3.2). */
    Pattern POLICY_TEXT = Pattern.compile("\\A\\s*version\\s*:", Pattern.CASE_INSENSITIVE);

    /** The file as fetched. */
    record Fetched(String body) implements PolicyFile {
        public Fetched {
            requireNonNull(body, "body is null");
        }
    }

    /** The policy as the checker parsed it, rebuilt as policy text; not the file verbatim. */
    record Parsed(String text) implements PolicyFile {
        public Parsed {
            requireNonNull(text, "text is null");
        }
    }

    /** Nothing to show, and why. */
    record Missing(String reason) implements PolicyFile {
        public Missing {
            requireNonNull(reason, "reason is null");
        }
    }

    static PolicyFile from(Report report) {
        requireNonNull(report, "report is null");
        List<Finding> findings = report.checks().stream()
                .filter(check -> check.id().equals(POLICY_FETCH) || check.id().equals(POLICY_SYNTAX))
                .flatMap(check -> check.findings().stream())
                .filter(finding -> !finding.evidence().isBlank())
                .toList();
        Optional<String> body = findings.stream()
                .filter(finding -> finding.code().equals(POLICY_VALID))
                .map(Finding::evidence)
                .findFirst()
                .or(() -> findings.stream()
                        .map(Finding::evidence)
                        .filter(evidence -> POLICY_TEXT.matcher(evidence).find())
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
        return new Missing(reason(report));
    }

    /** Where RFC 8461 §3.3 puts the policy file of {@code domain}. */
    static String url(String domain) {
        return "https://mta-sts." + domain + "/.well-known/mta-sts.txt";
    }

    /** Why there is nothing to show: the fetch's problem, else the syntax check's verdict. */
    private static String reason(Report report) {
        Optional<CheckReport> fetch = report.check(POLICY_FETCH);
        if (fetch.isPresent()
                && fetch.get().status() != CheckStatus.PASS
                && fetch.get().status() != CheckStatus.INFO) {
            return ReportSummary.checkLine(fetch.get());
        }
        Optional<CheckReport> syntax = report.check(POLICY_SYNTAX);
        if (syntax.isPresent()) {
            return "the report keeps the policy file only when it is valid; " + ReportSummary.checkLine(syntax.get());
        }
        return fetch.map(ReportSummary::checkLine).orElse("this report has no policy fetch");
    }
}
