package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The DANE view of an MX host (RFC 7672): its TLSA records at {@code _25._tcp.<host>} and whether the certificate
 * chain the host presented matches them. DANE senders refuse a host whose DNSSEC-signed TLSA records do not match,
 * and MTA-STS must not override that (RFC 8461 §2).
 *
 * <p>"Signed" means the resolver validated the answer with DNSSEC (it set the AD bit); a resolver that does not
 * validate makes every TLSA answer look unsigned.
 *
 * @param status the verdict
 * @param records the TLSA records as presentation text, e.g. {@code 3 1 1 8cb0...}; empty when there are none
 * @param detail one line for users: which record matched, or why none did; empty when there is nothing to say
 */
public record Dane(Status status, List<String> records, String detail) {
    public Dane {
        requireNonNull(status, "status is null");
        records = List.copyOf(requireNonNull(records, "records is null"));
        requireNonNull(detail, "detail is null");
    }

    /** No TLSA lookup was made or nothing could be judged. */
    public static Dane notChecked(String detail) {
        return new Dane(Status.NOT_CHECKED, List.of(), detail);
    }

    public enum Status {
        /** There are no TLSA records: DANE does not apply. */
        NO_RECORDS,
        /** TLSA records exist but the answer was not DNSSEC-validated, so DANE senders ignore them. */
        NOT_SIGNED,
        /** The TLSA lookup failed; DANE senders that find the zone signed defer mail until it works. */
        LOOKUP_FAILED,
        /**
         * Signed TLSA records, none usable for SMTP: only PKIX-TA or PKIX-EE usages (0, 1) or unknown parameters
         * (RFC 7672 §3.1.3). DANE senders then still require TLS but do not authenticate the server.
         */
        UNUSABLE,
        /** A usable signed TLSA record matches the presented chain. */
        MATCH,
        /** Signed, usable TLSA records exist and none matches the presented chain: DANE senders refuse the host. */
        MISMATCH,
        /** Not judged: no TLS session to compare with, or no TLSA lookup was made. */
        NOT_CHECKED
    }
}
