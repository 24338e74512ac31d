package dev.mtasts.checks.record;

import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.TxtAnswer;
import dev.mtasts.spi.TxtAnswer.TxtRecord;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the analyses of both tag-value dialects ({@code _mta-sts}, {@code _smtp._tls}) say of their TXT lookup.
 *
 * @param <K> the kinds of problem the dialect reports
 */
public interface RecordLookup<K extends RecordProblem.Kind> {
    /** What the lookup read. */
    RecordReading<? extends ParsedRecord<K>> reading();

    /** The record name, e.g. {@code _mta-sts.example.com}. */
    default String name() {
        return reading().name();
    }

    /** The raw lookup. */
    default LookupResult<TxtAnswer> lookup() {
        return reading().lookup();
    }

    /** The verdict. */
    default RecordStatus status() {
        return reading().status();
    }

    /** The TXT records sorted into candidates, look-alikes and unrelated ones. */
    default TxtRecordSet records() {
        return reading().records();
    }

    /** The parse of every candidate, in the same order. */
    default List<? extends ParsedRecord<K>> parsed() {
        return reading().parsed();
    }

    /** Whether there is exactly one candidate and the dialect's senders accept it. */
    default boolean valid() {
        return status() == RecordStatus.VALID;
    }

    /** The only candidate record, when there is exactly one. */
    default Optional<TxtRecord> record() {
        return records().only();
    }

    /** The TTL of the record senders read (or of the records at the name), empty when the name has no TXT. */
    default OptionalLong ttlSeconds() {
        return records().ttlSeconds();
    }

    /** The CNAME targets followed from the name, empty when there was no CNAME or no answer. */
    default List<String> cnameChain() {
        return lookup().found().map(TxtAnswer::cnameChain).orElse(List.of());
    }
}
