package dev.mtasts.checks.record;

import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.LookupResult.NotFoundKind;
import dev.mtasts.spi.TxtAnswer;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads a tag-value TXT record of either dialect ({@code _mta-sts}, {@code _smtp._tls}) the way RFC 8461 §3.1 and
 * RFC 8460 §3 tell senders to: look the name up, keep the records of the dialect, parse each, and decide one
 * {@link RecordStatus}. The dialects differ only in their parser and their analysis type.
 */
final class TagValueRecords {
    private TagValueRecords() {}

    static <S extends ParsedRecord<?>, A> A read(
            DomainContext context,
            RecordDialect dialect,
            Function<String, S> parser,
            Predicate<S> valid,
            Function<RecordReading<S>, A> analysis) {
        String name = dialect.recordName(context.domain());
        LookupResult<TxtAnswer> lookup = context.txt(name);
        return switch (lookup) {
            case LookupResult.Found<TxtAnswer> found -> {
                TxtRecordSet records = TxtRecordSet.classify(found.value().records(), dialect);
                List<S> parsed = records.candidates().stream()
                        .map(record -> parser.apply(record.text()))
                        .toList();
                yield analysis.apply(
                        new RecordReading<>(name, lookup, status(parsed, valid, records), records, parsed));
            }
            case LookupResult.NotFound<TxtAnswer> notFound ->
                analysis.apply(new RecordReading<>(
                        name,
                        lookup,
                        notFound.kind() == NotFoundKind.DANGLING_CNAME
                                ? RecordStatus.DANGLING_CNAME
                                : RecordStatus.MISSING,
                        TxtRecordSet.empty(),
                        List.of()));
            case LookupResult.Failed<TxtAnswer> failed ->
                analysis.apply(new RecordReading<>(
                        name,
                        lookup,
                        failed.kind() == FailureKind.CNAME_LOOP ? RecordStatus.CNAME_LOOP : RecordStatus.LOOKUP_FAILED,
                        TxtRecordSet.empty(),
                        List.of()));
        };
    }

    /** One record of the dialect decides; two or more mean none; look-alikes alone make the record invalid. */
    private static <S> RecordStatus status(List<S> parsed, Predicate<S> valid, TxtRecordSet records) {
        if (parsed.size() > 1) {
            return RecordStatus.MULTIPLE;
        }
        if (parsed.size() == 1) {
            return valid.test(parsed.getFirst()) ? RecordStatus.VALID : RecordStatus.INVALID;
        }
        return records.lookAlikes().isEmpty() ? RecordStatus.MISSING : RecordStatus.INVALID;
    }
}
