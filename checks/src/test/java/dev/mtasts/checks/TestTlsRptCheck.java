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
import static dev.mtasts.checks.Fixtures.withPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.Fact;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.LookupResult.NotFoundKind;
import dev.mtasts.spi.Remediation;
import dev.mtasts.spi.ReportReceiver;
import dev.mtasts.testing.FakeDomainContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TestTlsRptCheck {
    private static final String LEGACY = "_smtp-tlsrpt.example.com";

    @Test
    void aRuaAtThisBotSaysWhenTheLastReportArrived() {
        FakeDomainContext context = healthy()
                .reportReceiver(new ReportReceiver(
                        List.of("mailto:TLSRPT@example.com"), Optional.of(Instant.parse("2026-11-27T12:00:00Z"))))
                .build();

        List<Finding> findings = ((dev.mtasts.spi.CheckResult.Completed) new TlsRptCheck().run(context)).findings();

        assertThat(findings)
                .filteredOn(finding -> finding.code().equals("tlsrpt-reports-received"))
                .singleElement()
                .satisfies(finding -> assertThat(finding.message())
                        .contains("come to this bot (mailto:tlsrpt@example.com)")
                        .contains("24 hours ago (2026-11-27T12:00:00Z)"));
    }

    @Test
    void sameDestinationMatchesMailtoWithoutCaseAndHttpsBelowTheBotsUrl() {
        assertThat(TlsRptCheck.sameDestination("mailto:TlsRpt@Example.com!10m", "mailto:tlsrpt@example.com"))
                .isTrue();
        assertThat(TlsRptCheck.sameDestination("mailto:other@example.com", "mailto:tlsrpt@example.com"))
                .isFalse();
        assertThat(TlsRptCheck.sameDestination("https://Bot.example/tlsrpt/example.com", "https://bot.example/tlsrpt"))
                .isTrue();
        assertThat(TlsRptCheck.sameDestination("https://bot.example/tlsrpt", "https://bot.example/tlsrpt/"))
                .isTrue();
        assertThat(TlsRptCheck.sameDestination("https://bot.example/tlsrptx", "https://bot.example/tlsrpt"))
                .isFalse();
        assertThat(TlsRptCheck.sameDestination("https://bot.example:8443/tlsrpt", "https://bot.example/tlsrpt"))
                .isFalse();
        assertThat(TlsRptCheck.sameDestination("https://bot.example/tlsrpt", "mailto:tlsrpt@bot.example"))
                .isFalse();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                when(
                        "R3/R5 a valid record passes",
                        () -> healthy(),
                        pass("tlsrpt-record-valid", "mailto:tlsrpt@example.com")),
                when(
                        "R1 no record with an enforce policy warns (C8)",
                        () -> healthy().txt(TLSRPT, nxdomain()),
                        warn("tlsrpt-record-missing", "enforce mode", "nobody is told")),
                when(
                        "R1 no record with a testing policy warns (C8)",
                        () -> withPolicy(POLICY.replace("enforce", "testing")).txt(TLSRPT, nxdomain()),
                        warn("tlsrpt-record-missing", "testing mode")),
                when(
                        "R1 no record with mode none is info",
                        () -> withPolicy(POLICY.replace("enforce", "none")).txt(TLSRPT, nxdomain()),
                        info("tlsrpt-record-missing", "optional")),
                when(
                        "R1 no record and no MTA-STS at all is info",
                        () -> FakeDomainContext.builder(DOMAIN),
                        info("tlsrpt-record-missing")),
                when(
                        "R1 only the legacy _smtp-tlsrpt name fails",
                        () -> healthy()
                                .txt(TLSRPT, nxdomain())
                                .txt(LEGACY, "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"),
                        fail("tlsrpt-wrong-location", "drafts of RFC 8460"),
                        warn("tlsrpt-record-missing")),
                when(
                        "R1 a legacy leftover next to a valid record warns",
                        () -> healthy().txt(LEGACY, "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"),
                        warn("tlsrpt-wrong-location", "does nothing"),
                        pass("tlsrpt-record-valid")),
                when(
                        "R1 a record at the apex only fails",
                        () -> healthy()
                                .txt(TLSRPT, nxdomain())
                                .txt(DOMAIN, "v=spf1 -all", "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"),
                        fail("tlsrpt-wrong-location", "example.com itself")),
                when(
                        "R1 a CNAME chain is shown",
                        () -> healthy()
                                .txt(
                                        TLSRPT,
                                        Fixtures.txtVia(
                                                TLSRPT,
                                                List.of("_smtp._tls.reports.example.net"),
                                                "v=TLSRPTv1; rua=https://reports.example.net/v1")),
                        info("tlsrpt-cname", "_smtp._tls.reports.example.net"),
                        pass("tlsrpt-record-valid")),
                when(
                        "R1 a dangling CNAME fails",
                        () -> healthy()
                                .txt(TLSRPT, LookupResult.notFound(NotFoundKind.DANGLING_CNAME, "target missing")),
                        fail("tlsrpt-cname-broken")),
                when(
                        "R1 a failed lookup warns",
                        () -> healthy().txt(TLSRPT, LookupResult.failed(FailureKind.TIMEOUT, "timed out")),
                        warn("tlsrpt-lookup-failed")),
                when(
                        "R2 v=tlsrptv1 in lower case is discarded",
                        () -> healthy().txt(TLSRPT, "v=tlsrptv1; rua=mailto:tlsrpt@example.com"),
                        fail("tlsrpt-malformed-version", "case-sensitive"),
                        absent("tlsrpt-record-valid")),
                when(
                        "R2 a look-alike alone is replaced, keeping its rua",
                        () -> healthy().txt(TLSRPT, "v = TLSRPTv1; rua=mailto:reports@example.org"),
                        fail("tlsrpt-malformed-version", "Reporters see no TLS-RPT record")),
                when(
                        "R2 whitespace around = fails",
                        () -> healthy().txt(TLSRPT, "v=TLSRPTv1; rua = mailto:tlsrpt@example.com"),
                        fail("tlsrpt-record-syntax", "around \"=\"")),
                when(
                        "R3 two records fail",
                        () -> healthy()
                                .txt(
                                        TLSRPT,
                                        "v=TLSRPTv1; rua=mailto:a@example.com",
                                        "v=TLSRPTv1; rua=mailto:b@example.com"),
                        fail("tlsrpt-record-multiple", "two v=TLSRPTv1 records")),
                when(
                        "R3 an unrelated TXT record is info",
                        () -> healthy().txt(TLSRPT, "v=TLSRPTv1; rua=mailto:a@example.com", "verification=123"),
                        info("tlsrpt-unrelated-txt"),
                        pass("tlsrpt-record-valid")),
                when(
                        "R3 a space before the first semicolon warns",
                        () -> healthy().txt(TLSRPT, "v=TLSRPTv1 ; rua=mailto:a@example.com"),
                        warn("tlsrpt-space-before-semicolon"),
                        pass("tlsrpt-record-valid")),
                when(
                        "R4 strings are concatenated without spaces",
                        () -> healthy()
                                .txt(
                                        TLSRPT,
                                        Fixtures.txt(
                                                TLSRPT,
                                                3600,
                                                List.of("v=TLSRPTv1; rua=mailto:tls", "rpt@example.com"))),
                        info("tlsrpt-split-strings", "mailto:tlsrpt@example.com"),
                        pass("tlsrpt-record-valid")),
                when(
                        "R5 rua missing fails",
                        () -> healthy().txt(TLSRPT, "v=TLSRPTv1; ruf=mailto:a@example.com"),
                        fail("tlsrpt-rua-missing"),
                        info("tlsrpt-extension")),
                when(
                        "R6 only an http: URI fails",
                        () -> healthy().txt(TLSRPT, "v=TLSRPTv1; rua=http://r.example.net/"),
                        fail("tlsrpt-rua-unsupported-scheme", "mailto: or https:")),
                when(
                        "R6 an http: URI next to mailto: warns",
                        () -> healthy().txt(TLSRPT, "v=TLSRPTv1; rua=mailto:a@example.com,http://r.example.net/"),
                        warn("tlsrpt-rua-unsupported-scheme", "http:"),
                        pass("tlsrpt-record-valid")),
                when(
                        "R6 an address without mailto: fails",
                        () -> healthy().txt(TLSRPT, "v=TLSRPTv1; rua=tlsrpt@example.com"),
                        fail("tlsrpt-rua-invalid", "not a URI")),
                when(
                        "R7 a DMARC-style !10m suffix fails",
                        () -> healthy().txt(TLSRPT, "v=TLSRPTv1; rua=mailto:tlsrpt@example.com!10m"),
                        fail("tlsrpt-rua-unencoded", "!10m"),
                        absent("tlsrpt-record-valid")),
                when(
                        "R8 repeated rua fields are info",
                        () -> healthy().txt(TLSRPT, "v=TLSRPTv1; rua=mailto:a@example.com; rua=https://r.example.net/"),
                        info("tlsrpt-rua-multiple"),
                        pass("tlsrpt-record-valid", "mailto:a@example.com, https://r.example.net/")),
                when(
                        "R9 an extension is info",
                        () -> healthy().txt(TLSRPT, "v=TLSRPTv1; ext=1; rua=mailto:a@example.com"),
                        info("tlsrpt-extension", "ext=1"),
                        pass("tlsrpt-record-valid")),
                when(
                        "R9 a malformed extension fails",
                        () -> healthy().txt(TLSRPT, "v=TLSRPTv1; rua=mailto:a@example.com; x=a=b"),
                        fail("tlsrpt-record-syntax")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reports(String name, Supplier<FakeDomainContext.Builder> setup, List<Expect> expectations) {
        List<Finding> findings =
                Fixtures.findings(new TlsRptCheck(), setup.get().build());

        expectations.forEach(expectation -> expectation.check(findings));
        assertThat(findings).allSatisfy(finding -> assertThat(finding.code()).startsWith("tlsrpt-"));
    }

    @Test
    void publishesWhatTheRecordAmountsToAsATypedFact() {
        assertThat(publication(healthy())).isEqualTo(Fact.TlsRptRecord.Publication.VALID);
        assertThat(publication(healthy().txt(TLSRPT, nxdomain()))).isEqualTo(Fact.TlsRptRecord.Publication.MISSING);
        assertThat(publication(healthy().txt(TLSRPT, "v=TLSRPTv1; rua=mailto:a@example.com; x=a=b")))
                .isEqualTo(Fact.TlsRptRecord.Publication.INVALID);
        assertThat(publication(healthy().txt(TLSRPT, "v = TLSRPTv1; rua=mailto:reports@example.org")))
                .isEqualTo(Fact.TlsRptRecord.Publication.INVALID);
    }

    private static Fact.TlsRptRecord.Publication publication(FakeDomainContext.Builder setup) {
        CheckResult result = new TlsRptCheck().run(setup.build());
        assertThat(result).isInstanceOf(CheckResult.Completed.class);
        return ((CheckResult.Completed) result)
                .facts().stream()
                        .filter(Fact.TlsRptRecord.class::isInstance)
                        .map(Fact.TlsRptRecord.class::cast)
                        .findFirst()
                        .orElseThrow()
                        .publication();
    }

    @Test
    void healthyRecordIsClean() {
        Expect.clean(Fixtures.findings(new TlsRptCheck(), healthy().build()));
    }

    @Test
    void sizeSuffixRemediationDropsTheSuffix() {
        FakeDomainContext context = healthy()
                .txt(TLSRPT, Fixtures.txt(TLSRPT, 7200, List.of("v=TLSRPTv1; rua=mailto:tlsrpt@example.com!10m")))
                .build();

        Remediation remediation = Fixtures.findings(new TlsRptCheck(), context).stream()
                .filter(finding -> finding.code().equals("tlsrpt-rua-unencoded"))
                .findFirst()
                .orElseThrow()
                .remediation()
                .orElseThrow();

        assertThat(remediation.action())
                .contains("_smtp._tls.example.com. 7200 IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@example.com\"");
        assertThat(remediation.fixTime().text()).isEqualTo("5 min change + DNS TTL (up to 2 h)");
    }

    @Test
    void lookAlikeRemediationKeepsItsReportAddress() {
        FakeDomainContext context = healthy()
                .txt(TLSRPT, "v = TLSRPTv1; rua=mailto:reports@example.org")
                .build();

        assertThat(Fixtures.findings(new TlsRptCheck(), context).stream()
                        .filter(finding -> finding.code().equals("tlsrpt-malformed-version"))
                        .findFirst()
                        .orElseThrow()
                        .remediation()
                        .orElseThrow()
                        .action())
                .isEqualTo("Replace it with _smtp._tls.example.com. 3600 IN TXT"
                        + " \"v=TLSRPTv1; rua=mailto:reports@example.org\".");
    }

    @Test
    void missingRecordRemediationNamesTheRecord() {
        FakeDomainContext context =
                healthy().txt(TLSRPT, nxdomain()).txt(STS, "v=STSv1; id=1").build();

        Remediation remediation = Fixtures.findings(new TlsRptCheck(), context).stream()
                .filter(finding -> finding.code().equals("tlsrpt-record-missing"))
                .findFirst()
                .orElseThrow()
                .remediation()
                .orElseThrow();

        assertThat(remediation.action())
                .contains("_smtp._tls.example.com. 3600 IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@example.com\"");
    }

    private static <T> LookupResult<T> nxdomain() {
        return LookupResult.notFound(NotFoundKind.NXDOMAIN, "no such name (NXDOMAIN)");
    }

    static Arguments when(String name, Supplier<FakeDomainContext.Builder> setup, Expect... expectations) {
        return arguments(name, setup, List.of(expectations));
    }
}
