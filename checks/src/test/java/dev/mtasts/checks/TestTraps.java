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

import dev.mtasts.spi.Finding;
import dev.mtasts.spi.SenderView;
import dev.mtasts.spi.SenderView.Outcome;
import dev.mtasts.testing.FakeDomainContext;
import dev.mtasts.testing.FakeResponses;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The traps other tools fall into (rules document §3.3, the differential table, and §3.4, where tools disagree),
 * each run through every check and the sender view. §3.4 item 16 (DANE precedence) belongs to the MX TLS check.
 */
final class TestTraps {
    private static final String SHA_256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    static Stream<Arguments> traps() {
        return Stream.of(
                trap(
                        "3.3 an all-LF policy is valid",
                        () -> withPolicy(POLICY),
                        Outcome.VALID,
                        pass("policy-valid"),
                        info("policy-line-endings", "LF")),
                trap(
                        "3.3 an all-CRLF policy is valid",
                        () -> withPolicy(POLICY.replace("\n", "\r\n")),
                        Outcome.VALID,
                        pass("policy-valid")),
                trap(
                        "3.3 mixed CRLF/LF is valid (checkdmarc errors), a warning only",
                        () -> withPolicy(POLICY.replaceFirst("\n", "\r\n")),
                        Outcome.VALID,
                        warn("policy-line-endings-mixed"),
                        pass("policy-valid")),
                trap(
                        "3.3 mode testing then enforce: testing wins (Snawoot keeps the last)",
                        () -> withPolicy(POLICY.replace("mode: enforce", "mode: testing\nmode: enforce")),
                        Outcome.VALID,
                        warn("policy-duplicate-field", "testing, then enforce")),
                trap(
                        "3.3 an unknown key is ignored (checkdmarc: Unexpected key)",
                        () -> withPolicy(POLICY + "foo: bar\n"),
                        Outcome.VALID,
                        info("policy-unknown-field")),
                trap(
                        "3.3 an extension x-url: https://x is valid (checkdmarc errors)",
                        () -> withPolicy(POLICY + "x-url: https://x\n"),
                        Outcome.VALID,
                        info("policy-unknown-field", "x-url")),
                trap(
                        "3.3 mode none without mx is valid",
                        () -> withPolicy(policy("version: STSv1", "mode: none", "max_age: 86400")),
                        Outcome.VALID,
                        absent("policy-mx-missing")),
                trap(
                        "3.3 max_age 31557601 is invalid",
                        () -> withPolicy(POLICY.replace("604800", "31557601")),
                        Outcome.FETCH_ERROR,
                        fail("policy-max-age-too-large")),
                trap(
                        "3.3 a line starting with a space is invalid (checkdmarc strips it)",
                        () -> withPolicy(POLICY.replace("mode:", " mode:")),
                        Outcome.FETCH_ERROR,
                        fail("policy-line-leading-whitespace"),
                        fail("policy-mode-missing")),
                trap(
                        "3.3 Mode: enforce leaves mode missing",
                        () -> withPolicy(POLICY.replace("mode:", "Mode:")),
                        Outcome.FETCH_ERROR,
                        fail("policy-mode-missing"),
                        warn("policy-key-near-miss")),
                trap(
                        "3.3 mx: a, b is invalid (checkdmarc and Snawoot accept it)",
                        () -> withPolicy(POLICY.replace("mx: mx1.example.com", "mx: mx1.example.com, mx3.example.com")),
                        Outcome.FETCH_ERROR,
                        fail("policy-mx-list"),
                        fail("mx-unmatched", "mx1.example.com")),
                trap(
                        "3.3 TXT id=abc; id=def: abc wins (Snawoot keeps def)",
                        () -> healthy().txt(STS, "v=STSv1; id=abc; id=def"),
                        Outcome.VALID,
                        warn("sts-record-id-duplicate")),
                trap(
                        "3.3 TXT id=2024-01-01T00:00:00Z is invalid (Snawoot accepts it)",
                        () -> healthy().txt(STS, "v=STSv1; id=2024-01-01T00:00:00Z"),
                        Outcome.NONE,
                        fail("sts-record-id-invalid")),
                trap(
                        "3.3 a 64-character id is invalid (checkdmarc and Snawoot accept it)",
                        () -> healthy().txt(STS, "v=STSv1; id=" + SHA_256),
                        Outcome.NONE,
                        fail("sts-record-id-invalid")),
                trap(
                        "3.3 *.example.com does not match foo.bar.example.com (checkdmarc matches)",
                        () -> withPolicy(policy(
                                        "version: STSv1", "mode: enforce", "mx: *.example.com", "max_age: 604800"))
                                .mx(DOMAIN, "10 foo.bar.example.com")
                                .addresses("foo.bar.example.com", "192.0.2.50"),
                        Outcome.VALID,
                        fail("mx-unmatched", "exactly one label")),
                trap(
                        "3.3 mail.example.com does not match xmail.example.com",
                        () -> withPolicy(policy(
                                        "version: STSv1", "mode: enforce", "mx: mail.example.com", "max_age: 604800"))
                                .mx(DOMAIN, "10 xmail.example.com")
                                .addresses("xmail.example.com", "192.0.2.51"),
                        Outcome.VALID,
                        fail("mx-unmatched", "xmail.example.com")),
                trap(
                        "3.3 mail.example.com does not match mail.example.com.evil.net",
                        () -> withPolicy(policy(
                                        "version: STSv1", "mode: enforce", "mx: mail.example.com", "max_age: 604800"))
                                .mx(DOMAIN, "10 mail.example.com.evil.net")
                                .addresses("mail.example.com.evil.net", "192.0.2.52"),
                        Outcome.VALID,
                        fail("mx-unmatched", "mail.example.com.evil.net")),
                trap(
                        "3.3 text/plain; charset=iso-8859-1: the type is right, the charset warns",
                        () -> healthy()
                                .policyFile(FakeResponses.policy(DOMAIN, POLICY)
                                        .contentType("text/plain; charset=iso-8859-1")
                                        .found()),
                        Outcome.VALID,
                        warn("policy-charset"),
                        absent("policy-content-type")),
                trap(
                        "3.4.1 LF is never flagged as an error",
                        () -> withPolicy(POLICY),
                        Outcome.VALID,
                        absent("policy-line-endings-mixed"),
                        absent("policy-bare-cr")),
                trap(
                        "3.4.2 text/html fails (project decision: widely deployed senders reject it)",
                        () -> healthy()
                                .policyFile(FakeResponses.policy(DOMAIN, POLICY)
                                        .contentType("text/html")
                                        .found()),
                        Outcome.FETCH_ERROR,
                        fail("policy-content-type", "SHOULD")),
                trap(
                        "3.4.3 a redirect is never followed (checkdmarc follows it)",
                        () -> healthy()
                                .policyFile(FakeResponses.policy(DOMAIN, POLICY)
                                        .redirect(302, "https://example.com/.well-known/mta-sts.txt")
                                        .found()),
                        Outcome.FETCH_ERROR,
                        fail("policy-fetch-redirect", "https://example.com/.well-known/mta-sts.txt")),
                trap(
                        "3.4.4 max_age above one year fails",
                        () -> withPolicy(POLICY.replace("604800", "63115200")),
                        Outcome.FETCH_ERROR,
                        fail("policy-max-age-too-large")),
                trap(
                        "3.4.5 max_age 0 is allowed: a warning, not a failure",
                        () -> withPolicy(POLICY.replace("604800", "0")),
                        Outcome.VALID,
                        warn("policy-max-age-zero"),
                        absent("policy-max-age-invalid")),
                trap(
                        "3.4.6 unknown fields are ignored in the TXT, the policy and TLS-RPT",
                        () -> withPolicy(POLICY + "x-note: hi\n")
                                .txt(STS, "v=STSv1; id=abc; ext=1")
                                .txt(TLSRPT, "v=TLSRPTv1; ext=2; rua=mailto:tlsrpt@example.com"),
                        Outcome.VALID,
                        info("sts-record-extension"),
                        info("policy-unknown-field"),
                        info("tlsrpt-extension")),
                trap(
                        "3.4.7 duplicate max_age: the first wins",
                        () -> withPolicy(POLICY.replace("max_age: 604800", "max_age: 1209600\nmax_age: 604800")),
                        Outcome.VALID,
                        warn("policy-duplicate-field", "first wins (1209600)")),
                trap(
                        "3.4.8 an unrelated TXT at _mta-sts does not break discovery (checkdmarc, go-mtasts)",
                        () -> healthy().txt(STS, "site-verification=abc", "v=STSv1; id=abc"),
                        Outcome.VALID,
                        info("sts-record-unrelated-txt"),
                        pass("sts-record-valid")),
                trap(
                        "3.4.9 mx is not required in mode none (aykevl, Mimecast require it)",
                        () -> withPolicy(policy("version: STSv1", "mode: none", "max_age: 86400")),
                        Outcome.VALID,
                        pass("policy-valid")),
                trap(
                        "3.4.10 a wildcard covers exactly one label (checkdmarc, Mimecast: several)",
                        () -> withPolicy(policy(
                                        "version: STSv1", "mode: enforce", "mx: *.example.com", "max_age: 604800"))
                                .mx(DOMAIN, "10 a.example.com", "20 b.c.example.com")
                                .addresses("a.example.com", "192.0.2.60")
                                .addresses("b.c.example.com", "192.0.2.61"),
                        Outcome.VALID,
                        fail("mx-unmatched", "b.c.example.com")),
                trap(
                        "3.4.11 version not first is only a hint (Google asks for it first)",
                        () -> withPolicy(policy(
                                "mode: enforce",
                                "mx: mx1.example.com",
                                "mx: mx2.example.com",
                                "max_age: 604800",
                                "version: STSv1")),
                        Outcome.VALID,
                        info("policy-version-not-first"),
                        pass("policy-valid")),
                trap(
                        "3.4.12 a body over 64 KiB fails",
                        () -> healthy()
                                .policyFile(FakeResponses.policy(DOMAIN, POLICY)
                                        .truncated(true)
                                        .found()),
                        Outcome.FETCH_ERROR,
                        fail("policy-too-large")),
                trap(
                        "3.4.13 the id is 1 to 32 letters and digits (four tools skip this)",
                        () -> healthy().txt(STS, "v=STSv1; id=abc_def"),
                        Outcome.NONE,
                        fail("sts-record-id-invalid", "\"_\"")),
                trap(
                        "3.4.14 repeated TLS-RPT rua fields are fine (checkdmarc errors)",
                        () -> healthy().txt(TLSRPT, "v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com"),
                        Outcome.VALID,
                        info("tlsrpt-rua-multiple"),
                        pass("tlsrpt-record-valid")),
                trap(
                        "3.4.15 TLS-RPT field order is free (Internet.nl needs rua first)",
                        () -> healthy().txt(TLSRPT, "v=TLSRPTv1; x=1; rua=mailto:a@example.com"),
                        Outcome.VALID,
                        pass("tlsrpt-record-valid"),
                        absent("tlsrpt-record-syntax")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traps")
    void avoidsTheTrap(
            String name, Supplier<FakeDomainContext.Builder> setup, Outcome outcome, List<Expect> expectations) {
        FakeDomainContext context = setup.get().build();

        List<Finding> findings = Fixtures.allFindings(context);
        SenderView view = new MtaStsSenderAnalyzer().analyze(context);

        expectations.forEach(expectation -> expectation.check(findings));
        assertThat(view.outcome()).as(view.explanation()).isEqualTo(outcome);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firstWins")
    void firstDuplicateWinsForSenders(
            String name, Supplier<FakeDomainContext.Builder> setup, SenderView.Policy policy) {
        assertThat(new MtaStsSenderAnalyzer().analyze(setup.get().build()).policy())
                .isEqualTo(Optional.of(policy));
    }

    static Stream<Arguments> firstWins() {
        return Stream.of(
                arguments(
                        "3.3 TXT id=abc; id=def: the policy id is abc",
                        (Supplier<FakeDomainContext.Builder>) () -> healthy().txt(STS, "v=STSv1; id=abc; id=def"),
                        new SenderView.Policy("abc", "enforce", 604800, List.of("mx1.example.com", "mx2.example.com"))),
                arguments(
                        "3.3 mode testing then enforce: the mode is testing",
                        (Supplier<FakeDomainContext.Builder>)
                                () -> withPolicy(POLICY.replace("mode: enforce", "mode: testing\nmode: enforce")),
                        new SenderView.Policy(
                                Fixtures.ID, "testing", 604800, List.of("mx1.example.com", "mx2.example.com"))));
    }

    private static Arguments trap(
            String name, Supplier<FakeDomainContext.Builder> setup, Outcome outcome, Expect... expectations) {
        return arguments(name, setup, outcome, List.of(expectations));
    }
}
