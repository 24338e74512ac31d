package dev.mtasts.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority minted at test time (EC P-256, SHA-256), and the factory for the server
 * certificates it signs.
 *
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.create();
 * ServerCertificate valid = ca.issue("mta-sts.example.com");
 * ServerCertificate expired = ca.leaf("mta-sts.example.com").expired().issue();
 * ServerCertificate untrusted = CertificateAuthority.create("Rogue CA").issue("mta-sts.example.com");
 * ServerCertificate selfSigned = ca.leaf("mta-sts.example.com").selfSigned().issue();
 * ca.writePem(directory.resolve("ca.pem")); // for --ca-file
 * }</pre>
 *
 * <p>Clients trust the authority through {@link #trustManager()}, {@link #trustStore()}, {@link #clientContext()} or
 * the PEM file. Nothing here touches the JVM's default trust store.
 */
public final class CertificateAuthority {
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private CertificateAuthority(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /** A new root authority named "mtasts test CA", valid from a day ago for ten years. */
    public static CertificateAuthority create() {
        return create("mtasts test CA");
    }

    /** A new root authority with the given subject common name; create a second one to sign untrusted leaves. */
    public static CertificateAuthority create(String commonName) {
        requireNonNull(commonName, "commonName is null");
        KeyPair keyPair = newKeyPair();
        X500Name subject = name(commonName);
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject,
                serialNumber(),
                Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(3650, ChronoUnit.DAYS)),
                subject,
                keyPair.getPublic());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
        } catch (CertIOException | GeneralSecurityException exception) {
            throw new IllegalStateException("cannot build CA certificate", exception);
        }
        return new CertificateAuthority(keyPair, sign(builder, keyPair.getPrivate()));
    }

    /** The authority's self-signed root certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The root certificate in PEM form ({@code -----BEGIN CERTIFICATE-----}). */
    public String pem() {
        return ServerCertificate.pem(List.of(certificate));
    }

    /** Writes the root certificate as PEM to {@code file} (creating parent directories) and returns the file. */
    public Path writePem(Path file) {
        requireNonNull(file, "file is null");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, pem(), StandardCharsets.US_ASCII);
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot write " + file, exception);
        }
        return file;
    }

    /** A fresh in-memory PKCS#12 key store holding only this root as a trusted certificate entry. */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("mtasts-test-ca", certificate);
            return store;
        } catch (IOException | GeneralSecurityException exception) {
            throw new IllegalStateException("cannot build trust store", exception);
        }
    }

    /** A PKIX trust manager that trusts this root and nothing else. */
    public X509TrustManager trustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore());
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X509TrustManager from " + factory.getAlgorithm());
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("cannot build trust manager", exception);
        }
    }

    /** A client {@link SSLContext} that trusts this root and nothing else. */
    public SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("cannot build client SSLContext", exception);
        }
    }

    /** Issues a currently valid (from a day ago, for 90 days) server certificate for the given DNS names. */
    public ServerCertificate issue(String... dnsNames) {
        return leaf(dnsNames).issue();
    }

    /**
     * Starts a server certificate for the given subject alternative DNS names (wildcards such as {@code
     * *.example.com} are written as given; no names at all gives a certificate without the extension).
     */
    public LeafBuilder leaf(String... dnsNames) {
        return new LeafBuilder(this, List.of(dnsNames));
    }

    /**
     * Describes one server certificate. Defaults: common name is the first DNS name (or "mtasts test server"), valid
     * from a day ago for 90 days, signed by the authority that created the builder.
     */
    public static final class LeafBuilder {
        private final CertificateAuthority issuer;
        private final List<String> dnsNames;
        private Optional<String> commonName = Optional.empty();
        private Instant notBefore;
        private Instant notAfter;
        private boolean selfSigned;

        private LeafBuilder(CertificateAuthority issuer, List<String> dnsNames) {
            this.issuer = issuer;
            this.dnsNames = List.copyOf(dnsNames);
            Instant now = Instant.now();
            this.notBefore = now.minus(1, ChronoUnit.DAYS);
            this.notAfter = now.plus(90, ChronoUnit.DAYS);
        }

        /** Sets the subject common name. */
        public LeafBuilder commonName(String commonName) {
            this.commonName = Optional.of(requireNonNull(commonName, "commonName is null"));
            return this;
        }

        /** Sets the validity period explicitly. */
        public LeafBuilder validity(Instant notBefore, Instant notAfter) {
            requireNonNull(notBefore, "notBefore is null");
            requireNonNull(notAfter, "notAfter is null");
            if (notAfter.isBefore(notBefore)) {
                throw new IllegalArgumentException("notAfter " + notAfter + " is before notBefore " + notBefore);
            }
            this.notBefore = notBefore;
            this.notAfter = notAfter;
            return this;
        }

        /** Valid from 90 days ago until yesterday. */
        public LeafBuilder expired() {
            Instant now = Instant.now();
            return validity(now.minus(90, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
        }

        /** Valid from tomorrow for 90 days. */
        public LeafBuilder notYetValid() {
            Instant now = Instant.now();
            return validity(now.plus(1, ChronoUnit.DAYS), now.plus(91, ChronoUnit.DAYS));
        }

        /** Valid since a day ago and expiring {@code remaining} from now (e.g. {@code Duration.ofDays(5)}). */
        public LeafBuilder expiresIn(Duration remaining) {
            requireNonNull(remaining, "remaining is null");
            Instant now = Instant.now();
            return validity(now.minus(1, ChronoUnit.DAYS), now.plus(remaining));
        }

        /** Signs the certificate with its own key instead of the authority's. */
        public LeafBuilder selfSigned() {
            this.selfSigned = true;
            return this;
        }

        /** Mints a new key pair and the certificate. */
        public ServerCertificate issue() {
            KeyPair keyPair = newKeyPair();
            X500Name subject = name(commonName.orElse(dnsNames.isEmpty() ? "mtasts test server" : dnsNames.getFirst()));
            X500Name issuerName = selfSigned
                    ? subject
                    : X500Name.getInstance(
                            issuer.certificate.getSubjectX500Principal().getEncoded());
            PublicKey signerPublicKey = selfSigned ? keyPair.getPublic() : issuer.keyPair.getPublic();
            PrivateKey signerPrivateKey = selfSigned ? keyPair.getPrivate() : issuer.keyPair.getPrivate();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuerName,
                    serialNumber(),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    subject,
                    keyPair.getPublic());
            try {
                JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(
                        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                builder.addExtension(
                        Extension.subjectKeyIdentifier,
                        false,
                        extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
                builder.addExtension(
                        Extension.authorityKeyIdentifier,
                        false,
                        extensions.createAuthorityKeyIdentifier(signerPublicKey));
                if (!dnsNames.isEmpty()) {
                    List<GeneralName> names = new ArrayList<>();
                    for (String dnsName : dnsNames) {
                        names.add(new GeneralName(GeneralName.dNSName, dnsName));
                    }
                    builder.addExtension(
                            Extension.subjectAlternativeName,
                            false,
                            new GeneralNames(names.toArray(GeneralName[]::new)));
                }
            } catch (CertIOException | GeneralSecurityException exception) {
                throw new IllegalStateException("cannot build server certificate", exception);
            }
            X509Certificate leaf = sign(builder, signerPrivateKey);
            List<X509Certificate> chain = selfSigned ? List.of(leaf) : List.of(leaf, issuer.certificate);
            return new ServerCertificate(chain, keyPair.getPrivate());
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("cannot generate EC P-256 key pair", exception);
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static BigInteger serialNumber() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(signingKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | GeneralSecurityException exception) {
            throw new IllegalStateException("cannot sign certificate", exception);
        }
    }

    static String pemOf(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
        return text.toString();
    }
}
