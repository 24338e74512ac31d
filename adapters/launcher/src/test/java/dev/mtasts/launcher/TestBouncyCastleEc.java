package dev.mtasts.launcher;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.ServerCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
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
    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

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
        Provider x448 = KeyPairGenerator.getInstance("X448").getProvider();

        assertThat(digests.getName()).isEqualTo("SUN");
        assertThat(ciphers.getName()).isEqualTo("SunJCE");
        assertThat(x448.getName()).isEqualTo("SunEC");
    }

    @Test
    void agreesRfc7748sX25519Vector() throws Exception {
        // RFC 7748 section 6.1: Alice's private key, Bob's public key, their shared secret
        KeyFactory sunEc = KeyFactory.getInstance("XDH", "SunEC");
        PrivateKey alice = sunEc.generatePrivate(new XECPrivateKeySpec(
                NamedParameterSpec.X25519,
                HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")));
        PublicKey bob = sunEc.generatePublic(new XECPublicKeySpec(
                NamedParameterSpec.X25519,
                littleEndian("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")));

        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(alice);
        agreement.doPhase(bob, true);

        assertThat(agreement.getProvider().getName()).isEqualTo(BouncyCastleEc.NAME);
        assertThat(HEX.formatHex(agreement.generateSecret()))
                .isEqualTo("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    }

    @Test
    void makesX25519KeyPairsTheJdkAgreesWith() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("XDH");
        generator.initialize(new NamedParameterSpec("x25519")); // the JDK's TLS names its groups in lower case
        KeyPair ours = generator.generateKeyPair();
        KeyPair theirs = KeyPairGenerator.getInstance("X25519", "SunEC").generateKeyPair();

        assertThat(generator.getProvider().getName()).isEqualTo(BouncyCastleEc.NAME);
        assertThat(ours.getPublic().getClass()).isEqualTo(theirs.getPublic().getClass());
        assertThat(ours.getPrivate().getClass()).isEqualTo(theirs.getPrivate().getClass());
        // the public key is the private scalar times the base point (u = 9), as SunEC computes it
        assertThat(sunAgreement(ours.getPrivate(), x25519PublicKey(BigInteger.valueOf(9))))
                .isEqualTo(X25519OnBouncyCastle.toLittleEndian(((XECPublicKey) ours.getPublic()).getU()));
        assertThat(agreement(ours.getPrivate(), theirs.getPublic()))
                .isEqualTo(sunAgreement(theirs.getPrivate(), ours.getPublic()));
    }

    @Test
    void agreesWhatSunEcAgreesForAnyPeerValue() throws Exception {
        PrivateKey own = KeyPairGenerator.getInstance("X25519", "SunEC")
                .generateKeyPair()
                .getPrivate();
        Random random = new Random(8461);
        List<BigInteger> peers = new ArrayList<>(List.of(
                P.add(BigInteger.valueOf(9)), // not reduced
                BigInteger.TWO.pow(255).add(BigInteger.valueOf(9)), // the bit RFC 7748 masks, which the JDK reduces
                P.subtract(BigInteger.ONE))); // of order 4: both refuse it
        for (int index = 0; index < 20; index++) {
            peers.add(new BigInteger(256, random));
        }

        for (BigInteger u : peers) {
            PublicKey peer = x25519PublicKey(u);
            assertThat(outcome(() -> agreement(own, peer)))
                    .as("u = %s", u)
                    .isEqualTo(outcome(() -> sunAgreement(own, peer)));
        }
    }

    @Test
    void refusesASmallOrderPeerAsSunEcDoes() throws Exception {
        PrivateKey own = KeyPairGenerator.getInstance("X25519", "SunEC")
                .generateKeyPair()
                .getPrivate();
        PublicKey zero = x25519PublicKey(BigInteger.ZERO);

        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(own);

        assertThatThrownBy(() -> agreement.doPhase(zero, true))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessage("Point has small order");
        assertThat(agreement.getProvider().getName()).isEqualTo(BouncyCastleEc.NAME);
        assertThatThrownBy(() -> sunAgreement(own, zero)).hasMessage("Point has small order");
    }

    @Test
    void leavesX448ToTheJdk() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("XDH");
        generator.initialize(NamedParameterSpec.X448);
        KeyPair ours = generator.generateKeyPair();
        KeyPair theirs = KeyPairGenerator.getInstance("X448", "SunEC").generateKeyPair();

        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(ours.getPrivate());
        agreement.doPhase(theirs.getPublic(), true);

        assertThat(((XECPublicKey) ours.getPublic()).getParams())
                .isInstanceOfSatisfying(NamedParameterSpec.class, named -> assertThat(named.getName())
                        .isEqualTo("X448"));
        assertThat(agreement.getProvider().getName()).isEqualTo("SunEC");
        assertThat(agreement.generateSecret()).isEqualTo(sunAgreement(theirs.getPrivate(), ours.getPublic()));
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({
        "TLSv1.2, secp256r1",
        "TLSv1.3, secp256r1",
        // TLS 1.2 ties an ECDSA certificate's curve to the groups offered: the server keeps P-256 after x25519
        "TLSv1.2, x25519 secp256r1",
        "TLSv1.3, x25519"
    })
    void tlsHandshakesWithAnEcdsaCertificate(String protocol, String group) throws Exception {
        CertificateAuthority authority = CertificateAuthority.create();
        ServerCertificate certificate = authority.issue("localhost");
        try (SSLServerSocket server = (SSLServerSocket)
                certificate.serverContext().getServerSocketFactory().createServerSocket(0, 1, LOOPBACK)) {
            SSLParameters parameters = server.getSSLParameters();
            parameters.setProtocols(new String[] {protocol});
            parameters.setNamedGroups(group.split(" "));
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

    /** The secret in hex, or the refusal's message. */
    private static String outcome(Callable<byte[]> agreement) {
        try {
            return HEX.formatHex(agreement.call());
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static byte[] agreement(PrivateKey own, PublicKey peer) throws Exception {
        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(own);
        agreement.doPhase(peer, true);
        assertThat(agreement.getProvider().getName()).isEqualTo(BouncyCastleEc.NAME);
        return agreement.generateSecret();
    }

    private static byte[] sunAgreement(PrivateKey own, PublicKey peer) throws Exception {
        KeyAgreement agreement = KeyAgreement.getInstance("XDH", "SunEC");
        agreement.init(own);
        agreement.doPhase(peer, true);
        return agreement.generateSecret();
    }

    private static PublicKey x25519PublicKey(BigInteger u) throws Exception {
        return KeyFactory.getInstance("XDH", "SunEC")
                .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u));
    }

    private static BigInteger littleEndian(String hex) {
        return X25519OnBouncyCastle.fromLittleEndian(HEX.parseHex(hex));
    }

    private static KeyPair sunKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
