package dev.mtasts.checks;

import static dev.mtasts.checks.Expect.absent;
import static dev.mtasts.checks.Expect.fail;
import static dev.mtasts.checks.Expect.info;
import static dev.mtasts.checks.Expect.pass;
import static dev.mtasts.checks.Expect.warn;
import static dev.mtasts.checks.Fixtures.DOMAIN;
import static dev.mtasts.checks.Fixtures.POLICY;
import static dev.mtasts.checks.Fixtures.STS;
import static dev.mtasts.checks.Fixtures.TLSRPT;
import static dev.mtasts.checks.Fixtures.healthy;
import static dev.mtasts.checks.Fixtures.policy;
import static dev.mtasts.checks.Fixtures.withPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.NotFoundKind;
import dev.mtasts.testing.FakeDomainContext;
import dev.mtasts.testing.FakeResponses;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TestPolicySyntaxCheck {
    private static final String TESTING = POLICY.replace("enforce", "testing");

    static Stream<Arguments> cases() {
        return Stream.of(
                when(
                        "P3 a valid policy passes",
                        () -> healthy(),
                        pass("policy-valid"),
                        info("policy-line-endings", "LF")),
                when(
                        "P1 LF line endings are info, nothing to change",
                        () -> withPolicy(POLICY),
                        info("policy-line-endings", "LF", "nothing to change")),
                when(
                        "P1 CRLF line endings are info",
                        () -> withPolicy(POLICY.replace("\n", "\r\n")),
                        info("policy-line-endings", "CRLF"),
                        pass("policy-valid")),
                when(
                        "P1 mixed line endings warn (some parsers reject them)",
                        () -> withPolicy("version: STSv1\r\nmode: enforce\nmx: mx1.example.com\r\nmx: mx2.example.com\n"
                                + "max_age: 604800\n"),
                        warn("policy-line-endings-mixed", "checkdmarc"),
                        pass("policy-valid")),
                when(
                        "P1 a bare CR fails",
                        () -> withPolicy(POLICY.replace("\n", "\r")),
                        fail("policy-bare-cr", "bare CR"),
                        absent("policy-valid")),
                when(
                        "P1 U+2028 inside a line fails",
                        () -> withPolicy(POLICY + "note: a\u2028b\n"),
                        fail("policy-control-character", "U+2028")),
                when(
                        "P2 an empty line between fields warns",
                        () -> withPolicy(POLICY.replace("mode:", "\nmode:")),
                        warn("policy-blank-line", "between fields")),
                when(
                        "P2 a line starting with a space fails",
                        () -> withPolicy(" " + POLICY),
                        fail("policy-line-leading-whitespace"),
                        fail("policy-version-missing", "Line 1")),
                when(
                        "P2 whitespace before the colon fails",
                        () -> withPolicy(POLICY.replace("max_age:", "max_age :")),
                        fail("policy-line-space-before-colon"),
                        fail("policy-max-age-missing")),
                when(
                        "P2 a comment line fails",
                        () -> withPolicy("# MTA-STS\n" + POLICY),
                        fail("policy-line-not-key-value", "Comments")),
                when(
                        "P2 an HTML page instead of the policy fails",
                        () -> withPolicy("<html>\n<body>Welcome</body>\n</html>\n"),
                        fail("policy-line-not-key-value", "HTML"),
                        fail("policy-version-missing")),
                when(
                        "P3 mode none needs no mx",
                        () -> withPolicy(policy("version: STSv1", "mode: none", "max_age: 86400")),
                        pass("policy-valid"),
                        info("policy-mode-none", "protection is off"),
                        absent("policy-mx-missing")),
                when(
                        "P3 enforce without mx fails",
                        () -> withPolicy(policy("version: STSv1", "mode: enforce", "max_age: 604800")),
                        fail("policy-mx-missing", "required in enforce mode")),
                when("P3 an empty body fails", () -> withPolicy(""), fail("policy-empty")),
                when(
                        "P4 Mode: is an unknown key, so mode is missing",
                        () -> withPolicy(POLICY.replace("mode:", "Mode:")),
                        warn("policy-key-near-miss", "case-sensitive"),
                        fail("policy-mode-missing", "Line 2 does not count")),
                when(
                        "P4 mode Enforce is not a mode",
                        () -> withPolicy(POLICY.replace("enforce", "Enforce")),
                        fail("policy-mode-invalid", "case-sensitive")),
                when(
                        "P4 version STSv2 is not STSv1",
                        () -> withPolicy(POLICY.replace("STSv1", "STSv2")),
                        fail("policy-version-invalid", "STSv2")),
                when(
                        "P5 the version not first is only info",
                        () -> withPolicy(policy(
                                "mode: enforce",
                                "version: STSv1",
                                "mx: mx1.example.com",
                                "mx: mx2.example.com",
                                "max_age: 604800")),
                        info("policy-version-not-first", "Google"),
                        pass("policy-valid")),
                when(
                        "P6 conflicting modes: the first wins, loudly",
                        () -> withPolicy(POLICY.replace("mode: enforce", "mode: testing\nmode: enforce")),
                        warn("policy-duplicate-field", "different values", "first wins (testing)"),
                        pass("policy-valid", "mode testing")),
                when(
                        "P6 a duplicate mx value is info",
                        () -> withPolicy(POLICY + "mx: MX1.example.com\n"),
                        info("policy-mx-duplicate")),
                when(
                        "P7 an unknown key is ignored (info)",
                        () -> withPolicy(POLICY + "foo: bar\n"),
                        info("policy-unknown-field", "foo"),
                        pass("policy-valid")),
                when(
                        "P7 nmx is a near miss (warn)",
                        () -> withPolicy(POLICY + "nmx: mx3.example.com\n"),
                        warn("policy-key-near-miss", "\"nmx\"", "mx"),
                        absent("policy-unknown-field")),
                when(
                        "P7 max-age is a near miss and max_age is missing",
                        () -> withPolicy(POLICY.replace("max_age", "max-age")),
                        warn("policy-key-near-miss", "max-age"),
                        fail("policy-max-age-missing")),
                when(
                        "P8 max_age above 31557600 fails",
                        () -> withPolicy(POLICY.replace("604800", "31557601")),
                        fail("policy-max-age-too-large")),
                when(
                        "P8 max_age 0 warns",
                        () -> withPolicy(POLICY.replace("604800", "0")),
                        warn("policy-max-age-zero"),
                        pass("policy-valid")),
                when(
                        "P8 max_age under a week in enforce warns",
                        () -> withPolicy(POLICY.replace("604800", "86400")),
                        warn("policy-max-age-short", "1 day")),
                when(
                        "P8 max_age under a day in testing is info",
                        () -> withPolicy(TESTING.replace("604800", "3600")),
                        info("policy-max-age-short")),
                when(
                        "P8 max_age with a unit fails",
                        () -> withPolicy(POLICY.replace("604800", "1w")),
                        fail("policy-max-age-invalid", "unit")),
                when(
                        "P9 a comma-separated mx list fails",
                        () -> withPolicy(POLICY.replace("mx: mx1.example.com", "mx: mx1.example.com, mx3.example.com")),
                        fail("policy-mx-list", "own \"mx:\" line")),
                when(
                        "P10 a U-label fails",
                        () -> withPolicy(POLICY + "mx: mail.bücher.example\n"),
                        fail("policy-mx-u-label", "xn--bcher-kva")),
                when(
                        "P11 an IP address fails",
                        () -> withPolicy(POLICY + "mx: 192.0.2.25\n"),
                        fail("policy-mx-ip-address")),
                when(
                        "P11 a misplaced wildcard fails",
                        () -> withPolicy(POLICY + "mx: mail*.example.com\n"),
                        fail("policy-mx-wildcard-misplaced", "exactly one label")),
                when(
                        "P11 an underscore fails",
                        () -> withPolicy(POLICY + "mx: mx_3.example.com\n"),
                        fail("policy-mx-invalid", "underscore")),
                when(
                        "P11 a trailing dot warns",
                        () -> withPolicy(POLICY + "mx: mx3.example.com.\n"),
                        warn("policy-mx-trailing-dot"),
                        pass("policy-valid")),
                when(
                        "P12 a byte order mark fails",
                        () -> withPolicy("\uFEFF" + POLICY),
                        fail("policy-bom", "byte order mark")),
                when(
                        "P12 a NUL byte fails",
                        () -> withPolicy(POLICY + "note: a\u0000\n"),
                        fail("policy-control-character", "0x00")),
                when("C5 mode testing is info", () -> withPolicy(TESTING), info("policy-mode-testing")),
                when(
                        "C8 testing without a TLS-RPT record warns",
                        () -> withPolicy(TESTING).txt(TLSRPT, LookupResult.notFound(NotFoundKind.NXDOMAIN, "NXDOMAIN")),
                        warn("policy-no-tlsrpt", "testing mode", "nobody sees")),
                when(
                        "C8 enforce with an invalid TLS-RPT record warns",
                        () -> healthy().txt(TLSRPT, "v=TLSRPTv1; rua=mailto:tlsrpt@example.com!10m"),
                        warn("policy-no-tlsrpt", "enforce mode")),
                when("C8 enforce with a valid TLS-RPT record is fine", () -> healthy(), absent("policy-no-tlsrpt")),
                when(
                        "C8 mode none needs no TLS-RPT record",
                        () -> withPolicy(policy("version: STSv1", "mode: none", "max_age: 86400"))
                                .txt(TLSRPT, LookupResult.notFound(NotFoundKind.NXDOMAIN, "NXDOMAIN")),
                        absent("policy-no-tlsrpt")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reports(String name, Supplier<FakeDomainContext.Builder> setup, List<Expect> expectations) {
        List<Finding> findings =
                Fixtures.findings(new PolicySyntaxCheck(), setup.get().build());

        expectations.forEach(expectation -> expectation.check(findings));
        assertThat(findings).allSatisfy(finding -> assertThat(finding.code()).startsWith("policy-"));
    }

    @Test
    void latin1BytesAreNotUtf8() {
        byte[] body = (POLICY + "note: caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        FakeDomainContext context = healthy()
                .policyFile(FakeResponses.policy(DOMAIN, "").body(body).found())
                .build();

        fail("policy-not-utf8", "not valid UTF-8").check(Fixtures.findings(new PolicySyntaxCheck(), context));
    }

    @Test
    void skippedWhenNoBodyWasFetched() {
        FakeDomainContext context = healthy()
                .policyFile(FakeResponses.policy(DOMAIN, POLICY).status(404).found())
                .build();

        assertThat(new PolicySyntaxCheck().run(context))
                .isInstanceOfSatisfying(CheckResult.Skipped.class, skipped -> assertThat(skipped.reason())
                        .contains("HTTP 404"));
    }

    @Test
    void skippedWhenTheBodyIsTruncated() {
        FakeDomainContext context = healthy()
                .policyFile(FakeResponses.policy(DOMAIN, POLICY).truncated(true).found())
                .build();

        assertThat(new PolicySyntaxCheck().run(context)).isInstanceOf(CheckResult.Skipped.class);
    }

    @Test
    void parsedEvenWhenTheCertificateIsBad() {
        FakeDomainContext context = healthy()
                .policyFile(FakeResponses.policy(DOMAIN, POLICY.replace("enforce", "Enforce"))
                        .nameMatches(false)
                        .found())
                .build();

        fail("policy-mode-invalid").check(Fixtures.findings(new PolicySyntaxCheck(), context));
    }

    @Test
    void lineEndingFixTakesFiveMinutes() {
        FixTime fixTime = fixTime(withPolicy(POLICY.replace("\n", "\r")).build(), "policy-bare-cr");

        assertThat(fixTime.text()).isEqualTo("5 minutes");
        assertThat(fixTime.work()).hasMinutes(5);
        assertThat(fixTime.waiting()).isZero();
    }

    @Test
    void mxFixIsTenMinutesPlusIdBumpWithTheRealTtl() {
        FakeDomainContext context = withPolicy(POLICY + "mx: 192.0.2.25\n")
                .txt(STS, Fixtures.txt(STS, 300, List.of("v=STSv1; id=" + Fixtures.ID)))
                .build();

        FixTime fixTime = fixTime(context, "policy-mx-ip-address");

        assertThat(fixTime.text())
                .isEqualTo("10 min change + id bump (senders see the new id within the TXT TTL, up to 5 min)");
        assertThat(fixTime.work()).hasMinutes(10);
        assertThat(fixTime.waiting()).hasSeconds(300);
    }

    @Test
    void listRemediationPutsEachHostOnItsOwnLine() {
        FakeDomainContext context = withPolicy(
                        POLICY.replace("mx: mx1.example.com", "mx: mx1.example.com, mx3.example.com"))
                .build();

        Finding finding = Fixtures.findings(new PolicySyntaxCheck(), context).stream()
                .filter(candidate -> candidate.code().equals("policy-mx-list"))
                .findFirst()
                .orElseThrow();

        assertThat(finding.remediation().orElseThrow().action())
                .contains("mx: mx1.example.com\nmx: mx3.example.com", "v=STSv1; id=20261128T120000");
        assertThat(finding.evidence()).isEqualTo("line 3: mx: mx1.example.com, mx3.example.com");
    }

    @Test
    void missingModeRemediationCorrectsTheMisspelledLine() {
        FakeDomainContext context = withPolicy(POLICY.replace("mode:", "Mode:")).build();

        Finding finding = Fixtures.findings(new PolicySyntaxCheck(), context).stream()
                .filter(candidate -> candidate.code().equals("policy-mode-missing"))
                .findFirst()
                .orElseThrow();

        assertThat(finding.remediation().orElseThrow().action())
                .startsWith("Correct line 2 to read \"mode: enforce\".");
    }

    @Test
    void validPolicyEvidenceShowsTheBodyLineByLine() {
        Finding finding =
                Fixtures.findings(
                                new PolicySyntaxCheck(),
                                withPolicy(POLICY.replace("\n", "\r\n")).build())
                        .stream()
                        .filter(candidate -> candidate.code().equals("policy-valid"))
                        .findFirst()
                        .orElseThrow();

        assertThat(finding.evidence()).startsWith("version: STSv1\\r\nmode: enforce\\r\n");
    }

    private static FixTime fixTime(FakeDomainContext context, String code) {
        return Fixtures.findings(new PolicySyntaxCheck(), context).stream()
                .filter(finding -> finding.code().equals(code))
                .findFirst()
                .orElseThrow()
                .fixTime()
                .orElseThrow();
    }

    static Arguments when(String name, Supplier<FakeDomainContext.Builder> setup, Expect... expectations) {
        return arguments(name, setup, List.of(expectations));
    }
}
