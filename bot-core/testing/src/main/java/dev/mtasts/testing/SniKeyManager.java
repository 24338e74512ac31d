package dev.mtasts.testing;

import static java.util.Objects.requireNonNull;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/**
 * A server key manager that chooses the certificate from the SNI name of the handshake in progress, for the HTTPS and
 * SMTP fixtures: the fixture's chooser maps the requested name (empty without SNI) to a certificate.
 */
final class SniKeyManager extends X509ExtendedKeyManager {
    private final Function<Optional<String>, ServerCertificate> chooser;
    private final Map<String, ServerCertificate> byAlias = new ConcurrentHashMap<>();

    private final java.util.function.BooleanSupplier requireSni;

    SniKeyManager(Function<Optional<String>, ServerCertificate> chooser) {
        this(chooser, () -> false);
    }

    /**
     * @param requireSni whether a ClientHello without a server name gets no certificate, which fails the handshake
     *     (a server that requires SNI, against RFC 8461 §7.1)
     */
    SniKeyManager(
            Function<Optional<String>, ServerCertificate> chooser, java.util.function.BooleanSupplier requireSni) {
        this.chooser = requireNonNull(chooser, "chooser is null");
        this.requireSni = requireNonNull(requireSni, "requireSni is null");
    }

    /** The host name the client asked for with SNI, in lower case. */
    static Optional<String> serverName(@Nullable SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName hostName) {
                    return Optional.of(hostName.getAsciiName().toLowerCase(Locale.ROOT));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
        SSLSession session = socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
        return choose(keyType, session);
    }

    @Override
    public @Nullable String chooseEngineServerAlias(
            String keyType, Principal @Nullable [] issuers, @Nullable SSLEngine engine) {
        return choose(keyType, engine == null ? null : engine.getHandshakeSession());
    }

    // JSSE's contract: null means "no suitable alias".
    private @Nullable String choose(String keyType, @Nullable SSLSession session) {
        Optional<String> serverName = serverName(session);
        if (serverName.isEmpty() && requireSni.getAsBoolean()) {
            return null;
        }
        ServerCertificate certificate = chooser.apply(serverName);
        if (!certificate.privateKey().getAlgorithm().equals(keyType)) {
            return null;
        }
        String alias = certificate.certificate().getSerialNumber().toString(16);
        byAlias.put(alias, certificate);
        return alias;
    }

    @Override
    public X509Certificate @Nullable [] getCertificateChain(String alias) {
        ServerCertificate certificate = byAlias.get(alias);
        return certificate == null ? null : certificate.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public @Nullable PrivateKey getPrivateKey(String alias) {
        ServerCertificate certificate = byAlias.get(alias);
        return certificate == null ? null : certificate.privateKey();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return byAlias.keySet().toArray(String[]::new);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[0];
    }

    @Override
    public @Nullable String chooseClientAlias(
            String[] keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
        return null;
    }
}
