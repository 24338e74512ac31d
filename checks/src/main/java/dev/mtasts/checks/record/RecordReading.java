package dev.mtasts.checks.record;

import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.TxtAnswer;
import java.util.List;

/**
 * What the TXT lookup of either tag-value dialect read ({@link TagValueRecords}); each dialect's analysis
 * ({@link StsRecordAnalysis}, {@link TlsRptAnalysis}) holds one and adds its own reading of it.
 *
 * @param <S> the dialect's parse of one record
 * @param name the record name, e.g. {@code _mta-sts.example.com}
 * @param lookup the raw lookup
 * @param status the verdict
 * @param records the TXT records sorted into candidates, look-alikes and unrelated ones
 * @param parsed the parse of every candidate, in the same order
 */
public record RecordReading<S extends ParsedRecord<?>>(
        String name, LookupResult<TxtAnswer> lookup, RecordStatus status, TxtRecordSet records, List<S> parsed) {
    public RecordReading {
        requireNonNull(name, "name is null");
        requireNonNull(lookup, "lookup is null");
        requireNonNull(status, "status is null");
        requireNonNull(records, "records is null");
        parsed = List.copyOf(parsed);
    }
}
