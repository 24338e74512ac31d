package dev.mtasts.checks.record;

/** What the lookup of a tag-value TXT record ({@code _mta-sts} or {@code _smtp._tls}) tells a sender. */
public enum RecordStatus {
    /** Exactly one record of the dialect, and it is valid. */
    VALID,
    /** One record of the dialect that does not parse, or only look-alikes that senders discard. */
    INVALID,
    /** Two or more records of the dialect: senders use none. */
    MULTIPLE,
    /** No record, or only unrelated TXT records. */
    MISSING,
    /** A CNAME at the name points at nothing. */
    DANGLING_CNAME,
    /** The CNAME chain loops. */
    CNAME_LOOP,
    /** The lookup failed (timeout, server failure). */
    LOOKUP_FAILED
}
