package dev.mtasts.checks;

import static dev.mtasts.checks.Expect.absent;
import static dev.mtasts.checks.Expect.fail;
import static dev.mtasts.checks.Expect.info;
import static dev.mtasts.checks.Expect.pass;
import static dev.mtasts.checks.Expect.warn;
import static dev.mtasts.checks.Fixtures.DOMAIN;
import static dev.mtasts.checks.Fixtures.POLICY;
import static dev.mtasts.checks.Fixtures.STS;
import static dev.mtasts.checks.Fixtures.healthy;
import static dev.mtasts.checks.Fixtures.policy;
import static dev.mtasts.checks.Fixtures.withPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.LookupResult.NotFoundKind;
import dev.mtasts.testing.FakeDomainContext;
import dev.mtasts.testing.FakeResponses;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TestMxSyncCheck {
    private static final String TESTING = POLICY.replace("enforce", "testing");
    private static final String NONE = POLICY.replace("enforce", "none");

    static Stream<Arguments> cases() {
        return Stream.of(
                when(
                        "M1 every MX matches an exact pattern",
                        () -> healthy(),
                        pass("mx-sync-ok", "All 2 MX hosts", "mx1.example.com → mx1.example.com"),
                        absent("mx-unmatched"),
                        absent("mx-pattern-stale")),
                when(
                        "M1 a wildcard covers exactly one label",
                        () -> withPolicy(
                                policy("version: STSv1", "mode: enforce", "mx: *.example.com", "max_age: 604800")),
                        pass("mx-sync-ok"),
                        info("mx-pattern-wildcard", "*.example.com", "exactly one label")),
                when(
                        "M1 *.mx.microsoft does not cover a two-label MX (PS.MTA-STS #33)",
                        () -> withPolicy(policy(
                                        "version: STSv1", "mode: enforce", "mx: *.mx.microsoft", "max_age: 604800"))
                                .mx(DOMAIN, "0 icewolf-li.h-v1.mx.microsoft")
                                .addresses("icewolf-li.h-v1.mx.microsoft", "192.0.2.30"),
                        fail("mx-unmatched", "icewolf-li.h-v1.mx.microsoft", "exactly one label"),
                        warn("mx-pattern-stale", "*.mx.microsoft")),
                when(
                        "M2 matching ignores case and the trailing dot",
                        () -> withPolicy(policy(
                                "version: STSv1",
                                "mode: enforce",
                                "mx: MX1.Example.COM.",
                                "mx: mx2.EXAMPLE.com",
                                "max_age: 604800")),
                        pass("mx-sync-ok"),
                        absent("mx-unmatched")),
                when(
                        "M2 no substring match: mail.example.com does not cover xmail.example.com",
                        () -> withPolicy(policy(
                                        "version: STSv1", "mode: enforce", "mx: mail.example.com", "max_age: 604800"))
                                .mx(DOMAIN, "10 xmail.example.com")
                                .addresses("xmail.example.com", "192.0.2.40"),
                        fail("mx-unmatched", "xmail.example.com")),
                when(
                        "M3 an unmatched MX in enforce fails",
                        () -> healthy()
                                .mx(DOMAIN, "10 mx1.example.com", "20 mx2.example.com", "30 mx3.example.net")
                                .addresses("mx3.example.net", "192.0.2.12"),
                        fail("mx-unmatched", "mx3.example.net (preference 30)", "refuse to deliver to it"),
                        absent("mx-sync-ok")),
                when(
                        "M3 no MX matches in enforce: no mail can be delivered",
                        () -> withPolicy(
                                policy("version: STSv1", "mode: enforce", "mx: mail.example.org", "max_age: 604800")),
                        fail("mx-unmatched", "cannot deliver any mail")),
                when(
                        "M3 an unmatched MX in testing warns",
                        () -> withPolicy(TESTING)
                                .mx(DOMAIN, "10 mx1.example.com", "20 mx2.example.com", "30 mx3.example.net")
                                .addresses("mx3.example.net", "192.0.2.12"),
                        warn("mx-unmatched", "still deliver")),
                when(
                        "M3 an unmatched MX in mode none is info",
                        () -> withPolicy(NONE)
                                .mx(DOMAIN, "10 mx1.example.com", "20 mx2.example.com", "30 mx3.example.net")
                                .addresses("mx3.example.net", "192.0.2.12"),
                        info("mx-unmatched", "no effect now")),
                when(
                        "M4 a pattern that matches no MX is stale (warn)",
                        () -> withPolicy(POLICY + "mx: old.example.com\n"),
                        warn("mx-pattern-stale", "old.example.com"),
                        pass("mx-sync-ok")),
                when(
                        "M4 a stale pattern in mode none is info",
                        () -> withPolicy(NONE + "mx: old.example.com\n"),
                        info("mx-pattern-stale")),
                when(
                        "M5 a backup MX at a high preference is checked too",
                        () -> healthy()
                                .mx(DOMAIN, "10 mx1.example.com", "20 mx2.example.com", "90 backup.example.org")
                                .addresses("backup.example.org", "192.0.2.99"),
                        fail("mx-unmatched", "backup.example.org (preference 90)")),
                when(
                        "M5 an MX host without addresses warns when others resolve",
                        () -> healthy()
                                .addresses("mx2.example.com", LookupResult.notFound(NotFoundKind.NO_DATA, "no A/AAAA")),
                        warn("mx-host-unresolvable", "mx2.example.com"),
                        pass("mx-sync-ok")),
                when(
                        "M5 no MX host resolves: fail",
                        () -> healthy()
                                .addresses("mx1.example.com", LookupResult.notFound(NotFoundKind.NXDOMAIN, "NXDOMAIN"))
                                .addresses("mx2.example.com", LookupResult.notFound(NotFoundKind.NXDOMAIN, "NXDOMAIN")),
                        fail("mx-host-unresolvable", "No MX host")),
                when(
                        "M5 a failed address lookup warns",
                        () -> healthy()
                                .addresses("mx2.example.com", LookupResult.failed(FailureKind.TIMEOUT, "timed out")),
                        warn("mx-host-lookup-failed", "timed out")),
                when(
                        "M5 a failed MX lookup warns",
                        () -> healthy().mx(DOMAIN, LookupResult.failed(FailureKind.SERVER_FAILURE, "SERVFAIL")),
                        warn("mx-lookup-failed", "SERVFAIL")),
                when(
                        "M6 no MX: the domain itself is the implicit MX",
                        () -> withPolicy(
                                        policy("version: STSv1", "mode: enforce", "mx: example.com", "max_age: 604800"))
                                .mx(DOMAIN, LookupResult.notFound(NotFoundKind.NO_DATA, "no MX"))
                                .addresses(DOMAIN, "192.0.2.1"),
                        info("mx-implicit", "implicit MX"),
                        pass("mx-sync-ok")),
                when(
                        "M6 no MX and patterns for other hosts: the implicit MX is unmatched",
                        () -> healthy()
                                .mx(DOMAIN, LookupResult.notFound(NotFoundKind.NO_DATA, "no MX"))
                                .addresses(DOMAIN, "192.0.2.1"),
                        info("mx-implicit"),
                        fail("mx-unmatched", "example.com")),
                when(
                        "M6 a null MX makes MTA-STS moot",
                        () -> healthy().mx(DOMAIN, "0 ."),
                        info("mx-null", "accepts no mail"),
                        absent("mx-unmatched"),
                        absent("mx-pattern-stale")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reports(String name, Supplier<FakeDomainContext.Builder> setup, List<Expect> expectations) {
        List<Finding> findings =
                Fixtures.findings(new MxSyncCheck(), setup.get().build());

        expectations.forEach(expectation -> expectation.check(findings));
        assertThat(findings).allSatisfy(finding -> assertThat(finding.code()).startsWith("mx-"));
    }

    @Test
    void healthyDomainIsClean() {
        Expect.clean(Fixtures.findings(new MxSyncCheck(), healthy().build()));
    }

    @Test
    void unmatchedRemediationAddsTheLineAndBumpsTheIdWithTheRealTtl() {
        FakeDomainContext context = healthy()
                .txt(STS, Fixtures.txt(STS, 600, List.of("v=STSv1; id=" + Fixtures.ID)))
                .mx(DOMAIN, "10 mx1.example.com", "20 mx2.example.com", "30 mx3.example.net")
                .addresses("mx3.example.net", "192.0.2.12")
                .build();

        Finding finding = Fixtures.findings(new MxSyncCheck(), context).stream()
                .filter(candidate -> candidate.code().equals("mx-unmatched"))
                .findFirst()
                .orElseThrow();
        FixTime fixTime = finding.fixTime().orElseThrow();

        assertThat(finding.remediation().orElseThrow().action())
                .contains(
                        "\"mx: mx3.example.net\"", "_mta-sts.example.com. 600 IN TXT \"v=STSv1; id=20261128T120000\"");
        assertThat(fixTime.text()).startsWith("10 min change + id bump").contains("up to 10 min");
        assertThat(fixTime.waiting()).hasSeconds(600);
        assertThat(finding.evidence()).contains("example.com. 3600 IN MX 30 mx3.example.net.");
    }

    @Test
    void skippedWithoutAPolicy() {
        FakeDomainContext context = healthy()
                .policyFile(LookupResult.failed(FailureKind.TIMEOUT, "timed out"))
                .build();

        assertThat(new MxSyncCheck().run(context)).isInstanceOf(CheckResult.Skipped.class);
    }

    @Test
    void skippedWithoutAValidMode() {
        FakeDomainContext context = healthy()
                .policyFile(FakeResponses.policy(DOMAIN, POLICY.replace("enforce", "Enforce"))
                        .found())
                .build();

        assertThat(new MxSyncCheck().run(context)).isInstanceOf(CheckResult.Skipped.class);
    }

    static Arguments when(String name, Supplier<FakeDomainContext.Builder> setup, Expect... expectations) {
        return arguments(name, setup, List.of(expectations));
    }
}
