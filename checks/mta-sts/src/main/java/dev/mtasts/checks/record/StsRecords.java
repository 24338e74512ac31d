package dev.mtasts.checks.record;

import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.LookupResult.NotFoundKind;
import dev.mtasts.spi.MemoKey;
import dev.mtasts.spi.TxtAnswer;
import dev.mtasts.spi.TxtAnswer.TxtRecord;
import java.util.List;

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
        String name = recordName(context.domain());
        LookupResult<TxtAnswer> lookup = context.txt(name);
        return switch (lookup) {
            case LookupResult.Found<TxtAnswer> found ->
                fromRecords(name, lookup, found.value().records());
            case LookupResult.NotFound<TxtAnswer> notFound ->
                new StsRecordAnalysis(
                        name,
                        lookup,
                        notFound.kind() == NotFoundKind.DANGLING_CNAME
                                ? RecordStatus.DANGLING_CNAME
                                : RecordStatus.MISSING,
                        TxtRecordSet.empty(),
                        List.of());
            case LookupResult.Failed<TxtAnswer> failed ->
                new StsRecordAnalysis(
                        name,
                        lookup,
                        failed.kind() == FailureKind.CNAME_LOOP ? RecordStatus.CNAME_LOOP : RecordStatus.LOOKUP_FAILED,
                        TxtRecordSet.empty(),
                        List.of());
        };
    }

    private static StsRecordAnalysis fromRecords(String name, LookupResult<TxtAnswer> lookup, List<TxtRecord> list) {
        TxtRecordSet records = TxtRecordSet.classify(list, RecordDialect.STS);
        List<StsRecordSyntax> parsed = records.candidates().stream()
                .map(record -> StsRecordParser.parse(record.text()))
                .toList();
        RecordStatus status;
        if (parsed.size() > 1) {
            status = RecordStatus.MULTIPLE;
        } else if (parsed.size() == 1) {
            status = parsed.getFirst().valid() ? RecordStatus.VALID : RecordStatus.INVALID;
        } else if (!records.lookAlikes().isEmpty()) {
            status = RecordStatus.INVALID;
        } else {
            status = RecordStatus.MISSING;
        }
        return new StsRecordAnalysis(name, lookup, status, records, parsed);
    }
}
