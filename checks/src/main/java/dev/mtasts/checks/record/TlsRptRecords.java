package dev.mtasts.checks.record;

import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.MemoKey;

/**
 * The shared, memoised reading of the {@code _smtp._tls} TXT record (RFC 8460). Any check that needs to know
 * whether failure reports reach the domain owner calls {@link #analyze(DomainContext)}.
 */
public final class TlsRptRecords {
    /** The memo key of the analysis; one value per command. */
    public static final MemoKey<TlsRptAnalysis> KEY = new MemoKey<>("mta-sts/tlsrpt-record", TlsRptAnalysis.class);

    private TlsRptRecords() {}

    /** Looks up and parses {@code _smtp._tls.<domain>} (once per command). */
    public static TlsRptAnalysis analyze(DomainContext context) {
        return context.memo(KEY, TlsRptRecords::compute);
    }

    /** The record name for a policy domain, {@code _smtp._tls.<domain>}. */
    public static String recordName(String domain) {
        return RecordDialect.TLSRPT.recordName(domain);
    }

    private static TlsRptAnalysis compute(DomainContext context) {
        return TagValueRecords.read(
                context,
                RecordDialect.TLSRPT,
                TlsRptRecordParser::parse,
                TlsRptRecordSyntax::valid,
                TlsRptAnalysis::new);
    }
}
