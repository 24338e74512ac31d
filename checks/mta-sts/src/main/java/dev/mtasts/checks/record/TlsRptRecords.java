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
        String name = recordName(context.domain());
        LookupResult<TxtAnswer> lookup = context.txt(name);
        return switch (lookup) {
            case LookupResult.Found<TxtAnswer> found ->
                fromRecords(name, lookup, found.value().records());
            case LookupResult.NotFound<TxtAnswer> notFound ->
                new TlsRptAnalysis(
                        name,
                        lookup,
                        notFound.kind() == NotFoundKind.DANGLING_CNAME
                                ? RecordStatus.DANGLING_CNAME
                                : RecordStatus.MISSING,
                        TxtRecordSet.empty(),
                        List.of());
            case LookupResult.Failed<TxtAnswer> failed ->
                new TlsRptAnalysis(
                        name,
                        lookup,
                        failed.kind() == FailureKind.CNAME_LOOP ? RecordStatus.CNAME_LOOP : RecordStatus.LOOKUP_FAILED,
                        TxtRecordSet.empty(),
                        List.of());
        };
    }

    private static TlsRptAnalysis fromRecords(String name, LookupResult<TxtAnswer> lookup, List<TxtRecord> list) {
        TxtRecordSet records = TxtRecordSet.classify(list, RecordDialect.TLSRPT);
        List<TlsRptRecordSyntax> parsed = records.candidates().stream()
                .map(record -> TlsRptRecordParser.parse(record.text()))
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
        return new TlsRptAnalysis(name, lookup, status, records, parsed);
    }
}
