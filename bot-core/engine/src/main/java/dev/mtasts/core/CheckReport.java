package dev.mtasts.core;

import static java.util.Objects.requireNonNull;

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
        Optional<String> skipReason) {
    public CheckReport {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        requireNonNull(status, "status is null");
        requireNonNull(duration, "duration is null");
        findings = List.copyOf(requireNonNull(findings, "findings is null"));
        requireNonNull(skipReason, "skipReason is null");
    }

    public static CheckReport completed(String id, String title, Duration duration, List<Finding> findings) {
        Severity worst = Severity.worst(findings.stream().map(Finding::severity).toList());
        return new CheckReport(id, title, CheckStatus.of(worst), duration, findings, Optional.empty());
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
