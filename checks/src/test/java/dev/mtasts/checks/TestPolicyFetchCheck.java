package dev.mtasts.checks;

import static dev.mtasts.checks.Expect.absent;
import static dev.mtasts.checks.Expect.fail;
import static dev.mtasts.checks.Expect.info;
import static dev.mtasts.checks.Expect.pass;
import static dev.mtasts.checks.Expect.warn;
import static dev.mtasts.checks.Fixtures.DOMAIN;
import static dev.mtasts.checks.Fixtures.HOST;
import static dev.mtasts.checks.Fixtures.POLICY;
import static dev.mtasts.checks.Fixtures.STS;
import static dev.mtasts.checks.Fixtures.healthy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mtasts.spi.CertificateInfo;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.Fact;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.HttpsResponse;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.LookupResult.NotFoundKind;
import dev.mtasts.spi.TlsDetails.Trust;
import dev.mtasts.testing.FakeDomainContext;
import dev.mtasts.testing.FakeResponses;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TestPolicyFetchCheck {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    static Stream<Arguments> cases() {
        return Stream.of(
                when(
                        "H1 a healthy fetch passes",
                        response -> response,
                        pass("policy-fetch-ok"),
                        pass("policy-cert-valid")),
                when(
                        "H2 an expired certificate fails",
                        response -> response.validity(
                                        Instant.parse("2026-08-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"))
                                .trust(Trust.EXPIRED, "certificate expired"),
                        fail("policy-cert-expired", "expired on 2026-11-01", "refuse"),
                        absent("policy-cert-valid")),
                when(
                        "H2 a certificate past its end date fails even if the verdict says trusted",
                        response -> response.validity(
                                Instant.parse("2026-08-01T00:00:00Z"), Instant.parse("2026-11-27T00:00:00Z")),
                        fail("policy-cert-expired")),
                when(
                        "H2 an expired intermediate is named, not the leaf",
                        response -> response.chain(
                                        FakeResponses.certificate(HOST),
                                        new CertificateInfo(
                                                "CN=Old Intermediate",
                                                "CN=Root",
                                                List.of(),
                                                Instant.parse("2021-01-01T00:00:00Z"),
                                                Instant.parse("2026-10-01T00:00:00Z"),
                                                "cd".repeat(32)))
                                .trust(Trust.EXPIRED, "intermediate expired"),
                        fail("policy-cert-expired", "CN=Old Intermediate, expired on 2026-10-01")),
                when(
                        "H2 a certificate not valid yet fails",
                        response -> response.validity(
                                        Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-03-01T00:00:00Z"))
                                .trust(Trust.NOT_YET_VALID, "not yet valid"),
                        fail("policy-cert-not-yet-valid", "2026-12-01")),
                when(
                        "H2 a self-signed certificate fails",
                        response -> response.chain(new CertificateInfo(
                                        "CN=" + HOST,
                                        "CN=" + HOST,
                                        List.of(HOST),
                                        FakeResponses.NOT_BEFORE,
                                        FakeResponses.NOT_AFTER,
                                        "ab".repeat(32)))
                                .trust(Trust.UNTRUSTED, "unable to find valid certification path"),
                        fail("policy-cert-untrusted", "trusted root", "self-signed"),
                        absent("policy-cert-valid")),
                when(
                        "H2 a certificate for another name fails",
                        response -> response.dnsNames("www.example.com", "example.com")
                                .nameMatches(false),
                        fail("policy-cert-name-mismatch", "www.example.com, example.com, not mta-sts.example.com")),
                when(
                        "H2 a CN-only certificate fails",
                        response -> response.dnsNames().nameMatches(false),
                        fail("policy-cert-name-mismatch", "no DNS name", "CN does not count")),
                when(
                        "H2 a provider's certificate instead of mta-sts.<d> fails (§8.2)",
                        response -> response.dnsNames("mta-sts.provider.net").nameMatches(false),
                        fail("policy-cert-name-mismatch", "mta-sts.provider.net")),
                when(
                        "H2 expired, untrusted and wrong name are three findings",
                        response -> response.chain(FakeResponses.certificate(
                                        Instant.parse("2026-01-01T00:00:00Z"),
                                        Instant.parse("2026-04-01T00:00:00Z"),
                                        "other.example.net"))
                                .trust(Trust.UNTRUSTED, "unknown issuer")
                                .nameMatches(false),
                        fail("policy-cert-expired"),
                        fail("policy-cert-untrusted"),
                        fail("policy-cert-name-mismatch")),
                when(
                        "H2 expiry within 14 days warns",
                        response -> response.validity(FakeResponses.NOT_BEFORE, NOW.plus(Duration.ofDays(10))),
                        warn("policy-cert-expires-soon", "in 10 days"),
                        pass("policy-cert-valid")),
                when(
                        "H2 expiry in 20 days is fine",
                        response -> response.validity(FakeResponses.NOT_BEFORE, NOW.plus(Duration.ofDays(20))),
                        absent("policy-cert-expires-soon")),
                when(
                        "H4 a 301 redirect fails and names the Location",
                        response -> response.redirect(301, "https://www.example.com/mta-sts.txt"),
                        fail("policy-fetch-redirect", "301", "https://www.example.com/mta-sts.txt", "forbids"),
                        absent("policy-fetch-ok")),
                when(
                        "H4 a 308 redirect fails too",
                        response -> response.redirect(308, "https://mta-sts.example.com/.well-known/mta-sts.txt/"),
                        fail("policy-fetch-redirect", "308")),
                when(
                        "H4 a 404 fails",
                        response -> response.status(404),
                        fail("policy-fetch-status", "404", "case-sensitive")),
                when("H4 a 204 No Content fails", response -> response.status(204), fail("policy-fetch-status", "204")),
                when("H4 a 500 fails", response -> response.status(500), fail("policy-fetch-status", "500")),
                when(
                        "H5 a long Cache-Control max-age is info",
                        response -> response.header("Cache-Control", "public, max-age=86400"),
                        info("policy-http-cache", "86400 s")),
                when(
                        "H5 max-age=60 is fine",
                        response -> response.header("Cache-Control", "max-age=60"),
                        absent("policy-http-cache")),
                when(
                        "H6 text/html fails: widely deployed senders reject it",
                        response -> response.contentType("text/html; charset=utf-8"),
                        fail("policy-content-type", "text/html", "SHOULD", "reject"),
                        absent("policy-fetch-ok")),
                when(
                        "H6 a missing Content-Type fails",
                        response -> response.noContentType(),
                        fail("policy-content-type", "without a Content-Type")),
                when(
                        "H6 media types compare case-insensitively",
                        response -> response.contentType("Text/Plain; Charset=\"UTF-8\""),
                        absent("policy-content-type"),
                        absent("policy-charset"),
                        pass("policy-fetch-ok")),
                when(
                        "H6 charset=iso-8859-1 warns",
                        response -> response.contentType("text/plain; charset=iso-8859-1"),
                        warn("policy-charset", "iso-8859-1"),
                        absent("policy-content-type")),
                when(
                        "H6 charset=us-ascii is fine",
                        response -> response.contentType("text/plain; charset=us-ascii"),
                        absent("policy-charset")),
                when(
                        "H7 a body over 64 KiB fails",
                        response -> response.truncated(true),
                        fail("policy-too-large", "64 KiB"),
                        absent("policy-fetch-ok")),
                when(
                        "H7 a response slower than 4 s warns",
                        response -> response.elapsed(Duration.ofMillis(4_500)),
                        warn("policy-fetch-slow", "4.5 s"),
                        pass("policy-fetch-ok")),
                when(
                        "H7 a response in 3.9 s is fine",
                        response -> response.elapsed(Duration.ofMillis(3_900)),
                        absent("policy-fetch-slow")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reports(String name, UnaryOperator<FakeResponses.Builder> response, List<Expect> expectations) {
        FakeDomainContext context = healthy()
                .policyFile(response.apply(FakeResponses.policy(DOMAIN, POLICY)).found())
                .build();

        List<Finding> findings = Fixtures.findings(new PolicyFetchCheck(), context);

        expectations.forEach(expectation -> expectation.check(findings));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                arguments(
                        "H1 the policy host does not resolve",
                        LookupResult.notFound(NotFoundKind.NXDOMAIN, "mta-sts.example.com: NXDOMAIN"),
                        fail("policy-host-missing", "does not resolve", "cached an earlier policy")),
                arguments(
                        "H1 the DNS lookup of the host fails",
                        LookupResult.failed(FailureKind.SERVER_FAILURE, "SERVFAIL"),
                        fail("policy-host-lookup-failed", "SERVFAIL")),
                arguments(
                        "H1 nothing listens on 443",
                        LookupResult.failed(FailureKind.CONNECTION_REFUSED, "192.0.2.80:443 refused"),
                        fail("policy-fetch-connection-failed", "refused")),
                arguments(
                        "H7 a timeout fails",
                        LookupResult.failed(FailureKind.TIMEOUT, "no answer in 10 s"),
                        fail("policy-fetch-timeout", "timed out")),
                arguments(
                        "H8 no certificate for the SNI name: handshake fails",
                        LookupResult.failed(FailureKind.TLS_FAILURE, "unrecognized_name"),
                        fail("policy-fetch-tls-failed", "SNI", "unrecognized_name")),
                arguments(
                        "H11 the guard refuses a private address",
                        LookupResult.failed(FailureKind.ADDRESS_REFUSED, "10.0.0.5 is a private address"),
                        fail("policy-host-address-refused", "10.0.0.5", "not public")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void reportsFetchFailures(String name, LookupResult<HttpsResponse> fetch, Expect expectation) {
        List<Finding> findings = Fixtures.findings(
                new PolicyFetchCheck(), healthy().policyFile(fetch).build());

        expectation.check(findings);
        assertThat(findings).hasSize(1);
    }

    @Test
    void onlyOneAddressFamilyIsInfo() {
        List<Finding> findings = Fixtures.findings(
                new PolicyFetchCheck(), healthy().addresses(HOST, "192.0.2.80").build());

        info("policy-host-single-family", "only IPv4").check(findings);
        Expect.clean(findings);
    }

    @Test
    void bothAddressFamiliesSayNothing() {
        absent("policy-host-single-family")
                .check(Fixtures.findings(new PolicyFetchCheck(), healthy().build()));
    }

    @Test
    void skippedWithoutRecordAndWithoutHost() {
        FakeDomainContext context = FakeDomainContext.builder(DOMAIN).build();

        assertThat(new PolicyFetchCheck().run(context)).isInstanceOf(CheckResult.Skipped.class);
    }

    @Test
    void fetchedWithoutRecordWhenTheHostExists() {
        FakeDomainContext context = healthy()
                .txt(STS, LookupResult.notFound(NotFoundKind.NXDOMAIN, "NXDOMAIN"))
                .policyFile(FakeResponses.policy(DOMAIN, POLICY).status(404).found())
                .build();

        List<Finding> findings = Fixtures.findings(new PolicyFetchCheck(), context);

        fail("policy-fetch-status", "Senders do not fetch the policy yet").check(findings);
    }

    @Test
    void anExpiringCertificateIsPublishedAsATypedFactForSubscriptions() {
        FakeDomainContext soon = healthy()
                .policyFile(FakeResponses.policy(DOMAIN, POLICY)
                        .validity(FakeResponses.NOT_BEFORE, NOW.plus(Duration.ofDays(10)))
                        .found())
                .build();
        FakeDomainContext later = healthy()
                .policyFile(FakeResponses.policy(DOMAIN, POLICY)
                        .validity(FakeResponses.NOT_BEFORE, NOW.plus(Duration.ofDays(20)))
                        .found())
                .build();

        assertThat(new PolicyFetchCheck().run(soon))
                .isInstanceOfSatisfying(CheckResult.Completed.class, completed -> assertThat(completed.facts())
                        .containsExactly(new Fact.CertificateExpiring(
                                "policy-cert-expires-soon", List.of("mta-sts." + DOMAIN))));
        assertThat(new PolicyFetchCheck().run(later))
                .isInstanceOfSatisfying(CheckResult.Completed.class, completed -> assertThat(completed.facts())
                        .isEmpty());
    }

    @Test
    void certificateFixTimeIsThirtyMinutes() {
        FakeDomainContext context = healthy()
                .policyFile(
                        FakeResponses.policy(DOMAIN, POLICY).nameMatches(false).found())
                .build();

        Finding finding = Fixtures.findings(new PolicyFetchCheck(), context).stream()
                .filter(candidate -> candidate.code().equals("policy-cert-name-mismatch"))
                .findFirst()
                .orElseThrow();

        assertThat(finding.fixTime().orElseThrow().text()).isEqualTo("30 min, depending on the certificate flow");
        assertThat(finding.fixTime().orElseThrow().work()).hasMinutes(30);
        assertThat(finding.evidence()).contains("DNS names: mta-sts.example.com");
    }

    static Arguments when(String name, UnaryOperator<FakeResponses.Builder> response, Expect... expectations) {
        return arguments(name, response, List.of(expectations));
    }
}
