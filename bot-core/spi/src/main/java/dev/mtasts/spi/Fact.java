package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

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

    /**
     * A finding of the check says that certificates expire soon: the core reminds subscribers of it daily while it
     * lasts, and announces a certificate it also sees in the raw data (the policy host's) by its date instead.
     *
     * @param findingCode the code of the finding that says so
     * @param hosts the hosts whose certificates expire soon, sorted
     */
    record CertificateExpiring(String findingCode, List<String> hosts) implements Fact {
        public CertificateExpiring {
            requireNonNull(findingCode, "findingCode is null");
            hosts = List.copyOf(requireNonNull(hosts, "hosts is null")).stream()
                    .sorted()
                    .toList();
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("a certificate expiry names at least one host");
            }
        }
    }
}
