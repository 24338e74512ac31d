package dev.mtasts.checks;

import static dev.mtasts.checks.Expect.absent;
import static dev.mtasts.checks.Expect.fail;
import static dev.mtasts.checks.Expect.info;
import static dev.mtasts.checks.Expect.pass;
import static dev.mtasts.checks.Expect.warn;
import static dev.mtasts.checks.Fixtures.DOMAIN;
import static dev.mtasts.checks.Fixtures.ID;
import static dev.mtasts.checks.Fixtures.POLICY;
import static dev.mtasts.checks.Fixtures.STS;
import static dev.mtasts.checks.Fixtures.TLSRPT;
import static dev.mtasts.checks.Fixtures.healthy;
import static dev.mtasts.checks.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.LookupResult.NotFoundKind;
import dev.mtasts.spi.Observation;
import dev.mtasts.spi.Remediation;
import dev.mtasts.testing.FakeDomainContext;
import dev.mtasts.testing.FakeResponses;
import dev.mtasts.testing.ObservationBuilder;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TestIdSyncCheck {
    private static final String NEW_ID = "20261128T0900";
    private static final String CHANGED =
            policy("version: STSv1", "mode: enforce", "mx: mx1.example.com", "mx: mx3.example.com", "max_age: 604800");
    private static final String REORDERED =
            policy("version: STSv1", "mode: enforce", "max_age: 604800", "mx: mx2.example.com", "mx: mx1.example.com");
    private static final String TESTING =
            policy("version: STSv1", "mode: testing", "mx: mx1.example.com", "mx: mx2.example.com", "max_age: 604800");
    private static final String NONE = policy("version: STSv1", "mode: none", "max_age: 86400");
    private static final String MONDAY = "Mon, 02 Nov 2026 10:00:00 GMT";
    private static final String FRIDAY = "Fri, 27 Nov 2026 10:00:00 GMT";

    static Stream<Arguments> cases() {
        return Stream.of(
                when("rule 5: the first observation records a baseline", () -> healthy(), pass("id-baseline")),
                when(
                        "C1 the same id and body as last time",
                        () -> healthy().history(seen("2026-11-27T12:00:00Z", ID, POLICY)),
                        pass("id-in-sync"),
                        absent("id-not-bumped")),
                when(
                        "rule 1: the body changed while the id stayed the same",
                        () -> current(ID, CHANGED).history(seen("2026-11-27T12:00:00Z", ID, POLICY)),
                        fail(
                                "id-not-bumped",
                                "Policy changed but id not bumped",
                                "kept id=" + ID,
                                "max_age of 1 week, until as late as 2026-12-05 12:00 UTC")),
                when(
                        "rule 1 stays failed at later checks until the id is bumped",
                        () -> current(ID, CHANGED)
                                .history(
                                        seen("2026-11-27T12:00:00Z", ID, CHANGED),
                                        seen("2026-11-20T12:00:00Z", ID, POLICY)),
                        fail(
                                "id-not-bumped",
                                "between 2026-11-20 12:00 UTC and 2026-11-27 12:00 UTC",
                                "until as late as 2026-12-04 12:00 UTC"),
                        absent("id-in-sync")),
                when(
                        "a CRLF conversion is not a policy change",
                        () -> current(ID, POLICY.replace("\n", "\r\n"))
                                .history(seen("2026-11-27T12:00:00Z", ID, POLICY)),
                        pass("id-in-sync"),
                        absent("id-not-bumped")),
                when(
                        "an edit that changes nothing senders enforce needs no new id",
                        () -> current(ID, REORDERED).history(seen("2026-11-27T12:00:00Z", ID, POLICY)),
                        info("policy-edited-same-effect", "no new id is needed"),
                        absent("id-not-bumped")),
                when(
                        "the bump after an unbumped change passes",
                        () -> current(NEW_ID, CHANGED)
                                .history(
                                        seen("2026-11-27T12:00:00Z", ID, CHANGED),
                                        seen("2026-11-20T12:00:00Z", ID, POLICY)),
                        pass("id-bumped"),
                        absent("id-not-bumped")),
                when(
                        "a policy change published with a new id passes",
                        () -> current(NEW_ID, CHANGED).history(seen("2026-11-27T12:00:00Z", ID, POLICY)),
                        pass("id-bumped")),
                when(
                        "rule 2: a new id for an identical, re-published body is info",
                        () -> current(NEW_ID, POLICY, FRIDAY, "\"b\"")
                                .history(seen("2026-11-27T12:00:00Z", ID, POLICY, MONDAY, "\"a\"")),
                        info("id-bumped-same-policy", "harmless"),
                        absent("id-bumped-before-policy")),
                when(
                        "rule 2: without Last-Modified or ETag an identical body is info",
                        () -> current(NEW_ID, POLICY).history(seen("2026-11-27T12:00:00Z", ID, POLICY)),
                        info("id-bumped-same-policy")),
                when(
                        "rule 3: a new id while the policy file is untouched warns (RFC 8461 §8.1)",
                        () -> current(NEW_ID, POLICY, MONDAY, "\"a\"")
                                .history(seen("2026-11-27T12:00:00Z", ID, POLICY, MONDAY, "\"a\"")),
                        warn("id-bumped-before-policy", "wrong order (RFC 8461 §8.1)", "id=" + NEW_ID),
                        absent("id-bumped-same-policy")),
                when(
                        "rule 3 then rule 1: the body changed under an id bumped too early",
                        () -> current(NEW_ID, CHANGED)
                                .history(
                                        seen("2026-11-27T12:00:00Z", NEW_ID, POLICY),
                                        seen("2026-11-20T12:00:00Z", ID, POLICY)),
                        fail("id-not-bumped", "before the body did", "RFC 8461 §8.1")),
                when(
                        "an id reused for another policy still cached warns",
                        () -> current("A1", CHANGED)
                                .history(
                                        seen("2026-11-27T12:00:00Z", "B2", POLICY),
                                        seen("2026-11-25T12:00:00Z", "A1", TESTING)),
                        pass("id-bumped"),
                        warn("id-reused", "already published on 2026-11-25 12:00 UTC", "2026-12-02 12:00 UTC")),
                when(
                        "an id reused after every cached copy expired is harmless",
                        () -> current("A1", CHANGED)
                                .history(
                                        seen("2026-11-27T12:00:00Z", "B2", POLICY),
                                        seen("2025-06-01T12:00:00Z", "A1", TESTING)),
                        absent("id-reused")),
                when(
                        "rule 4: a date-shaped id far older than Last-Modified warns",
                        () -> current("20240101", POLICY, "Sat, 01 Jun 2024 10:00:00 GMT", "\"a\""),
                        pass("id-baseline"),
                        warn("id-looks-stale", "id looks stale", "2024-01-01", "2024-06-01", "152 days later")),
                when(
                        "rule 4: a date-shaped id close to Last-Modified is fine",
                        () -> current("20240101", POLICY, "Sat, 20 Jan 2024 10:00:00 GMT", "\"a\""),
                        absent("id-looks-stale")),
                when(
                        "rule 4: an id that is not a date is never judged",
                        () -> current("v42", POLICY, "Sat, 01 Jun 2024 10:00:00 GMT", "\"a\""),
                        absent("id-looks-stale")),
                when(
                        "rule 4: an id that only looks like an impossible date is not one",
                        () -> current("20241399", POLICY, "Sat, 01 Jun 2025 10:00:00 GMT", "\"a\""),
                        absent("id-looks-stale")),
                when(
                        "rule 4 yields to history that saw the id published and the body unchanged since",
                        () -> current("20240101", POLICY, "Sat, 01 Jun 2024 10:00:00 GMT", "\"a\"")
                                .history(
                                        seen("2026-11-27T12:00:00Z", "20240101", POLICY),
                                        seen("2024-01-01T12:00:00Z", "20231201", POLICY)),
                        pass("id-in-sync"),
                        absent("id-looks-stale")),
                when(
                        "stuck in testing for 7 months by history",
                        () -> current(ID, TESTING)
                                .history(
                                        seen("2026-11-27T12:00:00Z", ID, TESTING),
                                        seen("2026-04-20T12:00:00Z", ID, TESTING)),
                        warn("stuck-in-testing", "since 2026-04-20 12:00 UTC (7 months)")),
                when(
                        "testing for 5 months is not stuck yet",
                        () -> current(ID, TESTING)
                                .history(
                                        seen("2026-11-27T12:00:00Z", ID, TESTING),
                                        seen("2026-07-01T12:00:00Z", ID, TESTING)),
                        absent("stuck-in-testing")),
                when(
                        "back in testing after enforce counts from the switch",
                        () -> current(NEW_ID, TESTING)
                                .history(
                                        seen("2026-10-01T12:00:00Z", ID, TESTING),
                                        seen("2026-01-01T12:00:00Z", "20260101", POLICY)),
                        absent("stuck-in-testing")),
                when(
                        "stuck in testing by a date-shaped id and Last-Modified",
                        () -> current("20250101", TESTING, "Thu, 02 Jan 2025 10:00:00 GMT", "\"a\""),
                        warn("stuck-in-testing", "the id dates from 2025-01-01", "2025-01-02"),
                        absent("id-looks-stale")),
                when(
                        "an old id alone does not make a policy stuck",
                        () -> current("20250101", TESTING, "Thu, 01 Oct 2026 10:00:00 GMT", "\"a\""),
                        absent("stuck-in-testing"),
                        warn("id-looks-stale")),
                when(
                        "C4: the TXT record removed while the policy was enforce",
                        () -> healthy().txt(STS, nxdomain()).history(seen("2026-11-27T12:00:00Z", ID, POLICY)),
                        warn(
                                "removed-without-none",
                                "without the none stage",
                                "the _mta-sts.example.com TXT record disappeared",
                                "until as late as 2026-12-05 12:00 UTC",
                                "does not clear a cached policy")),
                when(
                        "C4: the policy endpoint answering 404",
                        () -> healthy()
                                .policyFile(FakeResponses.response(DOMAIN)
                                        .status(404)
                                        .body("not found")
                                        .found())
                                .history(seen("2026-11-27T12:00:00Z", ID, POLICY)),
                        warn("removed-without-none", "the policy at https://mta-sts.example.com/")),
                when(
                        "C4: both halves gone, seen gone at an earlier check",
                        () -> healthy()
                                .txt(STS, nxdomain())
                                .policyFile(nxdomain())
                                .history(
                                        ObservationBuilder.at("2026-11-26T12:00:00Z")
                                                .build(),
                                        seen("2026-11-25T12:00:00Z", ID, POLICY)),
                        warn(
                                "removed-without-none",
                                "TXT record and the policy at",
                                "until as late as 2026-12-03 12:00 UTC")),
                when(
                        "C4: removal after a none stage is the RFC's way",
                        () -> healthy().txt(STS, nxdomain()).history(seen("2026-11-20T12:00:00Z", ID, NONE)),
                        absent("removed-without-none")),
                when(
                        "C4: removal of a testing policy is harmless",
                        () -> healthy().txt(STS, nxdomain()).history(seen("2026-11-20T12:00:00Z", ID, TESTING)),
                        absent("removed-without-none")),
                when(
                        "C4: the none stage in progress is not a removal",
                        () -> current(NEW_ID, NONE).history(seen("2026-11-27T12:00:00Z", ID, POLICY)),
                        absent("removed-without-none"),
                        pass("id-bumped")),
                when(
                        "C4: a lookup failure is not a removal",
                        () -> healthy()
                                .txt(STS, LookupResult.failed(FailureKind.SERVER_FAILURE, "SERVFAIL"))
                                .history(seen("2026-11-27T12:00:00Z", ID, POLICY)),
                        absent("removed-without-none")),
                when(
                        "C4: nothing left to warn about once every cached copy expired",
                        () -> healthy()
                                .txt(STS, nxdomain())
                                .history(
                                        ObservationBuilder.at("2026-11-10T12:00:00Z")
                                                .build(),
                                        seen("2026-11-01T12:00:00Z", ID, POLICY)),
                        absent("removed-without-none")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reports(String name, Supplier<FakeDomainContext.Builder> setup, List<Expect> expectations) {
        List<Finding> findings =
                Fixtures.findings(new IdSyncCheck(), setup.get().build());

        expectations.forEach(expectation -> expectation.check(findings));
        assertThat(findings).allSatisfy(finding -> assertThat(FindingCode.forCode(finding.code()))
                .hasValueSatisfying(code -> assertThat(code.check()).isEqualTo(IdSyncCheck.ID)));
    }

    @Test
    void theFailSaysPublishANewIdNowWithTheRealTtlAndShowsTheDiff() {
        FakeDomainContext context = current(ID, CHANGED)
                .txt(STS, Fixtures.txt(STS, 900, List.of("v=STSv1; id=" + ID)))
                .history(seen("2026-11-27T12:00:00Z", ID, POLICY))
                .build();

        Finding finding = finding(context, "id-not-bumped");
        Remediation remediation = finding.remediation().orElseThrow();

        assertThat(remediation.action())
                .startsWith("Publish a new id now")
                .contains("change id=" + ID + " to id=20261128T120000")
                .contains("_mta-sts.example.com. 900 IN TXT \"v=STSv1; id=20261128T120000\"");
        assertThat(remediation.fixTime().text()).isEqualTo("5 min change + TTL wait (up to 15 min)");
        assertThat(remediation.fixTime().work()).isEqualTo(Duration.ofMinutes(5));
        assertThat(remediation.fixTime().waiting()).isEqualTo(Duration.ofSeconds(900));
        assertThat(finding.evidence())
                .isEqualTo(String.join(
                        "\n",
                        "  version: STSv1",
                        "  mode: enforce",
                        "  mx: mx1.example.com",
                        "- mx: mx2.example.com",
                        "+ mx: mx3.example.com",
                        "  max_age: 604800"));
    }

    @Test
    void stuckInTestingGivesTheEnforceRecipeAndItsObservationTime() {
        FakeDomainContext context = current(ID, TESTING)
                .history(seen("2026-01-01T12:00:00Z", ID, TESTING))
                .build();

        Remediation remediation =
                finding(context, "stuck-in-testing").remediation().orElseThrow();

        assertThat(remediation.action())
                .startsWith("Read the last 4 weeks of TLS-RPT reports (sent to mailto:tlsrpt@example.com)")
                .contains("fix every failure", "\"mode: enforce\"", "publish a new id");
        assertThat(remediation.fixTime().text()).isEqualTo("2 weeks observation + 5 min change");
        assertThat(remediation.fixTime().waiting()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void stuckInTestingWithoutReportsSaysToPublishTlsRptFirst() {
        FakeDomainContext context = current(ID, TESTING)
                .txt(TLSRPT, nxdomain())
                .history(seen("2026-01-01T12:00:00Z", ID, TESTING))
                .build();

        assertThat(finding(context, "stuck-in-testing")
                        .remediation()
                        .orElseThrow()
                        .action())
                .startsWith("You publish no usable TLS-RPT record")
                .contains("_smtp._tls.example.com. 3600 IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@example.com\"");
    }

    @Test
    void removalRemediationIsTheRfcOrder() {
        FakeDomainContext context = healthy()
                .txt(STS, nxdomain())
                .history(seen("2026-11-27T12:00:00Z", ID, POLICY))
                .build();

        Remediation remediation =
                finding(context, "removed-without-none").remediation().orElseThrow();

        assertThat(remediation.action())
                .contains("\"mode: none\"", "\"max_age: 86400\"", "keep both until 2026-12-05 12:00 UTC")
                .contains("then delete the TXT record and the policy host");
        assertThat(remediation.fixTime().waiting()).isEqualTo(Duration.ofDays(7));
        assertThat(remediation.fixTime().text()).isEqualTo("15 min change + wait out the old max_age (1 week)");
    }

    @Test
    void withNothingPublishedAndNoHistoryTheCheckIsSkipped() {
        FakeDomainContext context =
                healthy().txt(STS, nxdomain()).policyFile(nxdomain()).build();

        assertThat(new IdSyncCheck().run(context))
                .isInstanceOfSatisfying(CheckResult.Skipped.class, skipped -> assertThat(skipped.reason())
                        .contains("nothing to compare", "no TXT record at _mta-sts.example.com"));
    }

    @Test
    void historyIsAskedForOnce() {
        FakeDomainContext context = current(ID, CHANGED)
                .history(seen("2026-11-27T12:00:00Z", ID, POLICY))
                .build();

        new IdSyncCheck().run(context);

        assertThat(context.lookupCount("HISTORY")).isEqualTo(1);
    }

    @Test
    void thePluginRunsIdSyncRightAfterPolicySyntax() {
        assertThat(new MtaStsCheckPlugin().checks())
                .extracting(check -> check.id())
                .containsSubsequence("policy-syntax", "id-sync", "mx-sync");
        List<String> ids = new MtaStsCheckPlugin()
                .checks().stream().map(check -> check.id()).toList();
        assertThat(ids.indexOf("id-sync")).isEqualTo(ids.indexOf("policy-syntax") + 1);
    }

    /** The healthy deployment with this id and policy, optionally with Last-Modified and ETag. */
    private static FakeDomainContext.Builder current(String id, String body) {
        return healthy()
                .txt(STS, "v=STSv1; id=" + id)
                .policyFile(FakeResponses.policy(DOMAIN, body).found());
    }

    private static FakeDomainContext.Builder current(String id, String body, String lastModified, String etag) {
        return healthy()
                .txt(STS, "v=STSv1; id=" + id)
                .policyFile(FakeResponses.policy(DOMAIN, body)
                        .header("Last-Modified", lastModified)
                        .header("ETag", etag)
                        .found());
    }

    @Test
    void anOlderObservationWhoseBodyWasNotLoadedIsComparedByHash() {
        // The store attaches the bodies of the newest few policies only: an older one keeps just its hash.
        Observation old = seen("2026-11-27T12:00:00Z", ID, POLICY);
        Observation slim = new Observation(
                old.checkedAt(),
                old.recordId(),
                old.bodySha256(),
                java.util.Optional.empty(),
                old.lastModified(),
                old.etag(),
                old.mode(),
                old.maxAge(),
                old.mxPatterns(),
                old.mxHosts(),
                old.certificateNotAfter(),
                old.status(),
                old.findingCodes());

        Finding finding = finding(current(ID, CHANGED).history(slim).build(), "id-not-bumped");

        assertThat(finding.severity()).isEqualTo(dev.mtasts.spi.Severity.FAIL);
        assertThat(finding.evidence())
                .isEqualTo("policy sha256 " + Observation.sha256(POLICY) + " → " + Observation.sha256(CHANGED));
    }

    private static Observation seen(String at, String id, String body) {
        return ObservationBuilder.at(at).id(id).policy(body).build();
    }

    private static Observation seen(String at, String id, String body, String lastModified, String etag) {
        return ObservationBuilder.at(at)
                .id(id)
                .policy(body)
                .lastModified(ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant()
                        .toString())
                .etag(etag)
                .build();
    }

    private static Finding finding(FakeDomainContext context, String code) {
        return Fixtures.findings(new IdSyncCheck(), context).stream()
                .filter(finding -> finding.code().equals(code))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no " + code + " in " + Fixtures.findings(new IdSyncCheck(), context)));
    }

    private static <T> LookupResult<T> nxdomain() {
        return LookupResult.notFound(NotFoundKind.NXDOMAIN, "no such name (NXDOMAIN)");
    }

    static Arguments when(String name, Supplier<FakeDomainContext.Builder> setup, Expect... expectations) {
        return arguments(name, setup, List.of(expectations));
    }
}
