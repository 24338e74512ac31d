package dev.mtasts.checks.record;

import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.MemoKey;

/**
 * The shared, memoised reading of the {@code _mta-sts} TXT record. Any check that needs the record or its id calls
 * {@link #analyze(DomainContext)}; the lookup and the parse run once per command.
 */
public final class StsRecords {
    /** The memo key of the analysis; one value per command. */
    public static final MemoKey<StsRecordAnalysis> KEY = new MemoKey<>("mta-sts/sts-record", StsRecordAnalysis.class);

    private StsRecords() {}

    /** Looks up and parses {@code _mta-sts.<domain>} (once per command). */
    public static StsRecordAnalysis analyze(DomainContext context) {
        return context.memo(KEY, StsRecords::compute);
    }

    /** The record name for a policy domain, {@code _mta-sts.<domain>}. */
    public static String recordName(String domain) {
        return RecordDialect.STS.recordName(domain);
    }

    private static StsRecordAnalysis compute(DomainContext context) {
        return TagValueRecords.read(
                context, RecordDialect.STS, StsRecordParser::parse, StsRecordSyntax::valid, StsRecordAnalysis::new);
    }
}
