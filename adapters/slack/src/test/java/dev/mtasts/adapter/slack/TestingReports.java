package dev.mtasts.adapter.slack;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckService.CheckDefinition;
import dev.mtasts.core.Report;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Remediation;
import dev.mtasts.spi.SenderView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reports for the Slack tests, built by hand (the engine's checks are not needed to format or post a report). */
final class TestingReports {
    static final Instant CHECKED_AT = Instant.parse("2025-03-01T12:00:00Z");

    /** A policy body with attacker-controlled junk that must render inert. */
    static final String HOSTILE_POLICY = "version: STSv1\nmode: enforce\nmx: mx.example.com\n"
            + "mx: <!channel> & <https://evil.example|click here> ``` `x`\nmax_age: 604800\n";

    private TestingReports() {}

    static List<CheckDefinition> definitions() {
        return List.of(
                new CheckDefinition("dns-record", "MTA-STS DNS record"),
                new CheckDefinition("policy-fetch", "Policy file fetch"),
                new CheckDefinition("policy-syntax", "Policy syntax"),
                new CheckDefinition("mx-sync", "MX and policy in sync"),
                new CheckDefinition("tls-rpt", "TLS-RPT record"));
    }

    /** All pass: no thread replies. */
    static Report passing(String domain) {
        return new Report(
                domain,
                domain,
                CHECKED_AT,
                Duration.ofMillis(420),
                Optional.of(new SenderView(
                        SenderView.Outcome.VALID,
                        "Senders apply the enforce policy id 20250301",
                        Optional.of(new SenderView.Policy("20250301", "enforce", 604800, List.of("mx.example.com"))))),
                List.of(
                        pass("dns-record", "MTA-STS DNS record", "dns-record-valid", "One valid v=STSv1 record"),
                        CheckReport.completed(
                                "policy-fetch",
                                "Policy file fetch",
                                Duration.ofMillis(120),
                                List.of(Finding.pass("policy-fetched", "Fetched over HTTPS with a valid certificate")
                                        .withEvidence("version: STSv1\nmode: enforce\nmx: mx.example.com\n"
                                                + "max_age: 604800\n"))),
                        pass("policy-syntax", "Policy syntax", "policy-syntax-valid", "The policy follows RFC 8461"),
                        pass("mx-sync", "MX and policy in sync", "mx-covered", "Every MX matches the policy"),
                        pass("tls-rpt", "TLS-RPT record", "tls-rpt-valid", "A valid TLS-RPT record")));
    }

    /** One fail (with hostile evidence), one warn, one skip, the rest pass; the policy body is hostile. */
    static Report failing(String domain) {
        Remediation dnsFix = new Remediation(
                "Publish exactly one TXT record at _mta-sts." + domain + ": v=STSv1; id=20250301",
                FixTime.of(Duration.ofMinutes(5), Duration.ofHours(1), "5 min change + TTL wait (up to 1 h)"));
        Remediation rptFix = new Remediation(
                "Add a rua= address, e.g. v=TLSRPTv1; rua=mailto:tls@" + domain,
                FixTime.of(Duration.ofMinutes(5), "5 min"));
        return new Report(
                domain,
                "https://" + domain + "/",
                CHECKED_AT,
                Duration.ofMillis(1300),
                Optional.of(new SenderView(
                        SenderView.Outcome.NONE, "Senders see no policy: two v=STSv1 records", Optional.empty())),
                List.of(
                        CheckReport.completed(
                                "dns-record",
                                "MTA-STS DNS record",
                                Duration.ofMillis(30),
                                List.of(new Finding(
                                        "dns-record-multiple",
                                        dev.mtasts.spi.Severity.FAIL,
                                        "Two v=STSv1 records <!channel> & friends",
                                        "v=STSv1; id=1 <!here>\nv=STSv1; id=`2` <https://evil.example|click>",
                                        Optional.of(dnsFix)))),
                        CheckReport.completed(
                                "policy-fetch",
                                "Policy file fetch",
                                Duration.ofMillis(200),
                                List.of(Finding.pass("policy-fetched", "Fetched over HTTPS")
                                        .withEvidence(HOSTILE_POLICY))),
                        CheckReport.skipped(
                                "policy-syntax",
                                "Policy syntax",
                                Duration.ZERO,
                                "the DNS record is invalid, so senders never read the policy"),
                        pass("mx-sync", "MX and policy in sync", "mx-covered", "Every MX matches the policy"),
                        CheckReport.completed(
                                "tls-rpt",
                                "TLS-RPT record",
                                Duration.ofMillis(25),
                                List.of(
                                        Finding.info("tls-rpt-found", "A TLS-RPT record exists"),
                                        Finding.warn("tls-rpt-no-rua", "The TLS-RPT record has no rua=", rptFix)
                                                .withEvidence("v=TLSRPTv1;")))),
                Optional.of(HOSTILE_POLICY));
    }

    private static CheckReport pass(String id, String title, String code, String message) {
        return CheckReport.completed(id, title, Duration.ofMillis(10), List.of(Finding.pass(code, message)));
    }
}
