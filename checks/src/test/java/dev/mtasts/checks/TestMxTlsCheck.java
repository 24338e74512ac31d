package dev.mtasts.checks;

import static dev.mtasts.checks.Fixtures.DOMAIN;
import static dev.mtasts.checks.Fixtures.findings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.Dane;
import dev.mtasts.spi.Fact;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.Severity;
import dev.mtasts.spi.SmtpProbe;
import dev.mtasts.spi.SmtpProbe.Outcome;
import dev.mtasts.spi.TlsDetails.Trust;
import dev.mtasts.testing.FakeDomainContext;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TestMxTlsCheck {
    private static final String MX1 = "mx1.example.com";
    private static final String MX2 = "mx2.example.com";
    private static final MxTlsCheck CHECK = new MxTlsCheck();

    /** The policy modes a domain can be in, as the check sees them. */
    enum Mode {
        ENFORCE,
        TESTING,
        NONE,
        NO_POLICY;

        FakeDomainContext.Builder context() {
            return switch (this) {
                case ENFORCE -> Fixtures.healthy();
                case TESTING -> Fixtures.withPolicy(policy("testing"));
                case NONE -> Fixtures.withPolicy(policy("none"));
                case NO_POLICY ->
                    FakeDomainContext.builder(DOMAIN)
                            .mx(DOMAIN, "10 mx1.example.com", "20 mx2.example.com")
                            .addresses(MX1, "192.0.2.10")
                            .addresses(MX2, "192.0.2.11");
            };
        }

        private static String policy(String mode) {
            return Fixtures.policy(
                    "version: STSv1", "mode: " + mode, "mx: mx1.example.com", "mx: mx2.example.com", "max_age: 604800");
        }
    }

    /** A problem at mx2 (the backup MX, preference 20), the code it gives, and whether its severity follows the mode. */
    static Stream<Arguments> problems() {
        return Stream.of(
                problem(
                        "no STARTTLS",
                        Probes.stopped(MX2, Outcome.STARTTLS_NOT_OFFERED, "the EHLO reply does not list STARTTLS"),
                        "mx-starttls-missing",
                        true,
                        "does not offer STARTTLS"),
                problem(
                        "STARTTLS refused with 454",
                        Probes.stopped(
                                MX2,
                                Outcome.STARTTLS_REFUSED,
                                "STARTTLS is listed but was refused: 454 4.7.0 TLS not available due to local problem"),
                        "mx-starttls-refused",
                        true,
                        "454 4.7.0 TLS not available"),
                problem(
                        "handshake failure",
                        Probes.stopped(
                                MX2,
                                Outcome.TLS_HANDSHAKE_FAILED,
                                "the TLS handshake failed: Received fatal alert: handshake_failure"),
                        "mx-tls-handshake-failed",
                        true,
                        "handshake_failure"),
                problem(
                        "expired certificate",
                        Probes.established(
                                MX2,
                                Probes.tls(MX2, Trust.EXPIRED, true, "TLSv1.3", Probes.NOW.minus(Duration.ofDays(3)))),
                        "mx-cert-expired",
                        true,
                        "expired on 2026-11-25"),
                problem(
                        "untrusted certificate",
                        Probes.established(
                                MX2,
                                Probes.tls(
                                        MX2, Trust.UNTRUSTED, true, "TLSv1.3", Probes.NOW.plus(Duration.ofDays(60)))),
                        "mx-cert-untrusted",
                        true,
                        "not trusted"),
                problem(
                        "certificate for another name",
                        Probes.established(
                                MX2,
                                Probes.tls(MX2, Trust.TRUSTED, false, "TLSv1.3", Probes.NOW.plus(Duration.ofDays(60)))),
                        "mx-cert-name-mismatch",
                        true,
                        "not valid for mx2.example.com: its names are other.example.net, www.example.net"),
                problem(
                        "hang after the banner",
                        Probes.stopped(
                                MX2,
                                Outcome.REPLY_TIMEOUT,
                                "the server greeted, then sent no reply to EHLO within 8 s"),
                        "mx-smtp-timeout",
                        true,
                        "no reply to EHLO"),
                problem(
                        "garbage banner",
                        Probes.stopped(
                                MX2,
                                Outcome.GREETING_MALFORMED,
                                "the greeting is not SMTP: 'SSH-2.0-OpenSSH_9.6' is not an SMTP reply line"),
                        "mx-banner-garbage",
                        true,
                        "does not speak SMTP: 'SSH-2.0-OpenSSH_9.6'"),
                problem(
                        "connection refused",
                        LookupResult.failed(
                                FailureKind.CONNECTION_REFUSED,
                                "mx2.example.com refused connections on port 25 (192.0.2.11: connection refused)"),
                        "mx-connection-refused",
                        true,
                        "refuses connections on port 25"),
                problem(
                        "TLS 1.0 only",
                        Probes.stopped(
                                MX2,
                                Outcome.TLS_VERSION_TOO_OLD,
                                "the server chose TLS 1.0 and nothing newer; RFC 8461 §7.2 requires TLS 1.2 or later"),
                        "mx-tls-old",
                        false,
                        "TLS 1.0"),
                problem(
                        "TLS 1.1 negotiated",
                        Probes.established(
                                MX2,
                                Probes.tls(MX2, Trust.TRUSTED, true, "TLSv1.1", Probes.NOW.plus(Duration.ofDays(60)))),
                        "mx-tls-old",
                        false,
                        "negotiated TLSv1.1"),
                problem(
                        "certificate expiring in 5 days",
                        Probes.established(
                                MX2,
                                Probes.tls(MX2, Trust.TRUSTED, true, "TLSv1.3", Probes.NOW.plus(Duration.ofDays(5)))),
                        "mx-cert-expiring",
                        false,
                        "expires in 5 days"),
                problem(
                        "greeting refusing service",
                        Probes.stopped(
                                MX2,
                                Outcome.GREETING_REJECTED,
                                "the server refuses service in its greeting: 554 5.7.1 no service"),
                        "mx-banner-rejected",
                        false,
                        "554 5.7.1 no service"),
                problem(
                        "silent after connect",
                        Probes.stopped(
                                MX2,
                                Outcome.GREETING_TIMEOUT,
                                "the server accepted the connection but sent no greeting within 8 s"),
                        "mx-banner-timeout",
                        false,
                        "no greeting"),
                problem(
                        "EHLO refused",
                        Probes.stopped(MX2, Outcome.EHLO_REJECTED, "EHLO was refused: 550 5.7.1 go away"),
                        "mx-ehlo-rejected",
                        false,
                        "550 5.7.1 go away"),
                problem(
                        "closed mid-conversation",
                        Probes.stopped(MX2, Outcome.CONNECTION_CLOSED, "the server closed the connection after EHLO"),
                        "mx-connection-closed",
                        false,
                        "closed the connection"),
                problem(
                        "malformed reply",
                        Probes.stopped(
                                MX2,
                                Outcome.REPLY_MALFORMED,
                                "the reply to EHLO is not SMTP: 'HTTP/1.1 400' is not an SMTP reply line"),
                        "mx-smtp-protocol-error",
                        true,
                        "HTTP/1.1 400"),
                problem(
                        "private address",
                        LookupResult.failed(
                                FailureKind.ADDRESS_REFUSED,
                                "not probing mx2.example.com: 10.0.0.25 is a private (RFC 1918) address"),
                        "mx-address-refused",
                        false,
                        "10.0.0.25 is a private"),
                problem(
                        "one MX unreachable while the other answers",
                        LookupResult.failed(
                                FailureKind.TIMEOUT,
                                "could not reach port 25 of mx2.example.com (192.0.2.11: no answer within 5 s)"),
                        "mx-unreachable",
                        false,
                        "other MX hosts answered"));
    }

    private static Arguments problem(
            String name, LookupResult<SmtpProbe> probe, String code, boolean followsMode, String snippet) {
        return Arguments.of(name, probe, code, followsMode, snippet);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void aProblemAtTheBackupMxIsReportedWithTheSeverityOfThePolicyMode(
            String name, LookupResult<SmtpProbe> probe, String code, boolean followsMode, String snippet) {
        for (Mode mode : Mode.values()) {
            List<Finding> findings = findings(
                    CHECK,
                    mode.context().smtp(MX1, Probes.valid(MX1)).smtp(MX2, probe).build());

            Severity expected = expected(mode, followsMode);
            assertThat(findings)
                    .as("%s in %s", name, mode)
                    .filteredOn(finding -> finding.code().equals(code))
                    .singleElement()
                    .satisfies(finding -> {
                        assertThat(finding.severity()).isEqualTo(expected);
                        assertThat(finding.message())
                                .contains("mx2.example.com")
                                .contains(snippet);
                        assertThat(finding.evidence()).contains("mx2.example.com");
                        if (expected.isWorseThan(Severity.INFO)) {
                            assertThat(finding.remediation()).isPresent();
                        }
                        if (expected == Severity.INFO) {
                            assertThat(finding.remediation())
                                    .as("info carries its fix too")
                                    .isPresent();
                        }
                    });
            assertThat(findings).as("the primary MX is fine in %s", mode).anySatisfy(finding -> {
                assertThat(finding.code()).isEqualTo("mx-tls-ok");
                assertThat(finding.message()).contains(MX1);
            });
        }
    }

    private static Severity expected(Mode mode, boolean followsMode) {
        return switch (mode) {
            case ENFORCE -> followsMode ? Severity.FAIL : Severity.WARN;
            case TESTING -> Severity.WARN;
            case NONE, NO_POLICY -> Severity.INFO;
        };
    }

    @Test
    void everyMxThatWorksPassesWithTheCertificateInTheEvidence() {
        List<Finding> findings = findings(
                CHECK,
                Fixtures.healthy()
                        .smtp(MX1, Probes.valid(MX1))
                        .smtp(MX2, Probes.valid(MX2))
                        .build());

        assertThat(findings).extracting(Finding::code).containsExactly("mx-tls-ok", "mx-tls-ok");
        assertThat(findings.getFirst().message())
                .isEqualTo("MX mx1.example.com (preference 10) offers STARTTLS with TLSv1.3; its certificate is"
                        + " trusted, valid for mx1.example.com, and expires on 2027-01-27.");
        assertThat(findings.getFirst().evidence())
                .contains("MX mx1.example.com (preference 10): 192.0.2.10 port 25")
                .contains("TLS: TLSv1.3, TLS_AES_128_GCM_SHA256")
                .contains("subject: CN=mx1.example.com")
                .contains("SANs: mx1.example.com")
                .contains("issuer: " + Probes.ISSUER)
                .contains("notAfter: 2027-01-27T12:00:00Z");
    }

    @Test
    void oneCertificateWithSeveralProblemsGetsAFindingForEach() {
        List<Finding> findings = findings(
                CHECK,
                Fixtures.healthy()
                        .smtp(MX1, Probes.valid(MX1))
                        .smtp(
                                MX2,
                                Probes.established(
                                        MX2,
                                        Probes.tls(
                                                MX2,
                                                Trust.UNTRUSTED,
                                                false,
                                                "TLSv1.2",
                                                Probes.NOW.plus(Duration.ofDays(2)))))
                        .build());

        assertThat(findings)
                .extracting(Finding::code)
                .containsExactly("mx-tls-ok", "mx-cert-untrusted", "mx-cert-name-mismatch", "mx-cert-expiring");
        assertThat(findings.get(1).remediation().orElseThrow().action()).contains("full chain");
        assertThat(findings.get(2).remediation().orElseThrow().action()).contains("certbot certonly -d " + MX2);
    }

    @Test
    void whenNoMxCanBeReachedPort25IsProbablyBlockedWhereTheBotRuns() {
        LookupResult<SmtpProbe> timeout = LookupResult.failed(
                FailureKind.TIMEOUT, "could not reach port 25 of the host (192.0.2.1: no answer within 5 s)");
        List<Finding> findings = findings(
                CHECK, Fixtures.healthy().smtp(MX1, timeout).smtp(MX2, timeout).build());

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo("mx-port25-blocked");
            assertThat(finding.severity()).isEqualTo(Severity.WARN);
            assertThat(finding.message())
                    .startsWith("Could not reach port 25 of mx1.example.com, mx2.example.com: outbound SMTP may be"
                            + " blocked where the bot runs");
            assertThat(finding.evidence()).contains("MX mx1.example.com (preference 10)", "MX mx2.example.com");
        });
    }

    @Test
    void port25BlockedIsOnlyInformationWithoutAPolicy() {
        LookupResult<SmtpProbe> timeout = LookupResult.failed(FailureKind.TIMEOUT, "no answer within 5 s");
        List<Finding> findings = findings(
                CHECK,
                Mode.NO_POLICY.context().smtp(MX1, timeout).smtp(MX2, timeout).build());

        assertThat(findings)
                .extracting(Finding::code, Finding::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("mx-port25-blocked", Severity.INFO),
                        org.assertj.core.groups.Tuple.tuple("mx-tls-no-policy", Severity.INFO));
    }

    @Test
    void expiringMxCertificatesArePublishedAsATypedFactNamingTheirHosts() {
        FakeDomainContext context = Fixtures.healthy()
                .smtp(MX1, Probes.valid(MX1))
                .smtp(
                        MX2,
                        Probes.established(
                                MX2,
                                Probes.tls(MX2, Trust.TRUSTED, true, "TLSv1.3", Probes.NOW.plus(Duration.ofDays(5)))))
                .build();

        assertThat(CHECK.run(context))
                .isInstanceOfSatisfying(CheckResult.Completed.class, completed -> assertThat(completed.facts())
                        .containsExactly(new Fact.CertificateExpiring("mx-cert-expiring", List.of(MX2))));
        assertThat(CHECK.run(Fixtures.healthy()
                        .smtp(MX1, Probes.valid(MX1))
                        .smtp(MX2, Probes.valid(MX2))
                        .build()))
                .isInstanceOfSatisfying(CheckResult.Completed.class, completed -> assertThat(completed.facts())
                        .isEmpty());
    }

    @Test
    void hostsBeyondTheProbeLimitAreListedButNotProbed() {
        FakeDomainContext context = Fixtures.healthy()
                .smtpProbeLimit(1)
                .smtp(MX1, Probes.valid(MX1))
                .smtp(MX2, Probes.valid(MX2))
                .build();

        List<Finding> findings = findings(CHECK, context);

        assertThat(findings).extracting(Finding::code).containsExactly("mx-tls-ok", "mx-not-probed");
        assertThat(findings.get(1).severity()).isEqualTo(Severity.INFO);
        assertThat(findings.get(1).message())
                .contains("mx2.example.com (preference 20)")
                .contains("at most 1");
        assertThat(context.lookupCount("SMTP " + MX2)).isZero();
    }

    @Test
    void probingTurnedOffSkipsTheCheck() {
        CheckResult result = CHECK.run(Fixtures.healthy().smtpProbeLimit(0).build());

        assertThat(result).isInstanceOfSatisfying(CheckResult.Skipped.class, skipped -> assertThat(skipped.reason())
                .contains("turned off"));
    }

    @Test
    void aNullMxSkipsTheCheck() {
        CheckResult result = CHECK.run(Fixtures.healthy().mx(DOMAIN, "0 .").build());

        assertThat(result).isInstanceOfSatisfying(CheckResult.Skipped.class, skipped -> assertThat(skipped.reason())
                .contains("null MX"));
    }

    @Test
    void aFailedMxLookupSkipsTheCheck() {
        CheckResult result = CHECK.run(Fixtures.healthy()
                .mx(DOMAIN, LookupResult.failed(FailureKind.SERVER_FAILURE, "SERVFAIL"))
                .build());

        assertThat(result).isInstanceOfSatisfying(CheckResult.Skipped.class, skipped -> assertThat(skipped.reason())
                .contains("SERVFAIL"));
    }

    @Test
    void withoutMxRecordsTheDomainItselfIsProbedAsTheImplicitMx() {
        List<Finding> findings = findings(
                CHECK,
                Fixtures.healthy()
                        .mx(DOMAIN, LookupResult.notFound(LookupResult.NotFoundKind.NO_DATA, "no MX"))
                        .addresses(DOMAIN, "192.0.2.1")
                        .smtp(DOMAIN, Probes.valid(DOMAIN))
                        .build());

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo("mx-tls-ok");
            assertThat(finding.message()).contains("example.com (the implicit MX)");
        });
    }

    @Test
    void anMxWithoutAddressIsNotProbedAndLeftToMxSync() {
        FakeDomainContext context = Fixtures.healthy()
                .addresses(MX2, LookupResult.notFound(LookupResult.NotFoundKind.NXDOMAIN, "NXDOMAIN"))
                .smtp(MX1, Probes.valid(MX1))
                .build();

        List<Finding> findings = findings(CHECK, context);

        assertThat(findings).extracting(Finding::code).containsExactly("mx-tls-ok", "mx-not-probed");
        assertThat(findings.get(1).message()).contains("no A or AAAA record");
        assertThat(context.lookupCount("SMTP " + MX2)).isZero();
    }

    @Test
    void aProbeCutByTheDeadlineWarnsInEnforceMode() {
        List<Finding> findings = findings(
                CHECK,
                Fixtures.healthy()
                        .smtp(MX1, Probes.valid(MX1))
                        .smtp(MX2, LookupResult.failed(FailureKind.DEADLINE, "the domain's overall deadline passed"))
                        .build());

        assertThat(findings)
                .filteredOn(finding -> finding.code().equals("mx-not-probed"))
                .singleElement()
                .satisfies(finding -> assertThat(finding.severity()).isEqualTo(Severity.WARN));
    }

    @Test
    void inEnforceModeTheRemediationSaysHowToKeepMailFlowing() {
        List<Finding> findings = findings(
                CHECK,
                Fixtures.healthy()
                        .smtp(MX1, Probes.stopped(MX1, Outcome.STARTTLS_NOT_OFFERED, "no STARTTLS"))
                        .smtp(MX2, Probes.valid(MX2))
                        .build());

        Finding missing = findings.getFirst();
        assertThat(missing.code()).isEqualTo("mx-starttls-missing");
        assertThat(missing.message()).contains("In enforce mode MTA-STS senders refuse to deliver to it.");
        assertThat(missing.remediation().orElseThrow().action())
                .contains("smtpd_tls_security_level = may")
                .contains("switch the policy to mode: testing");
        assertThat(missing.fixTime().orElseThrow().text()).isEqualTo("30 min mail server change");
    }

    private static final List<String> TLSA = List.of("3 1 1 " + "ab".repeat(32));

    static Stream<Arguments> daneVerdicts() {
        return Stream.of(
                Arguments.of(
                        Probes.withDane(Probes.valid(MX2), new Dane(Dane.Status.MATCH, TLSA, "TLSA 3 1 1 ab matches")),
                        "mx-dane-ok",
                        Severity.PASS),
                Arguments.of(
                        Probes.withDane(
                                Probes.valid(MX2),
                                new Dane(Dane.Status.MISMATCH, TLSA, "none of the 1 usable TLSA records matches")),
                        "mx-dane-mismatch",
                        Severity.FAIL),
                Arguments.of(
                        Probes.withDane(
                                Probes.stopped(
                                        MX2, Outcome.STARTTLS_NOT_OFFERED, "the EHLO reply does not list STARTTLS"),
                                new Dane(Dane.Status.NOT_CHECKED, TLSA, "no TLS session")),
                        "mx-dane-no-tls",
                        Severity.FAIL),
                Arguments.of(
                        Probes.withDane(Probes.valid(MX2), new Dane(Dane.Status.NOT_SIGNED, TLSA, "no AD bit")),
                        "mx-dane-unsigned",
                        Severity.INFO),
                Arguments.of(
                        Probes.withDane(Probes.valid(MX2), new Dane(Dane.Status.UNUSABLE, TLSA, "only usage 1")),
                        "mx-dane-unusable",
                        Severity.INFO),
                Arguments.of(
                        Probes.withDane(Probes.valid(MX2), new Dane(Dane.Status.LOOKUP_FAILED, List.of(), "SERVFAIL")),
                        "mx-dane-lookup-failed",
                        Severity.INFO));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("daneVerdicts")
    void daneVerdictsDoNotDependOnThePolicyMode(LookupResult<SmtpProbe> probe, String code, Severity severity) {
        for (Mode mode : Mode.values()) {
            List<Finding> findings = findings(
                    CHECK,
                    mode.context().smtp(MX1, Probes.valid(MX1)).smtp(MX2, probe).build());

            assertThat(findings)
                    .as("%s in %s", code, mode)
                    .filteredOn(finding -> finding.code().equals(code))
                    .singleElement()
                    .satisfies(finding -> {
                        assertThat(finding.severity()).isEqualTo(severity);
                        assertThat(finding.message()).contains("mx2.example.com");
                    });
        }
    }

    @Test
    void aDaneMismatchFailsEvenWhenMtaStsIsSatisfied() {
        List<Finding> findings = findings(
                CHECK,
                Fixtures.healthy()
                        .smtp(MX1, Probes.valid(MX1))
                        .smtp(
                                MX2,
                                Probes.withDane(
                                        Probes.valid(MX2),
                                        new Dane(
                                                Dane.Status.MISMATCH,
                                                TLSA,
                                                "none of the 1 usable TLSA records"
                                                        + " matches the presented certificate chain")))
                        .build());

        assertThat(findings).extracting(Finding::code).containsExactly("mx-tls-ok", "mx-tls-ok", "mx-dane-mismatch");
        Finding mismatch = findings.getLast();
        assertThat(mismatch.message()).contains("MTA-STS cannot override a failing DANE check (RFC 8461 §2)");
        assertThat(mismatch.evidence()).startsWith("_25._tcp.mx2.example.com. TLSA 3 1 1 abab");
        assertThat(mismatch.remediation().orElseThrow().action()).contains("IN TLSA 3 1 1");
    }

    @Test
    void withoutAPolicyTheCheckSaysNothingChangesToday() {
        List<Finding> findings = findings(
                CHECK,
                Mode.NO_POLICY
                        .context()
                        .smtp(MX1, Probes.valid(MX1))
                        .smtp(MX2, Probes.valid(MX2))
                        .build());

        assertThat(findings).extracting(Finding::code).containsExactly("mx-tls-ok", "mx-tls-ok", "mx-tls-no-policy");
        assertThat(findings.getLast().message()).contains("has no MTA-STS policy");
    }
}
