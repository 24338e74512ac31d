package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

/**
 * A typed fact a check publishes next to its findings, so that the core can act on what the check concluded (change
 * detection, notifications) without reading finding codes or check ids by name. Facts are values; a check publishes
 * each kind at most once.
 */
public sealed interface Fact {
    /** What the domain's TLS-RPT record ({@code _smtp._tls.<domain>}, RFC 8460) amounts to for reporters. */
    record TlsRptRecord(Publication publication) implements Fact {
        public TlsRptRecord {
            requireNonNull(publication, "publication is null");
        }

        public enum Publication {
            /** One valid record: reporters send reports. */
            VALID,
            /** No record: nobody reports. */
            MISSING,
            /** Records reporters discard (syntax, several, a broken CNAME). */
            INVALID,
            /** The lookup failed this time; nothing is known. */
            UNKNOWN
        }
    }
}
