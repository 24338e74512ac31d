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
                check("tls-rpt", Finding.pass("tlsrpt-record-valid", "TLS-RPT is published")));
    }

    static DomainState.Observed observed(String sha, List<String> mxHosts, DomainState.Certificate... certificates) {
        return new DomainState.Observed(Optional.of(sha), mxHosts, List.of(certificates));
    }

    static String sha(char digit) {
        return String.valueOf(digit).repeat(64);
    }
}
