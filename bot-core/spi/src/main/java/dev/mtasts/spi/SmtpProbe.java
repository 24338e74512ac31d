package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a sending MTA meets at an MX host: one SMTP conversation on port 25 that reads the greeting, sends EHLO, asks
 * for STARTTLS, completes the TLS handshake with SNI set to the MX host name, and sends QUIT.
 *
 * <p>Everything the server sent is untrusted: in the banner, keywords, detail and transcript, bytes outside printable
 * ASCII are written as {@code \xNN} and long lines are cut.
 *
 * <p>A probe is a {@link LookupResult.Found} value as soon as a TCP connection was made, whatever happened next:
 * {@link #outcome()} says how far the conversation got. Failures before that (no address, an address the guard
 * refuses, a refused or timed-out connection) are {@link LookupResult.Failed} values.
 *
 * @param host the MX host name probed (A-label, lower case, no trailing dot); also the SNI name
 * @param port the port connected to, 25 except in tests
 * @param address the address connected to (the one the address guard approved)
 * @param outcome how far the conversation got
 * @param detail one line for users on why the conversation stopped, empty when TLS was established
 * @param banner the greeting reply's text lines joined with a space, without the code; empty when there was none
 * @param ehloKeywords the EHLO reply's extension lines (everything after the first line), e.g. {@code STARTTLS},
 *     {@code SIZE 52428800}
 * @param starttlsOffered whether the EHLO reply listed STARTTLS
 * @param tls the handshake and the verdict on the certificate, present when {@link #outcome()} is
 *     {@link Outcome#TLS_ESTABLISHED}
 * @param dane the host's TLSA records and whether the presented chain matches them (RFC 7672)
 * @param transcript the conversation as plain text, {@code C: } for what the prober sent and {@code S: } for what it
 *     received; control characters replaced and long lines cut
 * @param elapsed from connecting until the probe ended
 * @param withoutSni the optional second handshake without SNI (RFC 8461 §7.1), made on a new connection to the same
 *     address after this one established TLS; empty when the engine does not make it (it is off by default, and made
 *     for the first probed address of each host only)
 */
public record SmtpProbe(
        String host,
        int port,
        InetAddress address,
        Outcome outcome,
        String detail,
        String banner,
        List<String> ehloKeywords,
        boolean starttlsOffered,
        Optional<TlsDetails> tls,
        Dane dane,
        List<String> transcript,
        Duration elapsed,
        Optional<WithoutSni> withoutSni) {
    public SmtpProbe {
        requireNonNull(host, "host is null");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, not " + port);
        }
        requireNonNull(address, "address is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(banner, "banner is null");
        ehloKeywords = List.copyOf(requireNonNull(ehloKeywords, "ehloKeywords is null"));
        requireNonNull(tls, "tls is null");
        requireNonNull(dane, "dane is null");
        transcript = List.copyOf(requireNonNull(transcript, "transcript is null"));
        requireNonNull(elapsed, "elapsed is null");
        requireNonNull(withoutSni, "withoutSni is null");
        if (tls.isPresent() != (outcome == Outcome.TLS_ESTABLISHED)) {
            throw new IllegalArgumentException("TLS details are present exactly when the outcome is TLS_ESTABLISHED");
        }
    }

    /** This probe with the result of the handshake without SNI. */
    public SmtpProbe withWithoutSni(WithoutSni result) {
        return new SmtpProbe(
                host,
                port,
                address,
                outcome,
                detail,
                banner,
                ehloKeywords,
                starttlsOffered,
                tls,
                dane,
                transcript,
                elapsed,
                Optional.of(result));
    }

    /**
     * A second STARTTLS handshake with the same address, this time without the SNI extension. RFC 8461 §7.1: "Servers
     * MUST NOT enforce the use of SNI by clients ... the server MUST simply send a fallback certificate chain of its
     * choice." Senders that do not send SNI (older MTAs, DANE-only senders) meet what this handshake meets.
     *
     * @param result how it went
     * @param detail one line for users: why the handshake failed, or why it was not reached; empty when accepted
     * @param tls the handshake and the fallback certificate, judged for the MX host name, when accepted
     */
    public record WithoutSni(Result result, String detail, Optional<TlsDetails> tls) {
        public WithoutSni {
            requireNonNull(result, "result is null");
            requireNonNull(detail, "detail is null");
            requireNonNull(tls, "tls is null");
            if (tls.isPresent() != (result == Result.ACCEPTED)) {
                throw new IllegalArgumentException("TLS details are present exactly when the handshake was accepted");
            }
        }

        public enum Result {
            /** The handshake without SNI completed. */
            ACCEPTED,
            /** STARTTLS was accepted but the handshake without SNI failed, while the one with SNI succeeded. */
            REFUSED,
            /** The second conversation did not get as far as the handshake (a timeout, a refused connection). */
            NOT_REACHED
        }
    }

    /** How far the SMTP conversation got. */
    public enum Outcome {
        /** STARTTLS succeeded and the handshake completed; {@link #tls()} holds the certificate verdict. */
        TLS_ESTABLISHED,
        /** The connection was accepted but no greeting arrived in time. */
        GREETING_TIMEOUT,
        /** The greeting was a negative reply (4xx or 5xx, e.g. {@code 554 no service}). */
        GREETING_REJECTED,
        /** What the server sent first was not an SMTP reply (another protocol, binary data, a broken line). */
        GREETING_MALFORMED,
        /** EHLO was answered with a negative reply. */
        EHLO_REJECTED,
        /** The EHLO reply did not list STARTTLS. */
        STARTTLS_NOT_OFFERED,
        /** STARTTLS was listed but the command was refused (e.g. {@code 454 TLS not available}). */
        STARTTLS_REFUSED,
        /** The TLS handshake failed or timed out; {@link #detail()} says why. */
        TLS_HANDSHAKE_FAILED,
        /** The server offered only TLS versions below 1.2, which RFC 8461 §7.2 does not allow. */
        TLS_VERSION_TOO_OLD,
        /** After the greeting, the reply to EHLO or STARTTLS did not arrive in time. */
        REPLY_TIMEOUT,
        /** After the greeting, a reply was not valid SMTP. */
        REPLY_MALFORMED,
        /** The server closed the connection before TLS was established. */
        CONNECTION_CLOSED
    }
}
