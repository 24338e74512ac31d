package dev.mtasts.adapter.discord;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.Report;
import dev.mtasts.spi.Finding;
import java.util.Optional;

/**
 * Where a report carries the policy file as fetched: the evidence of the {@value #FINDING_CODE} finding, which the
 * policy-fetch check reports when {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} answered. The front end
 * never fetches anything itself.
 */
public final class PolicyFile {
    /** The finding whose evidence is the fetched policy body, verbatim (untrusted). */
    public static final String FINDING_CODE = "policy-fetched";

    /** The check that fetches the policy; its one-line summary says why there is no body. */
    public static final String FETCH_CHECK = "policy-fetch";

    private PolicyFile() {}

    /** The fetched policy body, when the report has one. */
    public static Optional<String> body(Report report) {
        requireNonNull(report, "report is null");
        return report.findings().stream()
                .filter(finding -> finding.code().equals(FINDING_CODE))
                .map(Finding::evidence)
                .filter(evidence -> !evidence.isBlank())
                .findFirst();
    }

    /** The policy-fetch check's part of the report, to explain a missing body. */
    public static Optional<CheckReport> fetchCheck(Report report) {
        requireNonNull(report, "report is null");
        return report.check(FETCH_CHECK);
    }
}
