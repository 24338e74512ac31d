package dev.mtasts.core.smtp;

import dev.mtasts.spi.Dane;
import dev.mtasts.spi.Dane.Status;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.TLSARecord;

/**
 * Matches TLSA records against a presented certificate chain the way a DANE SMTP client does (RFC 7672 §3, RFC 7671):
 * only DNSSEC-validated records count; of those, DANE-EE (3) records match the server's own certificate, with no name
 * or expiry check, and DANE-TA (2) records match a certificate of the chain above it that must then validate the
 * chain as its trust anchor, with the MX host name checked. PKIX-TA (0) and PKIX-EE (1) records are unusable for SMTP
 * (§3.1.3).
 */
final class DaneVerifier {
    private static final HexFormat HEX = HexFormat.of();

    private DaneVerifier() {}

    /**
     * The verdict for {@code answer}; {@code chain} (leaf first) is empty when no TLS session was established.
     *
     * @param nameMatches whether the leaf is valid for the MX host name (needed for DANE-TA only)
     */
    static Dane verify(TlsaAnswer answer, List<X509Certificate> chain, boolean nameMatches, Instant now) {
        List<String> texts = answer.records().stream().map(DaneVerifier::text).toList();
        return switch (answer.kind()) {
            case NOT_LOOKED_UP -> Dane.notChecked(answer.detail());
            case NONE -> new Dane(Status.NO_RECORDS, List.of(), "");
            case FAILED -> new Dane(Status.LOOKUP_FAILED, List.of(), answer.detail());
            case FOUND -> {
                if (!answer.authenticated()) {
                    yield new Dane(
                            Status.NOT_SIGNED,
                            texts,
                            "the resolver did not mark the TLSA answer as DNSSEC-validated (no AD bit)");
                }
                List<TLSARecord> usable =
                        answer.records().stream().filter(DaneVerifier::usable).toList();
                if (usable.isEmpty()) {
                    yield new Dane(
                            Status.UNUSABLE,
                            texts,
                            "no record has a usage SMTP senders use (2 DANE-TA or 3 DANE-EE) with a known selector and"
                                    + " matching type");
                }
                if (chain.isEmpty()) {
                    yield new Dane(Status.NOT_CHECKED, texts, "no TLS session to compare the TLSA records with");
                }
                yield match(usable, chain, nameMatches, now, texts);
            }
        };
    }

    private static Dane match(
            List<TLSARecord> usable,
            List<X509Certificate> chain,
            boolean nameMatches,
            Instant now,
            List<String> texts) {
        List<String> reasons = new ArrayList<>();
        for (TLSARecord record : usable) {
            if (record.getCertificateUsage() == TLSARecord.CertificateUsage.DOMAIN_ISSUED_CERTIFICATE
                    && matches(record, chain.getFirst())) {
                return new Dane(
                        Status.MATCH, texts, "TLSA " + text(record) + " matches the server's certificate (DANE-EE)");
            }
        }
        for (TLSARecord record : usable) {
            if (record.getCertificateUsage() != TLSARecord.CertificateUsage.TRUST_ANCHOR_ASSERTION) {
                continue;
            }
            for (int index = 1; index < chain.size(); index++) {
                if (!matches(record, chain.get(index))) {
                    continue;
                }
                Optional<String> invalid = validates(chain.subList(0, index), chain.get(index), now);
                if (invalid.isPresent()) {
                    reasons.add("TLSA " + text(record) + " matches a CA certificate of the chain, but the chain does"
                            + " not validate up to it (" + invalid.get() + ")");
                } else if (!nameMatches) {
                    reasons.add("TLSA " + text(record) + " matches a CA certificate of the chain, but the"
                            + " certificate is not valid for the MX host name");
                } else {
                    return new Dane(
                            Status.MATCH,
                            texts,
                            "TLSA " + text(record) + " matches a CA certificate of the chain (DANE-TA)");
                }
            }
        }
        String why = reasons.isEmpty()
                ? "none of the " + usable.size() + " usable TLSA record" + (usable.size() == 1 ? "" : "s")
                        + " matches the presented certificate chain"
                : String.join("; ", reasons);
        return new Dane(Status.MISMATCH, texts, why);
    }

    private static boolean usable(TLSARecord record) {
        int usage = record.getCertificateUsage();
        int selector = record.getSelector();
        int matching = record.getMatchingType();
        return (usage == TLSARecord.CertificateUsage.TRUST_ANCHOR_ASSERTION
                        || usage == TLSARecord.CertificateUsage.DOMAIN_ISSUED_CERTIFICATE)
                && (selector == TLSARecord.Selector.FULL_CERTIFICATE
                        || selector == TLSARecord.Selector.SUBJECT_PUBLIC_KEY_INFO)
                && (matching == TLSARecord.MatchingType.EXACT
                        || matching == TLSARecord.MatchingType.SHA256
                        || matching == TLSARecord.MatchingType.SHA512);
    }

    /** Whether {@code record}'s association data describes {@code certificate}. */
    static boolean matches(TLSARecord record, X509Certificate certificate) {
        try {
            byte[] selected = record.getSelector() == TLSARecord.Selector.FULL_CERTIFICATE
                    ? certificate.getEncoded()
                    : certificate.getPublicKey().getEncoded();
            byte[] computed =
                    switch (record.getMatchingType()) {
                        case TLSARecord.MatchingType.SHA256 ->
                            MessageDigest.getInstance("SHA-256").digest(selected);
                        case TLSARecord.MatchingType.SHA512 ->
                            MessageDigest.getInstance("SHA-512").digest(selected);
                        default -> selected;
                    };
            return MessageDigest.isEqual(computed, record.getCertificateAssociationData());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Why {@code below} does not validate up to {@code anchor} at {@code now}; empty when it does. */
    private static Optional<String> validates(List<X509Certificate> below, X509Certificate anchor, Instant now) {
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(below);
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** Presentation form, e.g. {@code 3 1 1 8cb0...}. */
    static String text(TLSARecord record) {
        return record.getCertificateUsage() + " " + record.getSelector() + " " + record.getMatchingType() + " "
                + HEX.formatHex(record.getCertificateAssociationData());
    }
}
