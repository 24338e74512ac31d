package dev.mtasts.launcher;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.ServerCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyAgreement;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.jce.spec.ECNamedCurveSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestBouncyCastleEc {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final byte[] MESSAGE = "v=STSv1; id=20261205".getBytes(US_ASCII);

    @BeforeAll
    static void install() {
        BouncyCastleEc.install();
    }

    @Test
    void installsOnceAheadOfTheJdk() {
        BouncyCastleEc.install();

        assertThat(Security.getProviders()[0].getName()).isEqualTo(BouncyCastleEc.NAME);
        assertThat(Arrays.stream(Security.getProviders())
                        .filter(p -> p.getName().equals(BouncyCastleEc.NAME)))
                .hasSize(1);
    }

    @Test
    void verifiesTheJdksSignaturesAndRejectsAlteredOnes() throws Exception {
        KeyPair keys = sunKeyPair();
        Signature signer = Signature.getInstance("SHA256withECDSA", "SunEC");
        signer.initSign(keys.getPrivate());
        signer.update(MESSAGE);
        byte[] signature = signer.sign();

        assertThat(verify(keys, MESSAGE, signature)).isTrue();
        byte[] altered = MESSAGE.clone();
        altered[0] ^= 1;
        assertThat(verify(keys, altered, signature)).isFalse();
    }

    @Test
    void agreesTheSameSecretAsTheJdk() throws Exception {
        KeyPair ours = sunKeyPair();
        KeyPair theirs = sunKeyPair();

        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(ours.getPrivate());
        agreement.doPhase(theirs.getPublic(), true);
        KeyAgreement jdk = KeyAgreement.getInstance("ECDH", "SunEC");
        jdk.init(theirs.getPrivate());
        jdk.doPhase(ours.getPublic(), true);

        assertThat(agreement.getProvider().getName()).isEqualTo(BouncyCastleEc.NAME);
        assertThat(agreement.generateSecret()).isEqualTo(jdk.generateSecret());
    }

    @Test
    void decodesPublicKeysTheJdkEncoded() throws Exception {
        KeyPair keys = sunKeyPair();

        KeyFactory factory = KeyFactory.getInstance("EC");

        assertThat(factory.getProvider().getName()).isEqualTo(BouncyCastleEc.NAME);
        assertThat(factory.generatePublic(
                                new X509EncodedKeySpec(keys.getPublic().getEncoded()))
                        .getEncoded())
                .isEqualTo(keys.getPublic().getEncoded());
    }

    @Test
    void generatesP256KeysTheJdkAgreesWith() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ours = generator.generateKeyPair();
        KeyPair theirs = sunKeyPair();

        KeyAgreement jdk = KeyAgreement.getInstance("ECDH", "SunEC");
        jdk.init(theirs.getPrivate());
        jdk.doPhase(ours.getPublic(), true);
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(ours.getPrivate());
        agreement.doPhase(theirs.getPublic(), true);

        assertThat(generator.getProvider().getName()).isEqualTo(BouncyCastleEc.NAME);
        assertThat(((ECPublicKey) ours.getPublic()).getParams().getCurve())
                .isEqualTo(((ECPublicKey) theirs.getPublic()).getParams().getCurve());
        assertThat(agreement.generateSecret()).isEqualTo(jdk.generateSecret());
    }

    @Test
    void generatesKeysForTheJdksCurveParametersOnTheNamedCurve() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(((ECPublicKey) sunKeyPair().getPublic()).getParams());

        ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();

        assertThat(key.getParams()).isInstanceOfSatisfying(ECNamedCurveSpec.class, named -> assertThat(named.getName())
                .isEqualTo("secp256r1"));
        assertThat(KeyFactory.getInstance("EC", "SunEC")
                        .generatePublic(new X509EncodedKeySpec(key.getEncoded()))
                        .getEncoded())
                .isEqualTo(key.getEncoded());
    }

    @Test
    void leavesEverythingElseToTheJdk() throws Exception {
        Provider digests = java.security.MessageDigest.getInstance("SHA-256").getProvider();
        Provider ciphers = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding").getProvider();
        Provider x25519 = KeyPairGenerator.getInstance("X25519").getProvider();

        assertThat(digests.getName()).isEqualTo("SUN");
        assertThat(ciphers.getName()).isEqualTo("SunJCE");
        assertThat(x25519.getName()).isEqualTo("SunEC");
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"TLSv1.2, secp256r1", "TLSv1.3, secp256r1", "TLSv1.3, x25519"})
    void tlsHandshakesWithAnEcdsaCertificate(String protocol, String group) throws Exception {
        CertificateAuthority authority = CertificateAuthority.create();
        ServerCertificate certificate = authority.issue("localhost");
        try (SSLServerSocket server = (SSLServerSocket)
                certificate.serverContext().getServerSocketFactory().createServerSocket(0, 1, LOOPBACK)) {
            SSLParameters parameters = server.getSSLParameters();
            parameters.setProtocols(new String[] {protocol});
            parameters.setNamedGroups(new String[] {group});
            server.setSSLParameters(parameters);
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept();
                        OutputStream out = accepted.getOutputStream()) {
                    out.write(MESSAGE);
                } catch (IOException exception) {
                    throw new UncheckedIOException(exception);
                }
            });

            try (SSLSocket client = (SSLSocket)
                    authority.clientContext().getSocketFactory().createSocket(LOOPBACK, server.getLocalPort())) {
                client.setSoTimeout(10_000);
                InputStream in = client.getInputStream();

                assertThat(in.readAllBytes()).isEqualTo(MESSAGE);
                assertThat(client.getSession().getProtocol()).isEqualTo(protocol);
                assertThat(client.getSession().getPeerCertificates()[0]).isEqualTo(certificate.certificate());
            }
            served.get(10, TimeUnit.SECONDS);
        }
    }

    private static boolean verify(KeyPair keys, byte[] message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(keys.getPublic());
        verifier.update(message);
        boolean valid = verifier.verify(signature);
        assertThat(verifier.getProvider().getName()).isEqualTo(BouncyCastleEc.NAME);
        return valid;
    }

    private static KeyPair sunKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
