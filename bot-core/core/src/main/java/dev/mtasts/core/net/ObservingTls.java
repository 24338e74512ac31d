package dev.mtasts.core.net;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS context of the policy fetch and the MX probe: every handshake completes, so the bot sees what a server
 * presents; the chain is read from the session afterwards and judged by {@link CertificateVerifier}. Its trust
 * manager never decides trust.
 *
 * <p>No handshake resumes an earlier session: a resumed handshake presents no certificate, and the JDK reports the
 * one of the session it resumed. A re-check after a certificate was replaced would see the old one, and the second
 * address of an MX host (whose servers share ticket keys) the first address's. So each connection gets a full
 * handshake: the context drops session tickets (TLS 1.3, and RFC 5077 tickets in TLS 1.2) as they arrive, and {@link
 * #handshake} takes each session out of the cache the moment it is made (TLS 1.2 resumption by session id).
 */
public final class ObservingTls {
    /**
     * A session lifetime beyond the longest a ticket may have (seven days, RFC 8446 §4.6.1): the JDK's client then
     * discards every ticket it receives instead of caching it ("Session cache lifetime is too long").
     */
    static final int DROPS_TICKETS = 7 * 24 * 60 * 60 + 1;

    private ObservingTls() {}

    /** A new TLS context whose handshakes accept any chain, for the caller to judge, and never resume a session. */
    public static SSLContext newContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAnyTrustManager()}, null);
            context.getClientSessionContext().setSessionTimeout(DROPS_TICKETS);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /**
     * Completes the handshake on {@code socket} (a socket of a {@link #newContext()} context) and returns its session,
     * already invalidated, so that no later handshake resumes it. The session still tells what was negotiated and
     * presented.
     */
    public static SSLSession handshake(SSLSocket socket) throws IOException {
        socket.startHandshake();
        SSLSession session = socket.getSession();
        session.invalidate();
        return session;
    }

    /** The X.509 certificates {@code session}'s peer presented, leaf first; empty when it presented none. */
    public static X509Certificate[] peerChain(SSLSession session) {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : session.getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
            return chain.toArray(X509Certificate[]::new);
        } catch (SSLPeerUnverifiedException e) {
            return new X509Certificate[0];
        }
    }

    /** Lets every handshake complete. Stateless. */
    private static final class AcceptAnyTrustManager extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
