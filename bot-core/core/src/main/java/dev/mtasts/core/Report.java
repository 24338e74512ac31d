package dev.mtasts.core;

import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.Fact;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.SenderView;
import dev.mtasts.spi.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything one check of one domain found, in the order the checks are listed. Front ends render it; they never
 * compute verdicts.
 *
 * @param input the text as typed
 * @param domain the normalised A-label domain checked
 * @param policyBody the policy file as fetched (UTF-8, at most the size cap), whatever its status or validity, when a
 *     body was read; untrusted text, for "Show policy"
 */
public record Report(
        String domain,
        String input,
        Instant checkedAt,
        Duration duration,
        Optional<SenderView> sender,
        List<CheckReport> checks,
        Optional<String> policyBody) {
    public Report {
        requireNonNull(domain, "domain is null");
        requireNonNull(input, "input is null");
        requireNonNull(checkedAt, "checkedAt is null");
        requireNonNull(duration, "duration is null");
        requireNonNull(sender, "sender is null");
        checks = List.copyOf(requireNonNull(checks, "checks is null"));
        requireNonNull(policyBody, "policyBody is null");
    }

    /** A report without the fetched policy body. */
    public Report(
            String domain,
            String input,
            Instant checkedAt,
            Duration duration,
            Optional<SenderView> sender,
            List<CheckReport> checks) {
        this(domain, input, checkedAt, duration, sender, checks, Optional.empty());
    }

    /** The domain's status: its worst check (skipped checks do not count). */
    public Severity status() {
        return Severity.worst(checks.stream().map(CheckReport::severity).toList());
    }

    public Optional<CheckReport> check(String id) {
        return checks.stream().filter(check -> check.id().equals(id)).findFirst();
    }

    public List<Finding> findings() {
        return checks.stream().flatMap(check -> check.findings().stream()).toList();
    }

    /** The typed facts the checks published, in check order. */
    public List<Fact> facts() {
        return checks.stream().flatMap(check -> check.facts().stream()).toList();
    }

    /** Every finding code seen, for history and change detection. */
    public List<String> findingCodes() {
        return findings().stream().map(Finding::code).distinct().sorted().toList();
    }

    /** The estimated time to fix every warn and fail finding; empty when there is nothing to fix. */
    public Optional<FixTime> totalFixTime() {
        return FixTimes.total(checks.stream()
                .flatMap(check -> check.problems().stream())
                .flatMap(finding -> finding.fixTime().stream())
                .toList());
    }
}
