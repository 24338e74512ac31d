package dev.mtasts.checks;

import dev.mtasts.spi.CertificateInfo;
import dev.mtasts.spi.Dane;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.SmtpProbe;
import dev.mtasts.spi.SmtpProbe.Outcome;
import dev.mtasts.spi.TlsDetails;
import dev.mtasts.spi.TlsDetails.Trust;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SMTP probe results for {@link dev.mtasts.testing.FakeDomainContext}, as the engine's prober reports them. */
final class Probes {
    /** The time of {@link dev.mtasts.testing.FakeDomainContext}'s default {@code now}. */
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    static final String ISSUER = "CN=R11,O=Let's Encrypt,C=US";

    private Probes() {}

    /** STARTTLS and a good TLS 1.3 session: trusted, valid for {@code host}, expiring in 60 days. */
    static LookupResult<SmtpProbe> valid(String host) {
        return established(host, tls(host, Trust.TRUSTED, true, "TLSv1.3", NOW.plus(Duration.ofDays(60))));
    }

    static LookupResult<SmtpProbe> established(String host, TlsDetails tls) {
        return LookupResult.found(new SmtpProbe(
                host,
                25,
                address(),
                Outcome.TLS_ESTABLISHED,
                "",
                host + " ESMTP Postfix",
                List.of("PIPELINING", "SIZE 52428800", "STARTTLS", "8BITMIME"),
                true,
                Optional.of(tls),
                Dane.notChecked("no TLSA lookup in this test"),
                List.of("S: 220 " + host + " ESMTP Postfix", "C: EHLO probe.example", "C: STARTTLS"),
                Duration.ofMillis(120),
                Optional.empty()));
    }

    /** A conversation that stopped before TLS (or at the handshake). */
    static LookupResult<SmtpProbe> stopped(String host, Outcome outcome, String detail) {
        return LookupResult.found(new SmtpProbe(
                host,
                25,
                address(),
                outcome,
                detail,
                outcome == Outcome.GREETING_MALFORMED ? "" : host + " ESMTP",
                List.of("PIPELINING"),
                outcome == Outcome.STARTTLS_REFUSED
                        || outcome == Outcome.TLS_HANDSHAKE_FAILED
                        || outcome == Outcome.TLS_VERSION_TOO_OLD,
                Optional.empty(),
                Dane.notChecked("no TLSA lookup in this test"),
                List.of("S: 220 " + host + " ESMTP", "C: EHLO probe.example", "--- " + detail),
                Duration.ofMillis(80),
                Optional.empty()));
    }

    /** The same probe with another DANE verdict. */
    static LookupResult<SmtpProbe> withDane(LookupResult<SmtpProbe> result, Dane dane) {
        SmtpProbe probe = result.found().orElseThrow();
        return LookupResult.found(new SmtpProbe(
                probe.host(),
                probe.port(),
                probe.address(),
                probe.outcome(),
                probe.detail(),
                probe.banner(),
                probe.ehloKeywords(),
                probe.starttlsOffered(),
                probe.tls(),
                dane,
                probe.transcript(),
                probe.elapsed(),
                probe.withoutSni()));
    }

    /** A session whose certificate has the given verdict, names {@code host} (or not), and ends at {@code notAfter}. */
    static TlsDetails tls(String host, Trust trust, boolean nameMatches, String protocol, Instant notAfter) {
        List<String> names = nameMatches ? List.of(host) : List.of("other.example.net", "www.example.net");
        CertificateInfo leaf = new CertificateInfo(
                "CN=" + names.getFirst(), ISSUER, names, NOW.minus(Duration.ofDays(30)), notAfter, "ab".repeat(32));
        return new TlsDetails(
                protocol,
                "TLS_AES_128_GCM_SHA256",
                List.of(leaf),
                trust,
                trust == Trust.UNTRUSTED
                        ? "the chain does not lead to a trusted root (self-signed, private CA, or"
                                + " missing intermediate)"
                        : "",
                nameMatches);
    }

    private static InetAddress address() {
        try {
            return InetAddress.getByName("192.0.2.10");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
