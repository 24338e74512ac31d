package dev.mtasts.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.spi.Dane;
import dev.mtasts.spi.Dane.Status;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.ServerCertificate;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TextParseException;

final class TestDaneVerifier {
    private static final String HOST = "mx1.example.com";
    private static final CertificateAuthority CA = CertificateAuthority.create();
    private static final ServerCertificate SERVER = CA.issue(HOST);
    private static final List<X509Certificate> CHAIN = SERVER.chain();
    private static final X509Certificate LEAF = SERVER.certificate();
    private static final X509Certificate ROOT = CA.certificate();

    @Test
    void daneEeMatchesTheServersKeyOrCertificateWithAnyMatchingType() throws Exception {
        for (TLSARecord record : List.of(
                tlsa(3, 1, 1, sha(LEAF.getPublicKey().getEncoded(), "SHA-256")),
                tlsa(3, 0, 1, sha(LEAF.getEncoded(), "SHA-256")),
                tlsa(3, 1, 2, sha(LEAF.getPublicKey().getEncoded(), "SHA-512")),
                tlsa(3, 1, 0, LEAF.getPublicKey().getEncoded()))) {
            Dane dane = verify(signed(record), CHAIN, true);

            assertThat(dane.status()).as(DaneVerifier.text(record)).isEqualTo(Status.MATCH);
            assertThat(dane.detail()).contains("DANE-EE");
        }
    }

    @Test
    void daneEeIgnoresTheNameAndTheExpiry() throws Exception {
        ServerCertificate expired = CA.leaf("other.example.net").expired().issue();
        TLSARecord record =
                tlsa(3, 1, 1, sha(expired.certificate().getPublicKey().getEncoded(), "SHA-256"));

        assertThat(verify(signed(record), expired.chain(), false).status()).isEqualTo(Status.MATCH);
    }

    @Test
    void daneTaMatchesAnIssuerThatValidatesTheChainForTheRightName() throws Exception {
        TLSARecord record = tlsa(2, 0, 1, sha(ROOT.getEncoded(), "SHA-256"));

        Dane dane = verify(signed(record), CHAIN, true);

        assertThat(dane.status()).isEqualTo(Status.MATCH);
        assertThat(dane.detail()).contains("DANE-TA");
    }

    @Test
    void daneTaNeedsTheMxHostName() throws Exception {
        TLSARecord record = tlsa(2, 0, 1, sha(ROOT.getEncoded(), "SHA-256"));

        Dane dane = verify(signed(record), CHAIN, false);

        assertThat(dane.status()).isEqualTo(Status.MISMATCH);
        assertThat(dane.detail()).contains("not valid for the MX host name");
    }

    @Test
    void daneTaNeedsAChainThatValidates() throws Exception {
        ServerCertificate expired = CA.leaf(HOST).expired().issue();
        TLSARecord record = tlsa(2, 1, 1, sha(ROOT.getPublicKey().getEncoded(), "SHA-256"));

        Dane dane = verify(signed(record), expired.chain(), true);

        assertThat(dane.status()).isEqualTo(Status.MISMATCH);
        assertThat(dane.detail()).contains("does not validate");
    }

    @Test
    void recordsForAnotherKeyAreAMismatch() throws Exception {
        CertificateAuthority other = CertificateAuthority.create("Another CA");
        Dane dane = verify(
                signed(
                        tlsa(
                                3,
                                1,
                                1,
                                sha(
                                        other.issue(HOST)
                                                .certificate()
                                                .getPublicKey()
                                                .getEncoded(),
                                        "SHA-256")),
                        tlsa(2, 1, 1, sha(other.certificate().getPublicKey().getEncoded(), "SHA-256"))),
                CHAIN,
                true);

        assertThat(dane.status()).isEqualTo(Status.MISMATCH);
        assertThat(dane.detail())
                .isEqualTo("none of the 2 usable TLSA records matches the presented certificate chain");
        assertThat(dane.records()).hasSize(2).allMatch(text -> text.matches("[23] 1 1 [0-9a-f]{64}"));
    }

    @Test
    void pkixUsagesAreUnusableForSmtp() throws Exception {
        Dane dane = verify(
                signed(
                        tlsa(1, 1, 1, sha(LEAF.getPublicKey().getEncoded(), "SHA-256")),
                        tlsa(0, 0, 1, sha(ROOT.getEncoded(), "SHA-256"))),
                CHAIN,
                true);

        assertThat(dane.status()).isEqualTo(Status.UNUSABLE);
    }

    @Test
    void unsignedRecordsAreNotJudged() throws Exception {
        TLSARecord record = tlsa(3, 1, 1, new byte[32]);

        Dane dane = DaneVerifier.verify(TlsaAnswer.found(List.of(record), false), CHAIN, true, Instant.now());

        assertThat(dane.status()).isEqualTo(Status.NOT_SIGNED);
        assertThat(dane.records()).containsExactly("3 1 1 " + "00".repeat(32));
    }

    @Test
    void withoutTlsThereIsNothingToMatch() throws Exception {
        Dane dane = verify(signed(tlsa(3, 1, 1, new byte[32])), List.of(), true);

        assertThat(dane.status()).isEqualTo(Status.NOT_CHECKED);
    }

    @Test
    void lookupsThatFoundNothingOrFailedOrWereNotMadeSaySo() {
        assertThat(verify(TlsaAnswer.none(), CHAIN, true).status()).isEqualTo(Status.NO_RECORDS);
        assertThat(verify(TlsaAnswer.failed("SERVFAIL"), CHAIN, true))
                .isEqualTo(new Dane(Status.LOOKUP_FAILED, List.of(), "SERVFAIL"));
        assertThat(verify(TlsaAnswer.notLookedUp(), CHAIN, true).status()).isEqualTo(Status.NOT_CHECKED);
    }

    private static Dane verify(TlsaAnswer answer, List<X509Certificate> chain, boolean nameMatches) {
        return DaneVerifier.verify(answer, chain, nameMatches, Instant.now());
    }

    private static TlsaAnswer signed(TLSARecord... records) {
        return TlsaAnswer.found(List.of(records), true);
    }

    static TLSARecord tlsa(int usage, int selector, int matching, byte[] data) throws TextParseException {
        return new TLSARecord(
                Name.fromString("_25._tcp." + HOST + "."), DClass.IN, 300, usage, selector, matching, data);
    }

    static byte[] sha(byte[] data, String algorithm) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance(algorithm).digest(data);
    }

    static byte[] spkiSha256(X509Certificate certificate) throws NoSuchAlgorithmException {
        return sha(certificate.getPublicKey().getEncoded(), "SHA-256");
    }
}
