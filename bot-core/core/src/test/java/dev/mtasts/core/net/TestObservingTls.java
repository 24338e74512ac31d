package dev.mtasts.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.testing.CertificateAuthority;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Against a server that resumes sessions (the JDK's, with one fixed certificate, resumes TLS 1.3 by ticket and TLS 1.2
 * by session id, as OpenSSL-based mail and web servers do), each connection of an observing context gets a full
 * handshake; a plain context's second connection, the control, is resumed.
 */
final class TestObservingTls {
    private static final CertificateAuthority CA = CertificateAuthority.create();
    private static final String HOST = "mx.example.com";

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void everyConnectionGetsAFullHandshake(String protocol) throws Exception {
        try (ResumingServer server = new ResumingServer(protocol)) {
            SSLContext observing = ObservingTls.newContext();
            SSLSession first = connect(observing, server, true);
            SSLSession second = connect(observing, server, true);

            assertThat(first.getProtocol()).isEqualTo(protocol);
            assertThat(first.getPeerCertificates()).isNotEmpty();
            assertThat(resumed(first, second)).isFalse();
            assertThat(second.getPeerCertificates()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void theServerDoesResumeAPlainClientsSession(String protocol) throws Exception {
        try (ResumingServer server = new ResumingServer(protocol)) {
            SSLContext plain = CA.clientContext();
            SSLSession first = connect(plain, server, false);
            SSLSession second = connect(plain, server, false);

            assertThat(resumed(first, second)).isTrue();
        }
    }

    /**
     * One connection: a handshake with SNI, then one byte read, which is when a TLS 1.3 client takes in the tickets the
     * server sent after its Finished.
     */
    private static SSLSession connect(SSLContext context, ResumingServer server, boolean observing)
            throws IOException, InterruptedException {
        Thread.sleep(5); // a resumed session keeps its creation time; a new one gets a later one
        try (SSLSocket socket =
                (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.port())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(HOST)));
            socket.setSSLParameters(parameters);
            SSLSession session;
            if (observing) {
                session = ObservingTls.handshake(socket);
            } else {
                socket.startHandshake();
                session = socket.getSession();
            }
            assertThat(socket.getInputStream().read()).isEqualTo('x');
            return session;
        }
    }

    /** A resumed session carries the original's creation time (and, in TLS 1.2, its id). */
    private static boolean resumed(SSLSession first, SSLSession second) {
        return first.getCreationTime() == second.getCreationTime();
    }

    /** A TLS server on loopback with one certificate that writes one byte on each connection. */
    private static final class ResumingServer implements AutoCloseable {
        private final ServerSocket listener;
        private final Thread acceptor;

        ResumingServer(String protocol) throws Exception {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new javax.net.ssl.KeyManager[] {CA.issue(HOST).keyManager()}, null, null);
            listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try (SSLSocket socket =
                            (SSLSocket) context.getSocketFactory().createSocket(listener.accept(), null, true)) {
                        socket.setUseClientMode(false);
                        socket.setEnabledProtocols(new String[] {protocol});
                        socket.startHandshake();
                        socket.getOutputStream().write('x');
                        socket.getOutputStream().flush();
                        socket.getInputStream().read(); // until the client closes
                    } catch (IOException e) {
                        // the client went, or the listener closed
                    }
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            listener.close();
            acceptor.join();
        }
    }
}
