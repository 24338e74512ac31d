package dev.mtasts.core.smtp;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.net.CertificateVerifier;
import dev.mtasts.core.net.ObservingTls;
import dev.mtasts.core.smtp.SmtpReplyReader.Reply;
import dev.mtasts.core.smtp.SmtpReplyReader.ReplyException;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.SmtpProbe;
import dev.mtasts.spi.SmtpProbe.Outcome;
import dev.mtasts.spi.TlsDetails;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Probes one MX host the way a sending MTA that applies MTA-STS would (RFC 8461 §4 and §7, RFC 3207): connect to
 * port 25, read the greeting, EHLO, STARTTLS, a TLS handshake with SNI set to the MX host name, then QUIT. The
 * handshake accepts any certificate so that {@link CertificateVerifier} can report an untrusted chain, an expired
 * certificate and a wrong name all at once, as {@link TlsDetails}.
 *
 * <p>Every step is bounded: the connect, the greeting and each reply ({@link SmtpSettings#bannerTimeout()}), the
 * handshake, and the whole probe ({@link SmtpSettings#hostTimeout()}, enforced by closing the socket). Replies are
 * size-capped by {@link SmtpReplyReader}.
 *
 * <p>TLS 1.0 and 1.1 are offered as well as 1.2 and 1.3 so that a server stuck on them is reported precisely. The
 * JDK disables them through {@code jdk.tls.disabledAlgorithms}, which per-socket settings cannot override (only the
 * global security property can, and the prober leaves that alone). So on a stock JVM a TLS 1.0-only server ends in
 * a handshake failure; the prober recognises it ("the server selected TLS10", or a {@code protocol_version} alert)
 * and reports {@link Outcome#TLS_VERSION_TOO_OLD}. Where the JVM does allow them, the handshake completes and the
 * negotiated protocol in {@link TlsDetails#protocol()} tells the same story.
 */
public final class SmtpProber {
    private static final List<String> WANTED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1");
    private static final Pattern SELECTED_VERSION =
            Pattern.compile("server selected protocol version (TLS10|TLS11|SSL30|SSL20)", Pattern.CASE_INSENSITIVE);
    private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(2);

    private final SmtpSettings settings;
    private final CertificateVerifier verifier;
    private final Clock clock;
    private final SSLSocketFactory tls;

    @Inject
    public SmtpProber(SmtpSettings settings, CertificateVerifier verifier, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.tls = ObservingTls.newContext().getSocketFactory();
    }

    /** As {@link #probe(String, List, CompletableFuture)} without DANE: the verdict says it was not checked. */
    public LookupResult<SmtpProbe> probe(String host, List<InetAddress> addresses) {
        return probe(host, addresses, CompletableFuture.completedFuture(TlsaAnswer.notLookedUp()));
    }

    /**
     * Probes {@code host} (the MX name, used for SNI and the certificate verdict) at {@code addresses}, which the
     * address guard has approved, in order: the first address that accepts a connection is probed. {@code tlsa} is
     * the host's TLSA lookup, running alongside; the presented chain is matched against it (DANE, RFC 7672). Blocks
     * for at most {@link SmtpSettings#hostTimeout()} and a little more.
     */
    LookupResult<SmtpProbe> probe(String host, List<InetAddress> addresses, CompletableFuture<TlsaAnswer> tlsa) {
        return probe(host, addresses, tlsa, false);
    }

    /**
     * As {@link #probe(String, List, CompletableFuture)}; with {@code withoutSni}, a probe that established TLS is
     * followed by a second conversation with the same address whose handshake sends no SNI ({@link
     * SmtpProbe#withoutSni()}), bounded by its own {@link SmtpSettings#hostTimeout()}.
     */
    LookupResult<SmtpProbe> probe(
            String host, List<InetAddress> addresses, CompletableFuture<TlsaAnswer> tlsa, boolean withoutSni) {
        LookupResult<SmtpProbe> result = probeWithSni(host, addresses, tlsa);
        if (withoutSni
                && result instanceof LookupResult.Found<SmtpProbe> found
                && found.value().outcome() == Outcome.TLS_ESTABLISHED) {
            SmtpProbe probe = found.value();
            return LookupResult.found(probe.withWithoutSni(probeWithoutSni(host, probe.address())));
        }
        return result;
    }

    /**
     * The handshake without SNI, on a new connection to {@code address} (already approved by the address guard for
     * the first probe): greeting, EHLO, STARTTLS, then a ClientHello without the server_name extension.
     */
    SmtpProbe.WithoutSni probeWithoutSni(String host, InetAddress address) {
        long started = System.nanoTime();
        long deadline = started + settings.hostTimeout().toNanos();
        Socket socket = new Socket(Proxy.NO_PROXY);
        try {
            socket.connect(
                    new InetSocketAddress(address, settings.port()),
                    millis(settings.connectTimeout().toNanos()));
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            return new SmtpProbe.WithoutSni(
                    SmtpProbe.WithoutSni.Result.NOT_REACHED,
                    "the second connection, for the handshake without SNI, failed (" + message(e) + ")",
                    Optional.empty());
        }
        Conversation conversation = new Conversation(
                host,
                address,
                socket,
                CompletableFuture.completedFuture(TlsaAnswer.notLookedUp()),
                started,
                deadline,
                false);
        Thread watchdog =
                Thread.ofVirtual().name("smtp-probe-watchdog-nosni-" + host).start(conversation::closeAtDeadline);
        SmtpProbe probe;
        try {
            probe = conversation.run();
        } finally {
            watchdog.interrupt();
            closeQuietly(socket);
        }
        return switch (probe.outcome()) {
            case TLS_ESTABLISHED -> new SmtpProbe.WithoutSni(SmtpProbe.WithoutSni.Result.ACCEPTED, "", probe.tls());
            case TLS_HANDSHAKE_FAILED, TLS_VERSION_TOO_OLD ->
                new SmtpProbe.WithoutSni(SmtpProbe.WithoutSni.Result.REFUSED, probe.detail(), Optional.empty());
            case GREETING_TIMEOUT,
                    GREETING_REJECTED,
                    GREETING_MALFORMED,
                    EHLO_REJECTED,
                    STARTTLS_NOT_OFFERED,
                    STARTTLS_REFUSED,
                    REPLY_TIMEOUT,
                    REPLY_MALFORMED,
                    CONNECTION_CLOSED ->
                new SmtpProbe.WithoutSni(
                        SmtpProbe.WithoutSni.Result.NOT_REACHED,
                        "the second conversation, for the handshake without SNI, stopped before TLS: " + probe.detail(),
                        Optional.empty());
        };
    }

    private LookupResult<SmtpProbe> probeWithSni(
            String host, List<InetAddress> addresses, CompletableFuture<TlsaAnswer> tlsa) {
        requireNonNull(host, "host is null");
        requireNonNull(addresses, "addresses is null");
        requireNonNull(tlsa, "tlsa is null");
        if (addresses.isEmpty()) {
            return LookupResult.failed(FailureKind.ADDRESS_REFUSED, "no permitted address to connect to");
        }
        long started = System.nanoTime();
        long deadline = started + settings.hostTimeout().toNanos();
        List<String> problems = new ArrayList<>();
        boolean timedOut = false;
        boolean refused = false;
        for (InetAddress address : addresses) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                timedOut = true;
                problems.add(describe(address) + ": not tried, the probe's time ran out");
                continue;
            }
            // never through a JVM-wide proxy (socksProxyHost): the connection is pinned to the guarded address
            Socket socket = new Socket(Proxy.NO_PROXY);
            try {
                socket.connect(
                        new InetSocketAddress(address, settings.port()),
                        millis(Math.min(remaining, settings.connectTimeout().toNanos())));
            } catch (SocketTimeoutException e) {
                closeQuietly(socket);
                timedOut = true;
                problems.add(describe(address) + ": no answer within "
                        + seconds(Duration.ofNanos(
                                Math.min(remaining, settings.connectTimeout().toNanos()))));
                continue;
            } catch (ConnectException e) {
                closeQuietly(socket);
                boolean isRefused = message(e).toLowerCase(Locale.ROOT).contains("refused");
                refused |= isRefused;
                problems.add(describe(address) + ": " + (isRefused ? "connection refused" : message(e)));
                continue;
            } catch (IOException | RuntimeException e) {
                closeQuietly(socket);
                problems.add(describe(address) + ": " + message(e));
                continue;
            }
            return LookupResult.found(converse(host, address, socket, tlsa, started, deadline));
        }
        String attempts = String.join("; ", problems);
        if (timedOut) {
            return LookupResult.failed(
                    FailureKind.TIMEOUT,
                    "could not reach port " + settings.port() + " of " + host + " (" + attempts + ")");
        }
        if (refused) {
            return LookupResult.failed(
                    FailureKind.CONNECTION_REFUSED,
                    host + " refused connections on port " + settings.port() + " (" + attempts + ")");
        }
        return LookupResult.failed(
                FailureKind.CONNECTION_FAILED,
                "could not connect to port " + settings.port() + " of " + host + " (" + attempts + ")");
    }

    /** Talks to a connected server; always returns a probe and always closes the socket. */
    private SmtpProbe converse(
            String host,
            InetAddress address,
            Socket socket,
            CompletableFuture<TlsaAnswer> tlsa,
            long started,
            long deadline) {
        Conversation conversation = new Conversation(host, address, socket, tlsa, started, deadline, true);
        Thread watchdog = Thread.ofVirtual().name("smtp-probe-watchdog-" + host).start(conversation::closeAtDeadline);
        try {
            return conversation.run();
        } finally {
            watchdog.interrupt();
            closeQuietly(socket);
        }
    }

    /** The state of one probe's conversation. */
    private final class Conversation {
        private final String host;
        private final InetAddress address;
        private final Socket socket;
        private final CompletableFuture<TlsaAnswer> tlsa;
        private final long started;
        private final long deadline;
        private final Transcript transcript = new Transcript();
        private final AtomicBoolean expired = new AtomicBoolean();
        private String banner = "";
        private List<String> keywords = List.of();
        private boolean starttlsOffered;
        /** Whether the handshake sends SNI (the MX host name); without it, no server_name extension at all. */
        private final boolean sni;

        Conversation(
                String host,
                InetAddress address,
                Socket socket,
                CompletableFuture<TlsaAnswer> tlsa,
                long started,
                long deadline,
                boolean sni) {
            this.sni = sni;
            this.host = host;
            this.address = address;
            this.socket = socket;
            this.tlsa = tlsa;
            this.started = started;
            this.deadline = deadline;
        }

        /** Closes the socket when the probe's whole time is up, which ends any blocked read or handshake. */
        void closeAtDeadline() {
            try {
                Thread.sleep(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                expired.set(true);
                closeQuietly(socket);
            } catch (InterruptedException e) {
                // the probe finished first
            }
        }

        SmtpProbe run() {
            transcript.note("--- connected to " + describe(address) + " port " + settings.port());
            SmtpReplyReader reader;
            OutputStream output;
            try {
                reader = new SmtpReplyReader(socket, socket.getInputStream(), transcript);
                output = socket.getOutputStream();
            } catch (IOException e) {
                return ioFailure(e, Outcome.GREETING_TIMEOUT, "before the greeting");
            }

            Reply greeting;
            try {
                greeting = reader.read(budget(settings.bannerTimeout()));
            } catch (ReplyException e) {
                return switch (kind(e)) {
                    case TIMEOUT ->
                        end(
                                Outcome.GREETING_TIMEOUT,
                                "the server accepted the connection but sent no greeting within "
                                        + seconds(settings.bannerTimeout()));
                    case MALFORMED -> end(Outcome.GREETING_MALFORMED, "the greeting is not SMTP: " + e.getMessage());
                    case CLOSED ->
                        end(Outcome.CONNECTION_CLOSED, "the server closed the connection without a greeting");
                };
            } catch (IOException e) {
                return ioFailure(e, Outcome.GREETING_TIMEOUT, "while waiting for the greeting");
            }
            banner = greeting.lines().stream().map(Transcript::printable).collect(Collectors.joining(" "));
            if (greeting.code() >= 400) {
                quit(reader, output);
                return end(
                        Outcome.GREETING_REJECTED,
                        "the server refuses service in its greeting: " + Transcript.printable(greeting.firstLine()));
            }
            if (!greeting.isPositive()) {
                return end(
                        Outcome.GREETING_MALFORMED,
                        "the greeting has the unexpected code " + greeting.code() + " (an SMTP greeting is 220)");
            }

            Reply ehlo;
            try {
                ehlo = command(reader, output, "EHLO " + settings.ehloName());
            } catch (ReplyException e) {
                return replyFailure(e, "EHLO");
            } catch (IOException e) {
                return ioFailure(e, Outcome.REPLY_TIMEOUT, "after EHLO");
            }
            if (!ehlo.isPositive()) {
                quit(reader, output);
                return end(Outcome.EHLO_REJECTED, "EHLO was refused: " + Transcript.printable(ehlo.firstLine()));
            }
            keywords = ehlo.lines().subList(1, ehlo.lines().size()).stream()
                    .map(Transcript::printable)
                    .toList();
            starttlsOffered = keywords.stream().anyMatch(SmtpProber::isStarttls);
            if (!starttlsOffered) {
                quit(reader, output);
                return end(Outcome.STARTTLS_NOT_OFFERED, "the EHLO reply does not list STARTTLS");
            }

            Reply starttls;
            try {
                starttls = command(reader, output, "STARTTLS");
            } catch (ReplyException e) {
                return replyFailure(e, "STARTTLS");
            } catch (IOException e) {
                return ioFailure(e, Outcome.REPLY_TIMEOUT, "after STARTTLS");
            }
            if (starttls.code() != 220) {
                quit(reader, output);
                return end(
                        Outcome.STARTTLS_REFUSED,
                        "STARTTLS is listed but was refused: " + Transcript.printable(starttls.firstLine()));
            }
            return handshake();
        }

        private SmtpProbe handshake() {
            SSLSocket ssl;
            try {
                // without SNI the socket gets the address, not the name: JSSE would otherwise add the name itself
                ssl = (SSLSocket)
                        tls.createSocket(socket, sni ? host : address.getHostAddress(), settings.port(), true);
            } catch (IOException e) {
                return end(Outcome.TLS_HANDSHAKE_FAILED, "TLS could not start (" + message(e) + ")");
            }
            SSLParameters parameters = ssl.getSSLParameters();
            Set<String> supported = Set.of(ssl.getSupportedProtocols());
            parameters.setProtocols(
                    WANTED_PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new));
            if (!sni) {
                parameters.setServerNames(List.of());
                transcript.note("--- handshake without SNI (RFC 8461 §7.1: servers must not require it)");
            } else {
                try {
                    parameters.setServerNames(List.of(new SNIHostName(host)));
                } catch (IllegalArgumentException e) {
                    transcript.note("--- " + host + " cannot be sent as an SNI name; handshake without SNI");
                }
            }
            ssl.setSSLParameters(parameters);
            Duration budget = budget(settings.handshakeTimeout());
            SSLSession session;
            try {
                ssl.setSoTimeout(millis(budget.toNanos()));
                session = ObservingTls.handshake(ssl);
            } catch (SSLHandshakeException e) {
                Optional<String> oldVersion = oldVersion(e);
                transcript.note("TLS: handshake failed: " + message(e));
                if (oldVersion.isPresent()) {
                    return end(
                            Outcome.TLS_VERSION_TOO_OLD,
                            oldVersion.get() + "; RFC 8461 §7.2 requires TLS 1.2 or later");
                }
                return end(Outcome.TLS_HANDSHAKE_FAILED, "the TLS handshake failed: " + message(e));
            } catch (SocketTimeoutException e) {
                transcript.note("TLS: no handshake within " + seconds(budget));
                return end(Outcome.TLS_HANDSHAKE_FAILED, "the TLS handshake did not finish within " + seconds(budget));
            } catch (IOException e) {
                transcript.note("TLS: handshake failed: " + message(e));
                if (expired.get()) {
                    return end(
                            Outcome.TLS_HANDSHAKE_FAILED,
                            "the TLS handshake did not finish within the probe's " + seconds(settings.hostTimeout()));
                }
                return end(Outcome.TLS_HANDSHAKE_FAILED, "the TLS handshake failed: " + message(e));
            }
            X509Certificate[] chain = ObservingTls.peerChain(session);
            if (chain.length == 0) {
                return end(Outcome.TLS_HANDSHAKE_FAILED, "the server presented no X.509 certificate");
            }
            Instant now = Instant.now(clock);
            TlsDetails details = verifier.verify(host, chain, session.getProtocol(), session.getCipherSuite(), now);
            transcript.note("TLS: " + details.protocol() + ", " + details.cipherSuite() + ", SNI "
                    + (sni ? host : "none") + ", certificate " + details.leaf().subject());
            try {
                quit(new SmtpReplyReader(ssl, ssl.getInputStream(), transcript), ssl.getOutputStream());
            } catch (IOException e) {
                // QUIT is a courtesy; the verdict is already in
            }
            return new SmtpProbe(
                    host,
                    settings.port(),
                    address,
                    Outcome.TLS_ESTABLISHED,
                    "",
                    banner,
                    keywords,
                    starttlsOffered,
                    Optional.of(details),
                    DaneVerifier.verify(tlsaAnswer(), List.of(chain), details.nameMatches(), now),
                    transcript.lines(),
                    elapsed(),
                    Optional.empty());
        }

        private Reply command(SmtpReplyReader reader, OutputStream output, String command)
                throws ReplyException, IOException {
            transcript.client(command);
            output.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            output.flush();
            return reader.read(budget(settings.bannerTimeout()));
        }

        /** Says goodbye when the conversation can go on; any failure here changes nothing. */
        private void quit(SmtpReplyReader reader, OutputStream output) {
            try {
                transcript.client("QUIT");
                output.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                output.flush();
                Duration wait = budget(QUIT_TIMEOUT);
                if (!wait.isZero()) {
                    reader.read(wait);
                }
            } catch (IOException | ReplyException e) {
                // the server may simply close; QUIT is a courtesy
            }
        }

        private SmtpProbe replyFailure(ReplyException e, String command) {
            return switch (kind(e)) {
                case TIMEOUT ->
                    end(
                            Outcome.REPLY_TIMEOUT,
                            "the server greeted, then sent no reply to " + command + " within "
                                    + seconds(expired.get() ? settings.hostTimeout() : settings.bannerTimeout()));
                case MALFORMED ->
                    end(Outcome.REPLY_MALFORMED, "the reply to " + command + " is not SMTP: " + e.getMessage());
                case CLOSED -> end(Outcome.CONNECTION_CLOSED, "the server closed the connection after " + command);
            };
        }

        /** An I/O error while talking: after the watchdog fired it is a timeout, otherwise the connection broke. */
        private SmtpProbe ioFailure(IOException e, Outcome onTimeout, String when) {
            if (expired.get()) {
                return end(onTimeout, "the probe's " + seconds(settings.hostTimeout()) + " ran out " + when);
            }
            return end(Outcome.CONNECTION_CLOSED, "the connection broke " + when + " (" + message(e) + ")");
        }

        /** A timeout from a read cut by the watchdog is reported as a timeout, not as a closed connection. */
        private ReplyException.Kind kind(ReplyException e) {
            return expired.get() ? ReplyException.Kind.TIMEOUT : e.kind();
        }

        private SmtpProbe end(Outcome outcome, String detail) {
            transcript.note("--- " + detail);
            return new SmtpProbe(
                    host,
                    settings.port(),
                    address,
                    outcome,
                    detail,
                    banner,
                    keywords,
                    starttlsOffered,
                    Optional.empty(),
                    DaneVerifier.verify(tlsaAnswer(), List.of(), false, Instant.now(clock)),
                    transcript.lines(),
                    elapsed(),
                    Optional.empty());
        }

        /**
         * The TLSA answer, waiting for it at most until the probe's time is up (it runs alongside the conversation
         * and has usually arrived long before).
         */
        private TlsaAnswer tlsaAnswer() {
            try {
                return tlsa.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return TlsaAnswer.failed("the TLSA lookup did not answer within the probe's time");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return TlsaAnswer.failed("the TLSA lookup was interrupted");
            } catch (ExecutionException e) {
                return TlsaAnswer.failed(
                        "the TLSA lookup failed (" + message(Objects.requireNonNullElse(e.getCause(), e)) + ")");
            }
        }

        /** {@code step}, or less when the probe's whole time runs out first; zero when it has. */
        private Duration budget(Duration step) {
            long remaining = Math.max(0, deadline - System.nanoTime());
            return Duration.ofNanos(Math.min(remaining, step.toNanos()));
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - started);
        }
    }

    private static boolean isStarttls(String keyword) {
        String first = keyword.strip().split("\\s+", 2)[0];
        return first.equalsIgnoreCase("STARTTLS");
    }

    /**
     * "The server only speaks TLS 1.0" when the handshake failed over the protocol version: the JDK refusing the
     * version the server chose, or the server's {@code protocol_version} alert (it supports none of the versions
     * offered, which include TLS 1.2 and 1.3).
     */
    static Optional<String> oldVersion(SSLException error) {
        String text = message(error);
        Matcher selected = SELECTED_VERSION.matcher(text);
        if (selected.find()) {
            String version =
                    switch (selected.group(1).toUpperCase(Locale.ROOT)) {
                        case "TLS10" -> "TLS 1.0";
                        case "TLS11" -> "TLS 1.1";
                        case "SSL30" -> "SSL 3.0";
                        default -> "SSL 2.0";
                    };
            return Optional.of("the server chose " + version + " and nothing newer");
        }
        if (text.contains("protocol_version")) {
            return Optional.of("the server supports none of TLS 1.2 and 1.3 (it answered with a protocol_version"
                    + " alert), so it probably speaks only TLS 1.0 or 1.1");
        }
        return Optional.empty();
    }

    private static String message(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    private static String describe(InetAddress address) {
        return address.getHostAddress();
    }

    private static int millis(long nanos) {
        return (int)
                Math.max(1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(nanos).toMillis()));
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
