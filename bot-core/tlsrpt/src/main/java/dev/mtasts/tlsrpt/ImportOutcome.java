package dev.mtasts.tlsrpt;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What became of one report (one file, one attachment, one POST). */
public sealed interface ImportOutcome {
    /** The input's name: a file name, "file.eml (attachment.json.gz)", "POST /tlsrpt". */
    String source();

    /** One line for the user, after the source. */
    String line();

    /** Stored for the first time. */
    record Stored(String source, TlsRptReport report) implements ImportOutcome {
        public Stored {
            requireNonNull(source, "source is null");
            requireNonNull(report, "report is null");
        }

        @Override
        public String line() {
            return "stored: " + describe(report);
        }
    }

    /** The same organisation sent this report-id before: accepted, counted once. */
    record Duplicate(String source, TlsRptReport report) implements ImportOutcome {
        public Duplicate {
            requireNonNull(source, "source is null");
            requireNonNull(report, "report is null");
        }

        @Override
        public String line() {
            return "already stored (counted once): " + describe(report);
        }
    }

    /** Not a report, or past a limit; the other reports of the same import go on. */
    record Rejected(String source, ParseResult.Rejected rejection) implements ImportOutcome {
        public Rejected {
            requireNonNull(source, "source is null");
            requireNonNull(rejection, "rejection is null");
        }

        @Override
        public String line() {
            return "rejected: " + rejection.line();
        }
    }

    private static String describe(TlsRptReport report) {
        List<String> domains = report.policies().stream()
                .map(TlsRptReport.PolicyResult::policyDomain)
                .distinct()
                .toList();
        long successful = report.policies().stream()
                .mapToLong(TlsRptReport.PolicyResult::successful)
                .sum();
        long failed = report.policies().stream()
                .mapToLong(TlsRptReport.PolicyResult::failed)
                .sum();
        return String.join(", ", domains) + " from " + ReportParser.abbreviate(report.organization()) + ", report "
                + ReportParser.abbreviate(report.reportId()) + ", " + successful + " successful / " + failed
                + " failed sessions";
    }
}
