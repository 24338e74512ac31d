package dev.mtasts.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestCertificateAuthority {
    private static final String AUTH_TYPE = "ECDHE_ECDSA";

    private final CertificateAuthority authority = CertificateAuthority.create();

    @Test
    void issuesTrustedLeafWithNamesAndChain() throws Exception {
        ServerCertificate leaf = authority.issue("mta-sts.example.com", "*.example.net");

        X509Certificate certificate = leaf.certificate();
        assertThat(leaf.dnsNames()).containsExactly("mta-sts.example.com", "*.example.net");
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=mta-sts.example.com");
        assertThat(certificate.getIssuerX500Principal())
                .isEqualTo(authority.certificate().getSubjectX500Principal());
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(authority.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(leaf.chain()).containsExactly(certificate, authority.certificate());
        certificate.verify(authority.certificate().getPublicKey());
        certificate.checkValidity();

        authority.trustManager().checkServerTrusted(leaf.chain().toArray(X509Certificate[]::new), AUTH_TYPE);
    }

    @Test
    void setsCommonNameAndAllowsNoSubjectAlternativeNames() {
        ServerCertificate leaf =
                authority.leaf().commonName("legacy.example.com").issue();

        assertThat(leaf.dnsNames()).isEmpty();
        assertThat(leaf.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=legacy.example.com");
    }

    @Test
    void expiredAndNotYetValidCertificatesAreRejected() {
        X509TrustManager trust = authority.trustManager();
        ServerCertificate expired =
                authority.leaf("mta-sts.example.com").expired().issue();
        ServerCertificate early =
                authority.leaf("mta-sts.example.com").notYetValid().issue();

        assertThat(expired.certificate().getNotAfter().toInstant()).isBefore(Instant.now());
        assertThat(early.certificate().getNotBefore().toInstant()).isAfter(Instant.now());
        assertThatThrownBy(() -> trust.checkServerTrusted(chain(expired), AUTH_TYPE))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> trust.checkServerTrusted(chain(early), AUTH_TYPE))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void expiresInSetsNotAfter() {
        Instant before = Instant.now();
        ServerCertificate leaf = authority
                .leaf("mta-sts.example.com")
                .expiresIn(Duration.ofDays(5))
                .issue();
        Instant after = Instant.now();

        Instant notAfter = leaf.certificate().getNotAfter().toInstant();
        // X.509 times have whole seconds
        assertThat(notAfter).isBetween(before.plus(Duration.ofDays(5)).minusSeconds(1), after.plus(Duration.ofDays(5)));
        assertThat(leaf.certificate().getNotBefore().toInstant()).isBefore(before);
    }

    @Test
    void explicitValidityMustBeOrdered() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> authority.leaf("a.example").validity(now, now.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void certificatesFromAnotherAuthorityAreUntrusted() {
        ServerCertificate rogue = CertificateAuthority.create("Rogue CA").issue("mta-sts.example.com");

        assertThat(rogue.certificate().getIssuerX500Principal().getName()).isEqualTo("CN=Rogue CA");
        assertThatThrownBy(() -> authority.trustManager().checkServerTrusted(chain(rogue), AUTH_TYPE))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void selfSignedCertificateSignsItself() throws Exception {
        ServerCertificate self =
                authority.leaf("mta-sts.example.com").selfSigned().issue();

        X509Certificate certificate = self.certificate();
        assertThat(self.chain()).containsExactly(certificate);
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        certificate.verify(certificate.getPublicKey());
        assertThatThrownBy(() -> authority.trustManager().checkServerTrusted(chain(self), AUTH_TYPE))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void writesPemThatParsesBackToTheRoot(@TempDir Path directory) throws Exception {
        Path file = authority.writePem(directory.resolve("nested/ca.pem"));

        assertThat(Files.readString(file)).startsWith("-----BEGIN CERTIFICATE-----");
        try (InputStream input = Files.newInputStream(file)) {
            List<Certificate> parsed =
                    List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(input));
            assertThat(parsed).containsExactly(authority.certificate());
        }
    }

    @Test
    void keyAndTrustStoresHoldTheExpectedEntries() throws Exception {
        ServerCertificate leaf = authority.issue("mta-sts.example.com");

        KeyStore keys = leaf.keyStore();
        assertThat(keys.isKeyEntry("server")).isTrue();
        assertThat(keys.getKey("server", leaf.keyStorePassword())).isEqualTo(leaf.privateKey());
        assertThat(List.of(leaf.keyManager().getCertificateChain("server"))).isEqualTo(leaf.chain());

        KeyStore trust = authority.trustStore();
        assertThat(trust.getCertificate("mtasts-test-ca")).isEqualTo(authority.certificate());
        assertThat(authority.trustManager().getAcceptedIssuers()).containsExactly(authority.certificate());
    }

    private static X509Certificate[] chain(ServerCertificate certificate) {
        return certificate.chain().toArray(X509Certificate[]::new);
    }
}
