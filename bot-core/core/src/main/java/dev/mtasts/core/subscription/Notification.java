package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.Report;
import dev.mtasts.spi.Finding;
import java.util.List;

/**
 * What a scheduled check of a subscribed domain tells the channels that follow it: what changed, and the report of
 * the check that saw it. Front ends render it with {@link NotificationText}, in their threaded format.
 *
 * @param changes loudest first; never empty
 */
public record Notification(String domain, List<Change> changes, Report report) {
    public Notification {
        requireNonNull(domain, "domain is null");
        changes = List.copyOf(requireNonNull(changes, "changes is null"));
        requireNonNull(report, "report is null");
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a notification needs at least one change");
        }
        if (!report.domain().equals(domain)) {
            throw new IllegalArgumentException("the report is of " + report.domain() + ", not " + domain);
        }
    }

    /** The loudest change's level: how the whole notification should be presented. */
    public Change.Level level() {
        return changes.stream().map(Change::level).min(Enum::compareTo).orElseThrow();
    }

    /**
     * The report's findings behind each new problem and each reminder, with their remediations and fix times, in
     * change order: what the thread of a notification shows.
     */
    public List<Finding> newProblems() {
        List<String> codes = changes.stream()
                .filter(change ->
                        change.kind() == Change.Kind.NEW_PROBLEM || change.kind() == Change.Kind.PROBLEM_REMINDER)
                .flatMap(change -> change.subject().stream())
                .toList();
        return codes.stream()
                .flatMap(code -> report.findings().stream()
                        .filter(finding -> finding.code().equals(code))
                        .limit(1))
                .toList();
    }

    /** The checks of the report that hold one of the new problems: one thread reply each, on every platform. */
    public List<dev.mtasts.core.CheckReport> problemChecks() {
        java.util.Set<String> codes =
                newProblems().stream().map(Finding::code).collect(java.util.stream.Collectors.toSet());
        return report.checks().stream()
                .filter(check -> check.problems().stream().anyMatch(finding -> codes.contains(finding.code())))
                .toList();
    }
}
