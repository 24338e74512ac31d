package dev.mtasts.core.subscription;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.Report;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Remediation;
import dev.mtasts.spi.SenderView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reports and states for subscription tests, built by hand. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String DOMAIN = "example.com";

    private Fixtures() {}

    static SenderView sender(String id, String mode, long maxAge, String... mx) {
        return new SenderView(
                SenderView.Outcome.VALID,
                "Senders apply the policy",
                Optional.of(new SenderView.Policy(id, mode, maxAge, List.of(mx))));
    }

    static Report report(Instant at, Optional<SenderView> sender, CheckReport... checks) {
        return new Report(DOMAIN, DOMAIN, at, Duration.ofMillis(120), sender, List.of(checks));
    }

    static CheckReport check(String id, Finding... findings) {
        return CheckReport.completed(id, "Check " + id, Duration.ofMillis(10), List.of(findings));
    }

    /** A check's part whose finding says the certificates of {@code hosts} expire soon (the typed fact with it). */
    static CheckReport expiring(String id, Finding finding, String... hosts) {
        return CheckReport.completed(
                id,
                "Check " + id,
                Duration.ofMillis(10),
                List.of(finding),
                List.of(new dev.mtasts.spi.Fact.CertificateExpiring(finding.code(), List.of(hosts))));
    }

    /** The TLS-RPT check's part, with the typed fact it publishes. */
    static CheckReport tlsRpt(dev.mtasts.spi.Fact.TlsRptRecord.Publication publication, Finding finding) {
        return CheckReport.completed(
                "tls-rpt",
                "Check tls-rpt",
                Duration.ofMillis(10),
                List.of(finding),
                List.of(new dev.mtasts.spi.Fact.TlsRptRecord(publication)));
    }

    static CheckReport skipped(String id) {
        return CheckReport.skipped(id, "Check " + id, Duration.ZERO, "no policy to parse");
    }

    static Finding warn(String code, String message) {
        return Finding.warn(code, message, remediation("Fix " + code));
    }

    static Finding fail(String code, String message) {
        return Finding.fail(code, message, remediation("Fix " + code));
    }

    static Remediation remediation(String action) {
        return new Remediation(action, FixTime.of(Duration.ofMinutes(10), Duration.ofHours(1), "10 min + 1 h TTL"));
    }

    /** A healthy enforce deployment with TLS-RPT. */
    static Report healthy(Instant at, String id) {
        return report(
                at,
                Optional.of(sender(id, "enforce", 604800, "mx1.example.com", "*.mail.example.net")),
                check("dns-record", Finding.pass("sts-record-valid", "One valid record")),
                check("policy-syntax", Finding.pass("policy-valid", "The policy is valid")),
                tlsRpt(
                        dev.mtasts.spi.Fact.TlsRptRecord.Publication.VALID,
                        Finding.pass("tlsrpt-record-valid", "TLS-RPT is published")));
    }

    /** A policy body as fetched, with what the raw lookups saw. */
    record Seen(String body, DomainState.Observed observed) {}

    static Seen observed(String body, List<String> mxHosts, DomainState.Certificate... certificates) {
        return new Seen(body, new DomainState.Observed(mxHosts, List.of(certificates)));
    }

    /** A policy body; different letters make different bodies. */
    static String sha(char letter) {
        return "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n# " + letter + "\n";
    }

    static Report withBody(Report report, String body) {
        return new Report(
                report.domain(),
                report.input(),
                report.checkedAt(),
                report.duration(),
                report.sender(),
                report.checks(),
                Optional.of(body));
    }
}
