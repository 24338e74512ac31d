package dev.mtasts.checks;

import static dev.mtasts.checks.Expect.absent;
import static dev.mtasts.checks.Expect.fail;
import static dev.mtasts.checks.Expect.info;
import static dev.mtasts.checks.Expect.pass;
import static dev.mtasts.checks.Expect.warn;
import static dev.mtasts.checks.Fixtures.DOMAIN;
import static dev.mtasts.checks.Fixtures.STS;
import static dev.mtasts.checks.Fixtures.healthy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mtasts.spi.Finding;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.LookupResult.NotFoundKind;
import dev.mtasts.spi.Remediation;
import dev.mtasts.testing.FakeDomainContext;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TestDnsRecordCheck {
    private static final String SHA_256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    static Stream<Arguments> cases() {
        return Stream.of(
                when(
                        "T5 one valid record passes",
                        () -> healthy(),
                        pass("sts-record-valid"),
                        absent("sts-record-missing")),
                when(
                        "T1 absent record is fail",
                        () -> healthy().txt(STS, nxdomain()),
                        fail("sts-record-missing", "not deployed")),
                when(
                        "T1 absent record while mta-sts.<d> serves a policy is louder",
                        () -> healthy().txt(STS, nxdomain()),
                        fail("sts-record-missing", "never fetch the policy", "mode enforce")),
                when(
                        "T1 absent record and no policy host",
                        () -> healthy().txt(STS, nxdomain()).policyFile(nxdomain()),
                        fail("sts-record-missing", "never look for a policy")),
                when(
                        "T1 only unrelated TXT records at _mta-sts",
                        () -> healthy().txt(STS, "site-verification=abc"),
                        fail("sts-record-missing", "none of the TXT records"),
                        info("sts-record-unrelated-txt")),
                when(
                        "T1 a server failure of the lookup is fail",
                        () -> healthy().txt(STS, LookupResult.failed(FailureKind.SERVER_FAILURE, "SERVFAIL")),
                        fail("sts-record-lookup-failed", "SERVFAIL")),
                when(
                        "T1 a timeout of the lookup is warn",
                        () -> healthy().txt(STS, LookupResult.failed(FailureKind.TIMEOUT, "timed out after 5 s")),
                        warn("sts-record-lookup-failed", "could not be checked")),
                when(
                        "T2 a non-ASCII byte fails",
                        () -> healthy().txt(STS, "v=STSv1; id=abc; x=caf\u00e9"),
                        fail("sts-record-not-ascii", "US-ASCII"),
                        absent("sts-record-valid")),
                when(
                        "T3 strings are concatenated without spaces",
                        () -> healthy().txt(STS, Fixtures.txt(STS, 3600, List.of("v=STSv1; id=2026", "1101T000000"))),
                        pass("sts-record-valid"),
                        info("sts-record-split-strings", "without spaces", "\"v=STSv1; id=20261101T000000\"")),
                when(
                        "T4 an unrelated TXT record next to the record is info",
                        () -> healthy().txt(STS, "v=STSv1; id=abc", "google-site-verification=xyz"),
                        pass("sts-record-valid"),
                        info("sts-record-unrelated-txt", "no harm")),
                when(
                        "T5 two v=STSv1 records fail",
                        () -> healthy().txt(STS, "v=STSv1; id=abc", "v=STSv1; id=def"),
                        fail("sts-record-multiple", "two v=STSv1 records", "use none"),
                        absent("sts-record-valid")),
                when(
                        "T5 two identical v=STSv1 records still fail",
                        () -> healthy().txt(STS, "v=STSv1; id=abc", "v=STSv1; id=abc"),
                        fail("sts-record-multiple")),
                when(
                        "T6 v=stsv1 in lower case is discarded",
                        () -> healthy().txt(STS, "v=stsv1; id=abc"),
                        fail("sts-record-malformed-version", "case-sensitive"),
                        absent("sts-record-valid"),
                        absent("sts-record-missing")),
                when(
                        "T6 a leading space is discarded",
                        () -> healthy().txt(STS, " v=STSv1; id=abc"),
                        fail("sts-record-malformed-version", "whitespace")),
                when(
                        "T6 spaces around = are discarded",
                        () -> healthy().txt(STS, "v = STSv1; id=abc"),
                        fail("sts-record-malformed-version", "around \"=\"")),
                when(
                        "T6 the version not first is discarded",
                        () -> healthy().txt(STS, "id=abc; v=STSv1"),
                        fail("sts-record-malformed-version", "not the first field")),
                when(
                        "T6 a look-alike next to a valid record warns",
                        () -> healthy().txt(STS, "v=STSv1; id=abc", "v=stsv1; id=def"),
                        warn("sts-record-malformed-version"),
                        pass("sts-record-valid")),
                when(
                        "T5/T6 a look-alike next to two v=STSv1 records: delete it (warn)",
                        () -> healthy().txt(STS, "v=STSv1; id=a", "v=STSv1; id=b", "v=stsv1; id=c"),
                        warn("sts-record-malformed-version", "decides"),
                        fail("sts-record-multiple")),
                when(
                        "T7 a space before the first semicolon warns (EID 6285)",
                        () -> healthy().txt(STS, "v=STSv1 ; id=abc"),
                        warn("sts-record-space-before-semicolon", "erratum 6285"),
                        pass("sts-record-valid")),
                when("T8 id missing fails", () -> healthy().txt(STS, "v=STSv1;"), fail("sts-record-id-missing")),
                when(
                        "T8 id with dashes parses as extension: record invalid",
                        () -> healthy().txt(STS, "v=STSv1; id=2024-01-01"),
                        fail("sts-record-id-invalid", "extension field named id"),
                        absent("sts-record-valid")),
                when(
                        "T8 an ISO timestamp id is invalid",
                        () -> healthy().txt(STS, "v=STSv1; id=2024-01-01T00:00:00Z"),
                        fail("sts-record-id-invalid", "\"-\", \":\"")),
                when(
                        "T8 a 64-character SHA-256 id is invalid",
                        () -> healthy().txt(STS, "v=STSv1; id=" + SHA_256),
                        fail("sts-record-id-invalid", "64 characters")),
                when(
                        "T8 ID= in upper case is not id",
                        () -> healthy().txt(STS, "v=STSv1; ID=abc"),
                        fail("sts-record-id-missing", "case-sensitive")),
                when(
                        "T9 a duplicate id: the first wins",
                        () -> healthy().txt(STS, "v=STSv1; id=abc; id=def"),
                        warn("sts-record-id-duplicate", "first wins (abc)"),
                        pass("sts-record-valid")),
                when(
                        "T10 a well-formed extension is info",
                        () -> healthy().txt(STS, "v=STSv1; id=abc; ext=1"),
                        info("sts-record-extension", "ext=1"),
                        pass("sts-record-valid")),
                when(
                        "T10 a malformed extension fails",
                        () -> healthy().txt(STS, "v=STSv1; id=abc; x=a=b"),
                        fail("sts-record-syntax", "\"=\""),
                        absent("sts-record-valid")),
                when(
                        "T11 space-separated fields fail",
                        () -> healthy().txt(STS, "v=STSv1 id=abc"),
                        fail("sts-record-syntax", "separated")),
                when(
                        "T11 whitespace around = fails",
                        () -> healthy().txt(STS, "v=STSv1; id = abc"),
                        fail("sts-record-syntax", "around \"=\"")),
                when(
                        "T11 a trailing semicolon is valid",
                        () -> healthy().txt(STS, "v=STSv1; id=abc;"),
                        pass("sts-record-valid"),
                        absent("sts-record-syntax")),
                when(
                        "T11 trailing whitespace without a semicolon warns",
                        () -> healthy().txt(STS, "v=STSv1; id=abc "),
                        warn("sts-record-trailing-whitespace"),
                        pass("sts-record-valid")),
                when(
                        "T12 a CNAME chain is shown",
                        () -> healthy()
                                .txt(STS, Fixtures.txtVia(STS, List.of("_mta-sts.provider.net"), "v=STSv1; id=abc")),
                        info("sts-record-cname", "_mta-sts.provider.net"),
                        pass("sts-record-valid")),
                when(
                        "T12 a dangling CNAME fails",
                        () -> healthy()
                                .txt(
                                        STS,
                                        LookupResult.notFound(
                                                NotFoundKind.DANGLING_CNAME, "_mta-sts.provider.net does not exist")),
                        fail("sts-record-cname-broken", "_mta-sts.provider.net")),
                when(
                        "T12 a CNAME loop fails",
                        () -> healthy().txt(STS, LookupResult.failed(FailureKind.CNAME_LOOP, "a → b → a")),
                        fail("sts-record-cname-broken", "loops")),
                when(
                        "T13 a subdomain does not inherit the parent's policy",
                        () -> FakeDomainContext.builder("sub.example.com").txt(STS, "v=STSv1; id=abc"),
                        fail("sts-record-missing"),
                        info("sts-record-parent-not-applied", "MUST NOT", "sub.example.com")),
                when(
                        "T13 a subdomain with its own record: the note says its own record applies",
                        () -> FakeDomainContext.builder("sub.example.com")
                                .txt(STS, "v=STSv1; id=abc")
                                .txt("_mta-sts.sub.example.com", "v=STSv1; id=def"),
                        pass("sts-record-valid"),
                        info("sts-record-parent-not-applied", "Its own _mta-sts record applies")),
                when(
                        "T13 no note for a domain whose parent has no policy",
                        () -> FakeDomainContext.builder("sub.example.org"),
                        absent("sts-record-parent-not-applied")),
                when(
                        "T15 a record at the apex instead of _mta-sts",
                        () -> healthy().txt(STS, nxdomain()).txt(DOMAIN, "v=spf1 -all", "v=STSv1; id=abc"),
                        fail("sts-record-missing"),
                        warn("sts-record-at-apex", "instead of")),
                when(
                        "T15 a stray apex record next to a valid one",
                        () -> healthy().txt(DOMAIN, "v=STSv1; id=abc"),
                        warn("sts-record-at-apex", "also published"),
                        pass("sts-record-valid")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reports(String name, Supplier<FakeDomainContext.Builder> setup, List<Expect> expectations) {
        List<Finding> findings =
                Fixtures.findings(new DnsRecordCheck(), setup.get().build());

        expectations.forEach(expectation -> expectation.check(findings));
        assertThat(findings).allSatisfy(finding -> assertThat(finding.code()).startsWith("sts-record-"));
    }

    @Test
    void findingsComeWorstFirst() {
        List<Finding> findings = Fixtures.findings(
                new DnsRecordCheck(),
                healthy().txt(STS, "v=STSv1; id=abc; ext=1", "v=stsv1; id=d").build());

        assertThat(findings).extracting(Finding::severity).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void healthyRecordIsClean() {
        Expect.clean(Fixtures.findings(new DnsRecordCheck(), healthy().build()));
    }

    @Test
    void missingRecordRemediationNamesTheRecordAndAStarterPolicy() {
        FakeDomainContext context =
                healthy().txt(STS, nxdomain()).policyFile(nxdomain()).build();

        Remediation remediation =
                finding(context, "sts-record-missing").remediation().orElseThrow();

        assertThat(remediation.action())
                .contains(
                        "_mta-sts.example.com. 300 IN TXT \"v=STSv1; id=20261128T120000\"",
                        "https://mta-sts.example.com/.well-known/mta-sts.txt",
                        "mx: mx1.example.com\nmx: mx2.example.com");
        assertThat(remediation.fixTime().text()).isEqualTo("5 min change + DNS TTL (typically up to 1 h)");
    }

    @Test
    void invalidIdRemediationSuggestsTheSanitisedIdAndUsesTheRealTtl() {
        FakeDomainContext context = healthy()
                .txt(STS, Fixtures.txt(STS, 300, List.of("v=STSv1; id=2024-01-01T00:00:00Z")))
                .build();

        Remediation remediation =
                finding(context, "sts-record-id-invalid").remediation().orElseThrow();

        assertThat(remediation.action()).contains("_mta-sts.example.com. 300 IN TXT \"v=STSv1; id=20240101T000000Z\"");
        assertThat(remediation.fixTime().text()).isEqualTo("5 min change + DNS TTL (up to 5 min)");
        assertThat(remediation.fixTime().waiting()).hasSeconds(300);
    }

    @Test
    void evidenceCarriesTheRawRecordAsAZoneLine() {
        FakeDomainContext context = healthy()
                .txt(STS, Fixtures.txt(STS, 600, List.of("v=STSv1; id=2024-01-01")))
                .build();

        assertThat(finding(context, "sts-record-id-invalid").evidence())
                .isEqualTo("_mta-sts.example.com. 600 IN TXT \"v=STSv1; id=2024-01-01\"");
    }

    @Test
    void policyHostIsFetchedOnceForAllChecks() {
        FakeDomainContext context = healthy().txt(STS, nxdomain()).build();

        Fixtures.allFindings(context);

        assertThat(context.lookupCount("FETCH")).isEqualTo(1);
        assertThat(context.lookupCount("TXT " + STS)).isEqualTo(1);
    }

    private static Finding finding(FakeDomainContext context, String code) {
        return Fixtures.findings(new DnsRecordCheck(), context).stream()
                .filter(finding -> finding.code().equals(code))
                .findFirst()
                .orElseThrow();
    }

    private static <T> LookupResult<T> nxdomain() {
        return LookupResult.notFound(NotFoundKind.NXDOMAIN, "no such name (NXDOMAIN)");
    }

    static Arguments when(String name, Supplier<FakeDomainContext.Builder> setup, Expect... expectations) {
        return arguments(name, setup, List.of(expectations));
    }
}
