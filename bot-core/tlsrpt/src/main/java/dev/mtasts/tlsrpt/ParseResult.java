package dev.mtasts.tlsrpt;

import static java.util.Objects.requireNonNull;

/** A report read from some input, or why it was not accepted. */
public sealed interface ParseResult {
    /** The report, read. */
    record Parsed(TlsRptReport report) implements ParseResult {
        public Parsed {
            requireNonNull(report, "report is null");
        }
    }

    /**
     * Not accepted.
     *
     * @param reason the kind of problem
     * @param detail one line of detail, may be empty
     */
    record Rejected(Rejection reason, String detail) implements ParseResult {
        public Rejected {
            requireNonNull(reason, "reason is null");
            requireNonNull(detail, "detail is null");
            // Details may quote the input (a parser's message, a field's value): one inert line.
            detail = ReportParser.abbreviate(
                    detail.lines().findFirst().orElse("").strip());
        }

        /** One line: "not JSON: Unexpected character ('<')". */
        public String line() {
            return detail.isEmpty() ? reason.description() : reason.description() + ": " + detail;
        }
    }
}
