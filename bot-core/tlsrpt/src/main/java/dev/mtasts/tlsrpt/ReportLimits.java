package dev.mtasts.tlsrpt;

/**
 * What a report may cost to read: every input is counted while it is read (gzip while it inflates), never inflated
 * fully first.
 *
 * @param maxBytes the largest report, decompressed (and the largest body as received)
 * @param maxCompressionRatio the largest decompressed-to-compressed ratio
 * @param maxNestingDepth the deepest JSON nesting
 * @param maxFailureDetails the most failure-details entries over a report's policies
 */
public record ReportLimits(long maxBytes, int maxCompressionRatio, int maxNestingDepth, int maxFailureDetails) {
    public static final long TEN_MIB = 10L * 1024 * 1024;

    /**
     * Below this many decompressed bytes the ratio is not checked: the gzip header and tiny inputs make small
     * reports look compressible, and nothing that small is a bomb.
     */
    public static final long RATIO_FLOOR_BYTES = 64 * 1024;

    public ReportLimits {
        if (maxBytes < 1 || maxCompressionRatio < 1 || maxNestingDepth < 1 || maxFailureDetails < 0) {
            throw new IllegalArgumentException("report limits must be positive");
        }
    }

    /** 10 MiB, ratio 100, depth 32, 10,000 failure details. */
    public static ReportLimits defaults() {
        return new ReportLimits(TEN_MIB, 100, 32, 10_000);
    }

    /** The largest raw input: a report attached to a mail grows by a third in base64. */
    public long maxMessageBytes() {
        return maxBytes + maxBytes / 2 + 64 * 1024;
    }
}
