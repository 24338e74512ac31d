package dev.mtasts.adapter.discord;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.Report;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckPlugin;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Remediation;
import dev.mtasts.spi.SenderView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Fixed findings for adapter tests, with hostile text in every untrusted place: masked links, {@code @everyone},
 * role mentions, headings, code fences.
 */
final class SampleChecks {
    static final String HOSTILE = "**bold** [click](https://evil.example) @everyone @here <@&123456789012345678> # big";
    static final String POLICY_BODY = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n"
            + "# ``` @everyone [x](https://evil.example)\n";

    private SampleChecks() {}

    static Finding dnsPass() {
        return Finding.pass("record-valid", "One v=STSv1 record with id=20240101")
                .withEvidence("v=STSv1; id=20240101");
    }

    static Finding policyFetched() {
        return Finding.pass("policy-fetch-ok", "https://mta-sts.example.com/.well-known/mta-sts.txt answers 200")
                .withEvidence("GET https://mta-sts.example.com/.well-known/mta-sts.txt → HTTP 200\n"
                        + "content-type: text/plain");
    }

    /** As the policy-syntax check quotes a valid policy: the body is the evidence of policy-valid. */
    static Finding policyValid() {
        return Finding.pass("policy-valid", "The policy is valid: mode enforce, 1 mx pattern, max_age 7 days")
                .withEvidence(POLICY_BODY);
    }

    static Finding policySlow() {
        return Finding.warn(
                "policy-slow",
                "The policy host took 4.2 s to answer; some senders give up after 4 s",
                new Remediation(
                        "Serve the policy file from a faster host or a CDN",
                        FixTime.of(Duration.ofMinutes(30), "30 min")));
    }

    static Finding mxNotCovered() {
        return Finding.fail(
                        "mx-not-covered",
                        "MX mx2.example.com is not matched by any mx: pattern " + HOSTILE,
                        new Remediation(
                                "Add `mx: mx2.example.com` to the policy, then bump the id in the TXT record",
                                FixTime.of(Duration.ofMinutes(10), Duration.ofDays(1), "10 min + up to 1 d TTL")))
                .withEvidence("mx: mail.example.com\n```\n@here <@1> [x](https://evil.example)");
    }

    static Finding tlsRptInfo() {
        return Finding.info("tls-rpt-missing", "No TLS-RPT record: failures would go unreported");
    }

    /** The report the sample plugin produces, as the engine would build it, at a fixed time. */
    static Report report() {
        return new Report(
                "example.com",
                "https://Example.com/",
                Instant.parse("2025-03-01T12:00:00Z"),
                Duration.ofMillis(1234),
                Optional.of(new SenderView(
                        SenderView.Outcome.VALID,
                        "Senders enforce the policy (mode enforce, 1 of 2 MX covered)",
                        Optional.of(
                                new SenderView.Policy("20240101", "enforce", 604800, List.of("mail.example.com"))))),
                List.of(
                        CheckReport.completed(
                                "dns-record", "MTA-STS DNS record", Duration.ofMillis(20), List.of(dnsPass())),
                        CheckReport.completed(
                                "policy-fetch",
                                "Policy fetch",
                                Duration.ofMillis(120),
                                List.of(policyFetched(), policySlow())),
                        CheckReport.completed(
                                "policy-syntax", "Policy syntax", Duration.ofMillis(1), List.of(policyValid())),
                        CheckReport.completed(
                                "mx-sync", "MX and policy in sync", Duration.ofMillis(40), List.of(mxNotCovered())),
                        CheckReport.completed(
                                "tls-rpt", "TLS-RPT record", Duration.ofMillis(10), List.of(tlsRptInfo())),
                        CheckReport.skipped("smtp-tls", "MX STARTTLS", Duration.ZERO, "no MX accepted a connection")),
                Optional.of(POLICY_BODY));
    }

    /** The same checks as a plugin for the engine, so that adapter tests run real CheckService without DNS. */
    static CheckPlugin plugin() {
        return new CheckPlugin() {
            @Override
            public String name() {
                return "sample";
            }

            @Override
            public List<Check> checks() {
                return List.of(
                        check("dns-record", "MTA-STS DNS record", CheckResult.of(dnsPass())),
                        check("policy-fetch", "Policy fetch", CheckResult.of(policyFetched(), policySlow())),
                        check("policy-syntax", "Policy syntax", CheckResult.of(policyValid())),
                        check("mx-sync", "MX and policy in sync", CheckResult.of(mxNotCovered())),
                        check("tls-rpt", "TLS-RPT record", CheckResult.of(tlsRptInfo())));
            }
        };
    }

    private static Check check(String id, String title, CheckResult result) {
        return new Check() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String title() {
                return title;
            }

            @Override
            public CheckResult run(DomainContext context) {
                return result;
            }
        };
    }
}
