package dev.mtasts.checks.record;

import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.LookupResult.NotFoundKind;
import dev.mtasts.spi.MemoKey;
import dev.mtasts.spi.TxtAnswer;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The shared, memoised reading of a tag-value TXT record of one dialect ({@link #STS} for {@code _mta-sts},
 * {@link #TLSRPT} for {@code _smtp._tls}), the way RFC 8461 §3.1 and RFC 8460 §3 tell senders to: look the name up,
 * keep the records of the dialect, parse each, and decide one {@link RecordStatus}. Any check that needs the record
 * calls {@link #analyze(DomainContext)}; the lookup and the parse run once per command. The dialects differ only in
 * their parser and their analysis type.
 *
 * @param <S> the dialect's parse of one record
 * @param <A> the dialect's analysis
 */
public final class TagValueRecords<S extends ParsedRecord<?>, A> {
    /** The {@code _mta-sts} record: whether senders fetch the policy, and its id. */
    public static final TagValueRecords<StsRecordSyntax, StsRecordAnalysis> STS = new TagValueRecords<>(
            RecordDialect.STS,
            new MemoKey<>("mta-sts/sts-record", StsRecordAnalysis.class),
            StsRecordParser::parse,
            StsRecordSyntax::valid,
            StsRecordAnalysis::new);

    /** The {@code _smtp._tls} record: whether failure reports reach the domain owner. */
    public static final TagValueRecords<TlsRptRecordSyntax, TlsRptAnalysis> TLSRPT = new TagValueRecords<>(
            RecordDialect.TLSRPT,
            new MemoKey<>("mta-sts/tlsrpt-record", TlsRptAnalysis.class),
            TlsRptRecordParser::parse,
            TlsRptRecordSyntax::valid,
            TlsRptAnalysis::new);

    private final RecordDialect dialect;
    private final MemoKey<A> key;
    private final Function<String, S> parser;
    private final Predicate<S> valid;
    private final Function<RecordReading<S>, A> analysis;

    private TagValueRecords(
            RecordDialect dialect,
            MemoKey<A> key,
            Function<String, S> parser,
            Predicate<S> valid,
            Function<RecordReading<S>, A> analysis) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.key = requireNonNull(key, "key is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.valid = requireNonNull(valid, "valid is null");
        this.analysis = requireNonNull(analysis, "analysis is null");
    }

    /** Looks up and parses the domain's record (once per command). */
    public A analyze(DomainContext context) {
        return context.memo(key, this::read);
    }

    /** The record name for a policy domain, e.g. {@code _mta-sts.<domain>}. */
    public String recordName(String domain) {
        return dialect.recordName(domain);
    }

    private A read(DomainContext context) {
        String name = dialect.recordName(context.domain());
        LookupResult<TxtAnswer> lookup = context.txt(name);
        return switch (lookup) {
            case LookupResult.Found<TxtAnswer> found -> {
                TxtRecordSet records = TxtRecordSet.classify(found.value().records(), dialect);
                List<S> parsed = records.candidates().stream()
                        .map(record -> parser.apply(record.text()))
                        .toList();
                yield analysis.apply(new RecordReading<>(name, lookup, status(parsed, records), records, parsed));
            }
            case LookupResult.NotFound<TxtAnswer> notFound ->
                nothingRead(
                        name,
                        lookup,
                        notFound.kind() == NotFoundKind.DANGLING_CNAME
                                ? RecordStatus.DANGLING_CNAME
                                : RecordStatus.MISSING);
            case LookupResult.Failed<TxtAnswer> failed ->
                nothingRead(
                        name,
                        lookup,
                        failed.kind() == FailureKind.CNAME_LOOP ? RecordStatus.CNAME_LOOP : RecordStatus.LOOKUP_FAILED);
        };
    }

    /** The analysis of a lookup that gave no TXT records. */
    private A nothingRead(String name, LookupResult<TxtAnswer> lookup, RecordStatus status) {
        return analysis.apply(new RecordReading<>(name, lookup, status, TxtRecordSet.empty(), List.of()));
    }

    /** One record of the dialect decides; two or more mean none; look-alikes alone make the record invalid. */
    private RecordStatus status(List<S> parsed, TxtRecordSet records) {
        if (parsed.size() > 1) {
            return RecordStatus.MULTIPLE;
        }
        if (parsed.size() == 1) {
            return valid.test(parsed.getFirst()) ? RecordStatus.VALID : RecordStatus.INVALID;
        }
        return records.lookAlikes().isEmpty() ? RecordStatus.MISSING : RecordStatus.INVALID;
    }
}
