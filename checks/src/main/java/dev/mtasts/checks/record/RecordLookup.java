package dev.mtasts.checks.record;

import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.TxtAnswer;

/** What the analyses of both tag-value dialects ({@code _mta-sts}, {@code _smtp._tls}) say of their TXT lookup. */
public interface RecordLookup {
    /** The record name, e.g. {@code _mta-sts.example.com}. */
    String name();

    /** The raw lookup. */
    LookupResult<TxtAnswer> lookup();

    /** The verdict. */
    RecordStatus status();
}
