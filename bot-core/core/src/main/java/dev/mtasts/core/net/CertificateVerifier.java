package dev.mtasts.core.net;

import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.CertificateInfo;
import dev.mtasts.spi.TlsDetails;
import dev.mtasts.spi.TlsDetails.Trust;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * Judges a presented certificate chain the way a validating sender does (RFC 8461 §3.3 and §4.2): PKIX against the
 * JDK trust store plus the operator's extra CA file, not expired, and a SAN DNS-ID matching the host (RFC 6125; the
 * CN is never used). The handshake itself accepts any chain, so every problem can be reported at once.
 */
public final class CertificateVerifier {
    /**
     * Parsing the JDK trust store (about 150 roots) takes a one-shot check ~80 ms at start-up: it is done on a
     * background thread, while the first DNS lookups are in flight, and waited for by the first verdict.
     */
    private final CompletableFuture<X509TrustManager> trustManager;

    /**
     * Reads {@code extraCaFile} at once, so a bad file is reported when the engine starts, and loads the JDK trust
     * store in the background.
     *
     * @throws IllegalArgumentException when the extra CA file cannot be read or holds no certificate
     */
    public CertificateVerifier(Optional<Path> extraCaFile) {
        requireNonNull(extraCaFile, "extraCaFile is null");
        List<X509Certificate> extra =
                extraCaFile.map(CertificateVerifier::readCaFile).orElse(List.of());
        this.trustManager = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("trust-store").start(() -> {
            try {
                trustManager.complete(buildTrustManager(extra));
            } catch (GeneralSecurityException | RuntimeException e) {
                trustManager.completeExceptionally(e);
            }
        });
    }

    /** The verdict on {@code chain} (leaf first) for {@code host}, at {@code now}. */
    public TlsDetails verify(String host, X509Certificate[] chain, String protocol, String cipherSuite, Instant now) {
        requireNonNull(host, "host is null");
        requireNonNull(chain, "chain is null");
        if (chain.length == 0) {
            throw new IllegalArgumentException("empty certificate chain");
        }
        List<CertificateInfo> infos = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            infos.add(describe(certificate));
        }
        X509Certificate leaf = chain[0];
        Trust trust = Trust.TRUSTED;
        String detail = "";
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            trust = Trust.EXPIRED;
            detail = "the certificate expired on " + leaf.getNotAfter().toInstant();
        } else if (now.isBefore(leaf.getNotBefore().toInstant())) {
            trust = Trust.NOT_YET_VALID;
            detail =
                    "the certificate is not valid before " + leaf.getNotBefore().toInstant();
        } else {
            try {
                trustManager().checkServerTrusted(chain, authType(leaf));
            } catch (CertificateException e) {
                trust = Trust.UNTRUSTED;
                detail = untrustedReason(e);
            }
        }
        boolean nameMatches = HostnameMatcher.matchesAny(host, infos.getFirst().dnsNames());
        return new TlsDetails(protocol, cipherSuite, infos, trust, detail, nameMatches);
    }

    public static CertificateInfo describe(X509Certificate certificate) {
        return new CertificateInfo(
                certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
                certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
                dnsNames(certificate),
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(),
                fingerprint(certificate));
    }

    private static List<String> dnsNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            List<String> dns = new ArrayList<>();
            for (List<?> name : names) {
                // GeneralName type 2 is dNSName
                if (name.size() >= 2 && Integer.valueOf(2).equals(name.get(0)) && name.get(1) instanceof String value) {
                    dns.add(value);
                }
            }
            return dns;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "";
        }
    }

    private static String authType(X509Certificate leaf) {
        String algorithm = leaf.getPublicKey().getAlgorithm().toUpperCase(Locale.ROOT);
        return switch (algorithm) {
            case "EC" -> "ECDHE_ECDSA";
            case "RSA" -> "ECDHE_RSA";
            default -> "UNKNOWN";
        };
    }

    private static String untrustedReason(CertificateException error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (message.contains("unable to find valid certification path")) {
            return "the chain does not lead to a trusted root (self-signed, private CA, or missing intermediate)";
        }
        return "the chain does not validate: " + message;
    }

    private X509TrustManager trustManager() {
        try {
            return trustManager.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot load the JDK trust store: " + cause.getMessage(), e);
        }
    }

    private static List<X509Certificate> readCaFile(Path file) {
        try {
            return readPem(file);
        } catch (CertificateException | IOException e) {
            throw new IllegalArgumentException("cannot load the CA file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The JDK's default trust manager, or one over its roots plus {@code extra}. */
    private static X509TrustManager buildTrustManager(List<X509Certificate> extra) throws GeneralSecurityException {
        X509TrustManager jdkDefault = trustManagerFor(null);
        if (extra.isEmpty()) {
            return jdkDefault;
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store", e);
        }
        int index = 0;
        for (X509Certificate anchor : jdkDefault.getAcceptedIssuers()) {
            store.setCertificateEntry("jdk-" + index++, anchor);
        }
        for (X509Certificate certificate : extra) {
            store.setCertificateEntry("extra-" + index++, certificate);
        }
        return trustManagerFor(store);
    }

    static List<X509Certificate> readPem(Path file) throws IOException, CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        try (InputStream input = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (java.security.cert.Certificate certificate : factory.generateCertificates(input)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate in " + file);
            }
            return certificates;
        }
    }

    private static X509TrustManager trustManagerFor(@Nullable KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager available");
    }
}
