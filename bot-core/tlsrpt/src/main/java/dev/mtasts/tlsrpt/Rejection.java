package dev.mtasts.tlsrpt;

/** Why a report was not accepted; each reason reads as one line, and the HTTP endpoint maps it to a status. */
public enum Rejection {
    /** More than {@link ReportLimits#maxBytes()} bytes, compressed or not. */
    TOO_LARGE("larger than the size limit"),
    /** Inflates to more than {@link ReportLimits#maxCompressionRatio()} times its compressed size. */
    COMPRESSION_RATIO("compression ratio over the limit (a gzip bomb?)"),
    /** JSON nested deeper than {@link ReportLimits#maxNestingDepth()}. */
    TOO_DEEP("JSON nested too deeply"),
    /** More failure-details entries than {@link ReportLimits#maxFailureDetails()}. */
    TOO_MANY_FAILURE_DETAILS("too many failure-details entries"),
    /** Gzip magic bytes, then a stream that does not inflate. */
    BAD_GZIP("not a valid gzip stream"),
    /** Not JSON at all. */
    NOT_JSON("not JSON"),
    /** JSON, but without what every report has (organisation, report id, date range, policies). */
    NOT_A_REPORT("not a TLS-RPT report"),
    /** A policy names no domain, and neither does the URL, the mail header nor the file name. */
    NO_POLICY_DOMAIN("no policy-domain in the report, the URL, the mail headers or the file name"),
    /** A mail message without an application/tlsrpt+json or +gzip part. */
    NO_REPORT_IN_MESSAGE("no TLS-RPT report attached to the message"),
    /** The input could not be read (I/O error, malformed MIME). */
    UNREADABLE("could not be read");

    private final String description;

    Rejection(String description) {
        this.description = description;
    }

    /** A short, lower-case description: "not JSON". */
    public String description() {
        return description;
    }
}
