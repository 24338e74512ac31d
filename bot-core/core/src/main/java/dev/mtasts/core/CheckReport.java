package dev.mtasts.core;

import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.Fact;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One check's part of a report. */
public record CheckReport(
        String id,
        String title,
        CheckStatus status,
        Duration duration,
        List<Finding> findings,
        Optional<String> skipReason,
        List<Fact> facts) {
    public CheckReport {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        requireNonNull(status, "status is null");
        requireNonNull(duration, "duration is null");
        findings = List.copyOf(requireNonNull(findings, "findings is null"));
        requireNonNull(skipReason, "skipReason is null");
        facts = List.copyOf(requireNonNull(facts, "facts is null"));
    }

    /** A check's part without typed facts. */
    public CheckReport(
            String id,
            String title,
            CheckStatus status,
            Duration duration,
            List<Finding> findings,
            Optional<String> skipReason) {
        this(id, title, status, duration, findings, skipReason, List.of());
    }

    public static CheckReport completed(String id, String title, Duration duration, List<Finding> findings) {
        return completed(id, title, duration, findings, List.of());
    }

    /** A completed check with the typed facts it published. */
    public static CheckReport completed(
            String id, String title, Duration duration, List<Finding> findings, List<Fact> facts) {
        Severity worst = Severity.worst(findings.stream().map(Finding::severity).toList());
        return new CheckReport(id, title, CheckStatus.of(worst), duration, findings, Optional.empty(), facts);
    }

    public static CheckReport skipped(String id, String title, Duration duration, String reason) {
        return new CheckReport(id, title, CheckStatus.SKIP, duration, List.of(), Optional.of(reason));
    }

    /** The worst finding's severity; {@code PASS} for a skipped check. */
    public Severity severity() {
        return Severity.worst(findings.stream().map(Finding::severity).toList());
    }

    /** The findings worth a thread reply: warn and fail. */
    public List<Finding> problems() {
        return findings.stream()
                .filter(finding -> finding.severity() == Severity.WARN || finding.severity() == Severity.FAIL)
                .toList();
    }
}
