package dev.mtasts.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.tlsrpt.ParseResult.Parsed;
import dev.mtasts.tlsrpt.ParseResult.Rejected;
import dev.mtasts.tlsrpt.TlsRptReport.FailureDetail;
import dev.mtasts.tlsrpt.TlsRptReport.PolicyResult;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestReportParser {
    private final ReportParser parser = new ReportParser(ReportLimits.defaults());

    private ParseResult parse(byte[] bytes, ReportSource source) {
        return parser.parse(new ByteArrayInputStream(bytes), source);
    }

    private TlsRptReport parsed(byte[] bytes, ReportSource source) {
        ParseResult result = parse(bytes, source);
        assertThat(result).isInstanceOf(Parsed.class);
        return ((Parsed) result).report();
    }

    private Rejected rejected(byte[] bytes) {
        ParseResult result = parse(bytes, ReportSource.ofFileName("test.json"));
        assertThat(result).isInstanceOf(Rejected.class);
        return (Rejected) result;
    }

    @Test
    void readsTheRfcSchema() {
        TlsRptReport report = parsed(Reports.resource("rfc-example.json"), ReportSource.ofFileName("rfc.json"));

        assertThat(report.organization()).isEqualTo("Company-X");
        assertThat(report.reportId()).isEqualTo("5065427c-23d3-47ca-b6e0-946ea0e8c4be");
        assertThat(report.start()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(report.end()).isEqualTo(Instant.parse("2026-11-20T23:59:59Z"));
        assertThat(report.contactInfo()).contains("sts-reporting@company-x.example");
        PolicyResult policy = report.policies().getFirst();
        assertThat(policy.policyDomain()).isEqualTo("example.com");
        assertThat(policy.policyType()).isEqualTo("sts");
        assertThat(policy.policyString()).hasSize(5).contains("mode: testing");
        assertThat(policy.mxHosts()).containsExactly("mx1.example.com", "mx2.example.com");
        assertThat(policy.successful()).isEqualTo(5326);
        assertThat(policy.failed()).isEqualTo(303);
        assertThat(policy.failures())
                .extracting(FailureDetail::resultType, FailureDetail::failedSessions)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("certificate-expired", 100L),
                        org.assertj.core.groups.Tuple.tuple("starttls-not-supported", 200L),
                        org.assertj.core.groups.Tuple.tuple("validation-failure", 3L));
        FailureDetail starttls = policy.failures().get(1);
        assertThat(starttls.receivingIp()).contains("203.0.113.56");
        assertThat(starttls.additionalInformation())
                .hasValueSatisfying(uri -> assertThat(uri).endsWith("#StarttlsNotSupported"));
        assertThat(policy.failures().get(2).failureReasonCode()).contains("X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED");
    }

    @Test
    void acceptsWhatRealReportersSend() {
        TlsRptReport report = parsed(
                Reports.resource("deviations.json"),
                new ReportSource("POST /tlsrpt/example.com", Optional.of("example.com")));

        assertThat(report.contactInfo()).isEmpty(); // null
        PolicyResult policy = report.policies().getFirst();
        assertThat(policy.policyDomain()).isEqualTo("example.com"); // from the path
        assertThat(policy.policyString()).isEmpty(); // absent
        assertThat(policy.mxHosts()).containsExactly("mx1.example.com"); // mx-host-pattern, one string, normalised
        FailureDetail unknown = policy.failures().get(0);
        assertThat(unknown.resultType()).isEqualTo("x-vendor-handshake-timeout"); // outside the registry, kept
        assertThat(unknown.sendingMtaIp()).isEmpty();
        assertThat(unknown.additionalInformation())
                .contains("https://bigmailbox.example/tls/why"); // additional-info-uri
        assertThat(policy.failures().get(1).resultType()).isEqualTo("sts-policy-fetch-error");
    }

    @Test
    void takesThePolicyDomainFromTheFileNameWhenTheReportLacksIt() {
        String name = "other.example!example.com!1795392000!1795478399.json.gz";
        TlsRptReport report = parsed(Reports.resource(name), ReportSource.ofFileName("/some/dir/" + name));

        assertThat(report.policies().getFirst().policyDomain()).isEqualTo("example.com");
        assertThat(report.policies().getFirst().policyString()).containsExactly("version: STSv1"); // one string
        assertThat(report.organization()).isEqualTo("Other Org");
    }

    @Test
    void aReportWithoutPolicyDomainAndNoHintIsRejected() {
        Rejected rejected = rejected(Reports.resource("deviations.json"));

        assertThat(rejected.reason()).isEqualTo(Rejection.NO_POLICY_DOMAIN);
        assertThat(rejected.line())
                .isEqualTo("no policy-domain in the report, the URL, the mail headers or the file name");
    }

    @Test
    void sniffsGzipWhateverTheNameSays() {
        byte[] gzipped = Reports.gzip(Reports.resource("rfc-example.json"));
        assertThat(parsed(gzipped, ReportSource.ofFileName("report.json")).organization())
                .isEqualTo("Company-X");
        assertThat(parsed(Reports.resource("rfc-example.json"), ReportSource.ofFileName("report.json.gz"))
                        .organization())
                .isEqualTo("Company-X");
    }

    @Test
    void keepsMarkupVerbatim() {
        TlsRptReport report = parsed(Reports.resource("markup.json"), ReportSource.ofFileName("markup.json"));

        assertThat(report.organization()).isEqualTo("<script>alert(1)</script> <!channel> @everyone");
        assertThat(report.contactInfo()).contains("<https://evil.example|click me>");
    }

    @Test
    void rejectsAGzipBombByItsRatioBeforeInflatingIt() {
        byte[] bomb = Reports.bomb(200); // 200 MiB of spaces in ~200 KiB
        assertThat(bomb.length).isLessThan(1024 * 1024);

        Rejected rejected = rejected(bomb);

        assertThat(rejected.reason()).isEqualTo(Rejection.COMPRESSION_RATIO);
        assertThat(rejected.line()).startsWith("compression ratio over the limit");
    }

    @Test
    void rejectsAReportLargerThanTenMebibytesInflated() {
        // Incompressible enough to stay under the ratio: random base64 in a string.
        byte[] random = new byte[8 * 1024 * 1024];
        new SecureRandom().nextBytes(random);
        String big = "{\"organization-name\": \"" + Base64.getEncoder().encodeToString(random) + "\"}";
        assertThat(big.length()).isGreaterThan((int) ReportLimits.TEN_MIB);

        assertThat(rejected(Reports.gzip(Reports.utf8(big))).reason()).isEqualTo(Rejection.TOO_LARGE);
        assertThat(rejected(Reports.utf8(big)).reason()).isEqualTo(Rejection.TOO_LARGE);
    }

    @Test
    void aReportJustUnderTheLimitsIsRead() {
        String padding =
                " ".repeat(1024 * 1024); // compresses well, but 1 MiB is no bomb at ratio 100? it is: see below
        byte[] json = Reports.utf8(Reports.report("Org", "id-1", "2026-11-20", "example.com", "") + padding);
        assertThat(parsed(json, ReportSource.ofFileName("x.json")).reportId()).isEqualTo("id-1");
    }

    @Test
    void rejectsDeepNesting() {
        String deep = "[".repeat(33) + "]".repeat(33);
        String body = Reports.report("Org", "id-1", "2026-11-20", "example.com", ", \"x\": " + deep);

        Rejected rejected = rejected(Reports.utf8(body));

        assertThat(rejected.reason()).isEqualTo(Rejection.TOO_DEEP);
        assertThat(rejected.line()).isEqualTo("JSON nested too deeply: deeper than 32 levels");
    }

    @Test
    void nestingUpToTheLimitIsFine() {
        // The report itself is 4 levels deep (object, policies array, entry, x): 28 more make 32.
        String deep = "[".repeat(28) + "]".repeat(28);
        String body = Reports.report("Org", "id-1", "2026-11-20", "example.com", ", \"x\": " + deep);

        assertThat(parse(Reports.utf8(body), ReportSource.ofFileName("x.json"))).isInstanceOf(Parsed.class);
    }

    @Test
    void rejectsMoreThanTenThousandFailureDetails() {
        assertThat(parse(Reports.utf8(withDetails(10_000)), ReportSource.ofFileName("x.json")))
                .isInstanceOf(Parsed.class);

        Rejected rejected = rejected(Reports.utf8(withDetails(10_001)));

        assertThat(rejected.reason()).isEqualTo(Rejection.TOO_MANY_FAILURE_DETAILS);
        assertThat(rejected.line()).isEqualTo("too many failure-details entries: 10001 entries, the limit is 10000");
    }

    private static String withDetails(int count) {
        String detail = "{\"result-type\": \"certificate-expired\", \"failed-session-count\": 1}";
        return Reports.report(
                "Org",
                "id-1",
                "2026-11-20",
                "example.com",
                ", \"failure-details\": [" + String.join(",", java.util.Collections.nCopies(count, detail)) + "]");
    }

    @Test
    void saysWhatIsWrongWithWhatIsNoReport() {
        assertThat(rejected(Reports.resource("not-a-report.json")).line())
                .isEqualTo("not a TLS-RPT report: no organization-name");
        assertThat(rejected(Reports.utf8("<html>hello</html>")).reason()).isEqualTo(Rejection.NOT_JSON);
        assertThat(rejected(new byte[0]).line()).isEqualTo("not a TLS-RPT report: the body is empty");
        assertThat(rejected(Reports.utf8("evil\u001b[2J")).line()).doesNotContain("\u001b");
        assertThat(rejected(Reports.utf8("[1, 2]")).line())
                .isEqualTo("not a TLS-RPT report: the JSON is not an object");
        assertThat(rejected(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}).reason())
                .isIn(Rejection.BAD_GZIP, Rejection.UNREADABLE);
        String negative = Reports.report("Org", "id", "2026-11-20", "example.com", "")
                .replace("\"total-successful-session-count\": 100", "\"total-successful-session-count\": -1");
        assertThat(rejected(Reports.utf8(negative)).line())
                .isEqualTo("not a TLS-RPT report: total-successful-session-count is negative");
    }

    @Test
    void fileNamesGiveTheirPolicyDomain() {
        assertThat(ReportSource.domainFromFileName("google.com!Example.com!1700000000!1700086399.json.gz"))
                .contains("example.com");
        assertThat(ReportSource.domainFromFileName("a!b.example!1!2!uid.json")).contains("b.example");
        assertThat(ReportSource.domainFromFileName("report.json")).isEmpty();
        assertThat(ReportSource.domainFromFileName("a!<script>!1!2.json")).isEmpty();
    }

    @Test
    void summaryMissingCountsTheDetails() {
        String body = """
                {"organization-name": "Org", "report-id": "r",
                 "date-range": {"start-datetime": "2026-11-20T00:00:00+00:00", "end-datetime": "2026-11-21T00:00:00Z"},
                 "policies": {"policy": {"policy-type": "no-policy-found", "policy-domain": "example.com"},
                              "failure-details": {"result-type": "starttls-not-supported", "failed-session-count": 4}}}
                """;
        PolicyResult policy = parsed(Reports.utf8(body), ReportSource.ofFileName("x.json"))
                .policies()
                .getFirst();

        assertThat(policy.failed()).isEqualTo(4);
        assertThat(policy.successful()).isZero();
        assertThat(policy.policyType()).isEqualTo("no-policy-found");
        assertThat(policy.failures()).hasSize(1);
        assertThat(List.of(policy.mxHosts())).containsExactly(List.of());
    }
}
