package dev.mtasts.core.smtp;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.xbill.DNS.TLSARecord;

/**
 * What the TLSA lookup of an MX host found.
 *
 * @param kind whether there was an answer
 * @param records the TLSA records, when {@link Kind#FOUND}
 * @param authenticated whether the resolver validated the answer with DNSSEC (the AD bit)
 * @param detail why the lookup failed or was not made; empty otherwise
 */
record TlsaAnswer(Kind kind, List<TLSARecord> records, boolean authenticated, String detail) {
    enum Kind {
        NOT_LOOKED_UP,
        NONE,
        FOUND,
        FAILED
    }

    TlsaAnswer {
        requireNonNull(kind, "kind is null");
        records = List.copyOf(requireNonNull(records, "records is null"));
        requireNonNull(detail, "detail is null");
    }

    static TlsaAnswer notLookedUp() {
        return new TlsaAnswer(Kind.NOT_LOOKED_UP, List.of(), false, "no TLSA lookup was made");
    }

    static TlsaAnswer none() {
        return new TlsaAnswer(Kind.NONE, List.of(), false, "");
    }

    static TlsaAnswer found(List<TLSARecord> records, boolean authenticated) {
        return new TlsaAnswer(Kind.FOUND, records, authenticated, "");
    }

    static TlsaAnswer failed(String detail) {
        return new TlsaAnswer(Kind.FAILED, List.of(), false, detail);
    }
}
