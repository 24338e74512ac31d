package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/** What a certificate says, kept for findings and evidence. */
public record CertificateInfo(
        String subject, String issuer, List<String> dnsNames, Instant notBefore, Instant notAfter, String sha256) {
    public CertificateInfo {
        requireNonNull(subject, "subject is null");
        requireNonNull(issuer, "issuer is null");
        dnsNames = List.copyOf(requireNonNull(dnsNames, "dnsNames is null"));
        requireNonNull(notBefore, "notBefore is null");
        requireNonNull(notAfter, "notAfter is null");
        requireNonNull(sha256, "sha256 is null");
    }
}
