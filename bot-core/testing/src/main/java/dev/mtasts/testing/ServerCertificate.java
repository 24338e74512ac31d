package dev.mtasts.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A server certificate with its private key and the chain a server presents (leaf first, then the issuing root; just
 * the leaf when self-signed). Made by {@link CertificateAuthority}.
 */
public final class ServerCertificate {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String ALIAS = "server";

    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;

    ServerCertificate(List<X509Certificate> chain, PrivateKey privateKey) {
        this.chain = List.copyOf(chain);
        this.privateKey = requireNonNull(privateKey, "privateKey is null");
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("chain is empty");
        }
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** The chain a server sends: leaf first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The leaf's private key. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The subject alternative DNS names of the leaf, in certificate order. */
    public List<String> dnsNames() {
        try {
            Collection<List<?>> names = certificate().getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            List<String> dnsNames = new ArrayList<>();
            for (List<?> name : names) {
                if (name.get(0) instanceof Integer type && type == 2 && name.get(1) instanceof String dnsName) {
                    dnsNames.add(dnsName);
                }
            }
            return List.copyOf(dnsNames);
        } catch (CertificateParsingException exception) {
            throw new IllegalStateException("cannot read subject alternative names", exception);
        }
    }

    /** The chain in PEM form, leaf first. */
    public String pem() {
        return pem(chain);
    }

    /**
     * A fresh in-memory PKCS#12 key store with the key and chain under alias {@code server}, password {@code
     * changeit}.
     */
    public KeyStore keyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, privateKey, PASSWORD, chain.toArray(Certificate[]::new));
            return store;
        } catch (IOException | GeneralSecurityException exception) {
            throw new IllegalStateException("cannot build key store", exception);
        }
    }

    /** The password of {@link #keyStore()}. */
    public char[] keyStorePassword() {
        return PASSWORD.clone();
    }

    /** A key manager that always presents this certificate. */
    public X509ExtendedKeyManager keyManager() {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore(), PASSWORD);
            for (KeyManager manager : factory.getKeyManagers()) {
                if (manager instanceof X509ExtendedKeyManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X509ExtendedKeyManager from " + factory.getAlgorithm());
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("cannot build key manager", exception);
        }
    }

    /** A server {@link SSLContext} that always presents this certificate and asks for no client certificate. */
    public SSLContext serverContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keyManager()}, null, null);
            return context;
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("cannot build server SSLContext", exception);
        }
    }

    @Override
    public String toString() {
        return "ServerCertificate[" + certificate().getSubjectX500Principal().getName() + ", dnsNames=" + dnsNames()
                + ", notAfter=" + certificate().getNotAfter().toInstant() + "]";
    }

    static String pem(List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            text.append(CertificateAuthority.pemOf(certificate));
        }
        return text.toString();
    }
}
