package dev.mtasts.testing;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * An in-process SMTP server on 127.0.0.1 (one ephemeral port) that plays one {@link Scenario} for every connection,
 * the way an MX host that a sending MTA probes would: greeting, EHLO, STARTTLS, a TLS handshake whose certificate is
 * chosen by the SNI name, then whatever the client sends over TLS until QUIT.
 *
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.create();
 * try (SmtpFixture smtp = SmtpFixture.start(ca, SmtpFixture.Scenario.EXPIRED)) {
 *     ... point mx1.example.com at 127.0.0.1 and probe port smtp.port() with SNI mx1.example.com ...
 *     assertThat(smtp.connections()).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Certificates: a host given to {@link #certificate(String, ServerCertificate)} always gets that one; otherwise the
 * scenario decides for the SNI name sent (a valid certificate for exactly that name, one for another name, an expired
 * one, one from an authority nobody trusts...), issued on first use and reused. A client that sends no SNI gets a
 * certificate for {@code localhost}.
 *
 * <p>One fixture plays one scenario on one port (switchable with {@link #scenario(Scenario)}): before TLS nothing
 * tells the server which MX host name the client meant, so tests that need different pre-TLS behaviour for different
 * hosts use one fixture per behaviour. Host names still matter for the certificate, chosen by SNI.
 */
public final class SmtpFixture extends LoopbackServer {
    /** The name the fixture greets with. */
    public static final String SERVER_NAME = "smtp-fixture.test";

    /** The subject alternative name of the certificates {@link Scenario#WRONG_NAME} presents. */
    public static final String WRONG_NAME = "some-other-host.test";

    /** How long before expiry {@link Scenario#EXPIRING_SOON} certificates end. */
    public static final Duration EXPIRING_SOON_REMAINING = Duration.ofDays(5);

    private static final System.Logger LOGGER = System.getLogger(SmtpFixture.class.getName());
    private static final int READ_TIMEOUT_MILLIS = 30_000;
    private static final int MAX_COMMAND_BYTES = 4096;
    private static final int MAX_TLS_RECORD_BYTES = 18_432;

    /** What the server does on every connection. */
    public enum Scenario {
        /** STARTTLS with a valid certificate for the SNI name. */
        VALID,
        /** STARTTLS with a trusted, current certificate for {@value #WRONG_NAME} only. */
        WRONG_NAME,
        /** STARTTLS with a certificate for the SNI name that expired yesterday. */
        EXPIRED,
        /** STARTTLS with a valid certificate for the SNI name that expires in five days. */
        EXPIRING_SOON,
        /** STARTTLS with a certificate for the SNI name from an authority the client does not trust. */
        UNTRUSTED,
        /** EHLO does not list STARTTLS, and the command is answered {@code 502}. */
        NO_STARTTLS,
        /** EHLO lists STARTTLS but the command is answered {@code 454 4.7.0 TLS not available}. */
        STARTTLS_REFUSED,
        /** Sends the greeting, then reads commands and never answers. */
        HANG_AFTER_BANNER,
        /** Answers STARTTLS with {@code 220}, then never answers the ClientHello: a stall in the middle of STARTTLS. */
        STALL_IN_STARTTLS,
        /** Greets with something that is not SMTP (an SSH banner), then answers nothing. */
        GARBAGE_BANNER,
        /**
         * STARTTLS, then answers the ClientHello the way a legacy TLS 1.0-only server does: a ServerHello that selects
         * TLS 1.0. The JDK cannot serve TLS 1.0 (it is in {@code jdk.tls.disabledAlgorithms}, and per-socket
         * algorithm constraints can only add restrictions), so the fixture writes that ServerHello itself; a client
         * that refuses TLS 1.0 aborts right there, as it would against a real legacy server, and no handshake ever
         * completes.
         */
        TLS_1_0_ONLY
    }

    /**
     * One finished connection.
     *
     * @param serverName the SNI name the client sent, lower case; empty without TLS or without SNI
     * @param tlsProtocol the negotiated protocol, e.g. {@code TLSv1.3}; empty when no handshake completed
     * @param commands every command line received, in order, before and after STARTTLS
     */
    public record Session(Optional<String> serverName, Optional<String> tlsProtocol, List<String> commands) {
        public Session {
            requireNonNull(serverName, "serverName is null");
            requireNonNull(tlsProtocol, "tlsProtocol is null");
            commands = List.copyOf(requireNonNull(commands, "commands is null"));
        }
    }

    private record IssuedKey(Scenario scenario, String host) {}

    private final CertificateAuthority authority;
    private final CertificateAuthority rogueAuthority;
    private final ServerCertificate noSniCertificate;
    private final SSLSocketFactory tls;
    private final Map<String, ServerCertificate> certificates = new ConcurrentHashMap<>();
    private final Map<IssuedKey, ServerCertificate> issued = new ConcurrentHashMap<>();
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private volatile Scenario scenario;
    private volatile boolean requireSni;

    private SmtpFixture(CertificateAuthority authority, Scenario scenario)
            throws IOException, GeneralSecurityException {
        this(authority, scenario, Loopback.ADDRESS, 0);
    }

    private SmtpFixture(CertificateAuthority authority, Scenario scenario, InetAddress bind, int port)
            throws IOException, GeneralSecurityException {
        super(new ServerSocket(port, 64, bind), "smtp-fixture");
        this.authority = authority;
        this.scenario = scenario;
        this.rogueAuthority = CertificateAuthority.create("mtasts untrusted test CA");
        this.noSniCertificate = authority.issue("localhost");
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new SniKeyManager(this::certificateFor, () -> requireSni)}, null, null);
        this.tls = context.getSocketFactory();
        startAccepting();
    }

    /** Starts a server playing {@link Scenario#VALID} with certificates from {@code authority}. */
    public static SmtpFixture start(CertificateAuthority authority) {
        return start(authority, Scenario.VALID);
    }

    /** Starts a server playing {@code scenario} with certificates from {@code authority}. */
    public static SmtpFixture start(CertificateAuthority authority, Scenario scenario) {
        requireNonNull(authority, "authority is null");
        requireNonNull(scenario, "scenario is null");
        try {
            return new SmtpFixture(authority, scenario);
        } catch (IOException | GeneralSecurityException exception) {
            throw new IllegalStateException("cannot start SMTP fixture", exception);
        }
    }

    /**
     * Starts a server playing {@code scenario} on {@code bind} (a loopback address such as 127.0.0.2) and {@code
     * port} (0 for an ephemeral one): two fixtures on one port and two loopback addresses play two addresses of one
     * MX host.
     */
    public static SmtpFixture start(CertificateAuthority authority, Scenario scenario, InetAddress bind, int port) {
        requireNonNull(authority, "authority is null");
        requireNonNull(scenario, "scenario is null");
        if (!requireNonNull(bind, "bind is null").isLoopbackAddress()) {
            throw new IllegalArgumentException("test servers bind to loopback only, not " + bind);
        }
        try {
            return new SmtpFixture(authority, scenario, bind, port);
        } catch (IOException | GeneralSecurityException exception) {
            throw new IllegalStateException("cannot start SMTP fixture", exception);
        }
    }

    /** Plays {@code scenario} from the next connection on. */
    public SmtpFixture scenario(Scenario scenario) {
        this.scenario = requireNonNull(scenario, "scenario is null");
        return this;
    }

    /**
     * Refuses, from the next handshake on, a ClientHello without a server name (SNI): the server has no certificate
     * for it and the handshake fails, as servers that require SNI do (RFC 8461 §7.1 says they must not). Handshakes
     * with SNI go on as the scenario says.
     */
    public SmtpFixture requireSni(boolean require) {
        this.requireSni = require;
        return this;
    }

    /** Presents {@code certificate} to clients whose SNI is {@code host}, whatever the scenario. */
    public SmtpFixture certificate(String host, ServerCertificate certificate) {
        certificates.put(hostKey(host), requireNonNull(certificate, "certificate is null"));
        return this;
    }

    /** The authority that signs the {@link Scenario#UNTRUSTED} certificates; nothing trusts it unless told to. */
    public CertificateAuthority untrustedAuthority() {
        return rogueAuthority;
    }

    /** How many connections were accepted so far (counted on accept, before anything is said). */
    public int connections() {
        return accepted();
    }

    /** The connections that have ended, in the order they ended. */
    public List<Session> sessions() {
        return List.copyOf(sessions);
    }

    @Override
    public String toString() {
        return "SmtpFixture[127.0.0.1:" + port() + ", " + scenario + "]";
    }

    // ---- serving ------------------------------------------------------------------------------------------------

    /** The state of one connection, written by its own thread only. */
    private static final class Conversation {
        private final List<String> commands = new ArrayList<>();
        private Optional<String> serverName = Optional.empty();
        private Optional<String> tlsProtocol = Optional.empty();
    }

    @Override
    protected void serve(Socket plain) {
        Scenario playing = scenario;
        Conversation conversation = new Conversation();
        try (plain) {
            plain.setSoTimeout(READ_TIMEOUT_MILLIS);
            converse(plain, playing, conversation);
        } catch (IOException exception) {
            // client gone, read timeout, handshake refused by the client, or fixture closed
            LOGGER.log(System.Logger.Level.DEBUG, "SMTP fixture connection ended", exception);
        } finally {
            sessions.add(new Session(conversation.serverName, conversation.tlsProtocol, conversation.commands));
        }
    }

    private void converse(Socket plain, Scenario playing, Conversation conversation) throws IOException {
        InputStream input = plain.getInputStream();
        OutputStream output = plain.getOutputStream();
        if (playing == Scenario.GARBAGE_BANNER) {
            write(output, "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5\r\n");
            drain(input, conversation);
            return;
        }
        write(output, "220 " + SERVER_NAME + " ESMTP mtasts fixture\r\n");
        if (playing == Scenario.HANG_AFTER_BANNER) {
            drain(input, conversation);
            return;
        }
        boolean offerStarttls = playing != Scenario.NO_STARTTLS;
        for (Optional<String> line = command(input, conversation);
                line.isPresent();
                line = command(input, conversation)) {
            String command = line.get();
            switch (verb(command)) {
                case "EHLO" -> write(output, ehloReply(command, offerStarttls));
                case "HELO" -> write(output, "250 " + SERVER_NAME + "\r\n");
                case "NOOP", "RSET" -> write(output, "250 2.0.0 OK\r\n");
                case "QUIT" -> {
                    write(output, "221 2.0.0 Bye\r\n");
                    return;
                }
                case "STARTTLS" -> {
                    if (playing == Scenario.NO_STARTTLS) {
                        write(output, "502 5.5.1 STARTTLS not implemented\r\n");
                    } else if (playing == Scenario.STARTTLS_REFUSED) {
                        write(output, "454 4.7.0 TLS not available due to local problem\r\n");
                    } else {
                        write(output, "220 2.0.0 Ready to start TLS\r\n");
                        if (playing == Scenario.STALL_IN_STARTTLS) {
                            drain(input, conversation);
                        } else if (playing == Scenario.TLS_1_0_ONLY) {
                            answerLikeATls10OnlyServer(input, output);
                        } else {
                            serveTls(plain, conversation);
                        }
                        return;
                    }
                }
                default -> write(output, "502 5.5.2 Error: command not recognized\r\n");
            }
        }
    }

    /** The client's next command line, recorded in the conversation; empty when the client has gone. */
    private static Optional<String> command(InputStream input, Conversation conversation) throws IOException {
        Optional<String> line = readLine(input);
        line.ifPresent(conversation.commands::add);
        return line;
    }

    /** Completes the handshake on the plain socket, then answers commands over TLS until QUIT. */
    private void serveTls(Socket plain, Conversation conversation) throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.createSocket(plain, null, true)) {
            socket.setUseClientMode(false);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.startHandshake();
            conversation.serverName = SniKeyManager.serverName(socket.getSession());
            conversation.tlsProtocol = Optional.of(socket.getSession().getProtocol());
            InputStream input = socket.getInputStream();
            OutputStream output = socket.getOutputStream();
            for (Optional<String> line = command(input, conversation);
                    line.isPresent();
                    line = command(input, conversation)) {
                String command = line.get();
                switch (verb(command)) {
                    case "EHLO" -> write(output, ehloReply(command, false));
                    case "QUIT" -> {
                        write(output, "221 2.0.0 Bye\r\n");
                        return;
                    }
                    case "NOOP", "RSET" -> write(output, "250 2.0.0 OK\r\n");
                    default -> write(output, "502 5.5.2 Error: command not recognized\r\n");
                }
            }
        }
    }

    /**
     * Reads the ClientHello record and answers with a TLS 1.0 ServerHello (random bytes, no session id,
     * TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, no compression, no extensions), as a server that knows nothing newer does.
     * Then waits for the client to give up.
     */
    private static void answerLikeATls10OnlyServer(InputStream input, OutputStream output) throws IOException {
        DataInputStream records = new DataInputStream(input);
        int contentType = records.readUnsignedByte();
        records.readUnsignedShort(); // record version
        int length = records.readUnsignedShort();
        if (contentType != 22 || length > MAX_TLS_RECORD_BYTES) {
            throw new IOException("expected a TLS handshake record, got content type " + contentType);
        }
        records.readFully(new byte[length]);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream hello = new DataOutputStream(body);
        hello.writeShort(0x0301); // server_version: TLS 1.0
        hello.write(random);
        hello.writeByte(0); // session_id: empty
        hello.writeShort(0xC013); // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
        hello.writeByte(0); // compression: null
        byte[] serverHello = body.toByteArray();
        DataOutputStream record = new DataOutputStream(output);
        record.writeByte(22); // handshake
        record.writeShort(0x0301);
        record.writeShort(serverHello.length + 4);
        record.writeByte(2); // ServerHello
        record.writeByte(0);
        record.writeShort(serverHello.length);
        record.write(serverHello);
        record.flush();
        while (input.read() >= 0) {
            // the client's alert, then its close
        }
    }

    private static String ehloReply(String command, boolean offerStarttls) {
        String client = command.length() > 5 ? command.substring(5).trim() : "";
        StringBuilder reply = new StringBuilder()
                .append("250-")
                .append(SERVER_NAME)
                .append(" Hello ")
                .append(client)
                .append("\r\n")
                .append("250-PIPELINING\r\n")
                .append("250-SIZE 10240000\r\n");
        if (offerStarttls) {
            reply.append("250-STARTTLS\r\n");
        }
        return reply.append("250-ENHANCEDSTATUSCODES\r\n")
                .append("250 8BITMIME\r\n")
                .toString();
    }

    /** Reads and records commands without answering, until the client goes or the read times out. */
    private static void drain(InputStream input, Conversation conversation) throws IOException {
        while (true) {
            Optional<String> line = readLine(input);
            if (line.isEmpty()) {
                return;
            }
            conversation.commands.add(line.get());
        }
    }

    /** One CRLF- (or LF-) terminated line without its terminator; empty at the end of the stream. */
    private static Optional<String> readLine(InputStream input) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int next;
            try {
                next = input.read();
            } catch (SocketTimeoutException exception) {
                return Optional.empty();
            }
            if (next < 0) {
                return Optional.empty();
            }
            if (next == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return Optional.of(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
            }
            if (line.size() >= MAX_COMMAND_BYTES) {
                throw new IOException("command line longer than " + MAX_COMMAND_BYTES + " bytes");
            }
            line.write(next);
        }
    }

    private static String verb(String command) {
        int space = command.indexOf(' ');
        return (space < 0 ? command : command.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    private static void write(OutputStream output, String text) throws IOException {
        output.write(text.getBytes(StandardCharsets.US_ASCII));
        output.flush();
    }

    // ---- certificates -------------------------------------------------------------------------------------------

    private ServerCertificate certificateFor(Optional<String> serverName) {
        if (serverName.isEmpty()) {
            return noSniCertificate;
        }
        String host = serverName.get();
        ServerCertificate given = certificates.get(host);
        if (given != null) {
            return given;
        }
        Scenario playing = scenario;
        return issued.computeIfAbsent(new IssuedKey(playing, host), key -> switch (key.scenario()) {
            case WRONG_NAME -> authority.issue(WRONG_NAME);
            case EXPIRED -> authority.leaf(host).expired().issue();
            case EXPIRING_SOON ->
                authority.leaf(host).expiresIn(EXPIRING_SOON_REMAINING).issue();
            case UNTRUSTED -> rogueAuthority.issue(host);
            case VALID,
                    NO_STARTTLS,
                    STARTTLS_REFUSED,
                    HANG_AFTER_BANNER,
                    STALL_IN_STARTTLS,
                    GARBAGE_BANNER,
                    TLS_1_0_ONLY -> authority.issue(host);
        });
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static String hostKey(String host) {
        requireNonNull(host, "host is null");
        String key = host.toLowerCase(Locale.ROOT);
        return key.endsWith(".") ? key.substring(0, key.length() - 1) : key;
    }
}
