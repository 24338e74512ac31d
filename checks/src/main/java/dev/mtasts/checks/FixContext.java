package dev.mtasts.checks;

import static java.util.Objects.requireNonNull;

import dev.mtasts.checks.record.TagValueRecords;
import dev.mtasts.spi.DomainContext;
import java.util.OptionalLong;

/**
 * The real TTLs a fix waits for, read from the domain's DNS answers.
 *
 * @param stsTtl the TTL of the {@code _mta-sts} TXT record, empty when it has none
 * @param tlsRptTtl the TTL of the {@code _smtp._tls} TXT record, empty when it has none
 * @param otherTtl the TTL of the other name a finding is about (policy host, MX host), empty when unknown
 */
public record FixContext(OptionalLong stsTtl, OptionalLong tlsRptTtl, OptionalLong otherTtl) {
    public FixContext {
        requireNonNull(stsTtl, "stsTtl is null");
        requireNonNull(tlsRptTtl, "tlsRptTtl is null");
        requireNonNull(otherTtl, "otherTtl is null");
    }

    /** The TTLs of the domain's {@code _mta-sts} and {@code _smtp._tls} records (memoised lookups). */
    public static FixContext of(DomainContext context) {
        return new FixContext(
                TagValueRecords.STS.analyze(context).ttlSeconds(),
                TagValueRecords.TLSRPT.analyze(context).ttlSeconds(),
                OptionalLong.empty());
    }

    /** The same context with the TTL of the other name a finding is about. */
    public FixContext withOtherTtl(long ttlSeconds) {
        return new FixContext(stsTtl, tlsRptTtl, OptionalLong.of(ttlSeconds));
    }
}
