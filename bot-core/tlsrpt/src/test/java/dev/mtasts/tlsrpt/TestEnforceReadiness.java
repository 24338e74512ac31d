package dev.mtasts.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.chat.Readiness;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestEnforceReadiness {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final List<String> BOTH = List.of("mx1.example.com", "mx2.example.com");
    private static final PolicyFacts TESTING =
            new PolicyFacts("testing", BOTH, Optional.of(604800L), Optional.empty(), NOW);

    static StoredPolicy entry(
            String organization,
            LocalDate day,
            List<String> mx,
            long ok,
            long failed,
            StoredPolicy.Failure... failures) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return new StoredPolicy(
                organization,
                organization + "-" + day,
                start,
                start.plusSeconds(86399),
                NOW,
                "sts",
                mx,
                ok,
                failed,
                List.of(failures));
    }

    /** Daily reports from two organisations (alternating) over {@code days} days ending yesterday. */
    static List<StoredPolicy> daily(int days) {
        List<StoredPolicy> entries = new ArrayList<>();
        LocalDate first = LocalDate.of(2026, 12, 3).minusDays(days - 1L);
        for (int i = 0; i < days; i++) {
            entries.add(entry(i % 2 == 0 ? "Org A" : "Org B", first.plusDays(i), BOTH, 100, 0));
        }
        return entries;
    }

    private static Readiness assess(List<StoredPolicy> reports) {
        return EnforceReadiness.assess("example.com", Optional.of(TESTING), reports, NOW);
    }

    @Test
    void twentyEightDaysFromTwoOrganisationsCoveringEveryMxIsReady() {
        Readiness readiness = assess(daily(28));

        assertThat(readiness).isInstanceOf(Readiness.Ready.class);
        Readiness.Ready ready = (Readiness.Ready) readiness;
        assertThat(ready.newId()).isEqualTo("20261204120000");
        assertThat(ready.record()).isEqualTo("_mta-sts.example.com. TXT \"v=STSv1; id=20261204120000\"");
        assertThat(ready.policyChange())
                .isEqualTo("in https://mta-sts.example.com/.well-known/mta-sts.txt change 'mode: testing' to"
                        + " 'mode: enforce' (keep the mx and max_age lines)");
        assertThat(ready.reasons())
                .containsExactly("reports over 28 days from 2 organisations cover every MX, with no STS, certificate or"
                        + " STARTTLS failures");
    }

    @Test
    void twentySevenDaysAreNotEnough() {
        Readiness readiness = assess(daily(27));

        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.reasons()).containsExactly("reports span 27 days; at least 28 are needed");
    }

    @Test
    void theSpanCountsDaysNotReports() {
        LocalDate first = LocalDate.of(2026, 11, 6);
        List<StoredPolicy> twoReports =
                List.of(entry("Org A", first, BOTH, 10, 0), entry("Org B", first.plusDays(27), BOTH, 10, 0));

        assertThat(assess(twoReports).ready()).isTrue();
        assertThat(EnforceReadiness.spanDays(twoReports)).isEqualTo(28);
    }

    @Test
    void oneOrganisationIsNotEnough() {
        List<StoredPolicy> single = daily(30).stream()
                .map(entry -> entry("Org A", LocalDate.ofInstant(entry.start(), ZoneOffset.UTC), BOTH, 100, 0))
                .toList();

        assertThat(assess(single).reasons()).containsExactly("reports come from 1 organisation; at least 2 are needed");
    }

    @Test
    void anMxWithNoReportsBlocks() {
        List<StoredPolicy> onlyMx1 = daily(30).stream()
                .map(entry -> entry(
                        entry.organization(),
                        LocalDate.ofInstant(entry.start(), ZoneOffset.UTC),
                        List.of("mx1.example.com"),
                        100,
                        0))
                .toList();

        assertThat(assess(onlyMx1).reasons()).containsExactly("no report covers MX mx2.example.com");
    }

    @Test
    void entriesWithoutSessionsCoverNothing() {
        List<StoredPolicy> reports = new ArrayList<>(daily(30));
        reports.replaceAll(entry -> entry(
                entry.organization(),
                LocalDate.ofInstant(entry.start(), ZoneOffset.UTC),
                List.of("mx1.example.com"),
                1,
                0));
        reports.add(entry("Org A", LocalDate.of(2026, 12, 3), List.of("mx2.example.com"), 0, 0));

        assertThat(assess(reports).reasons()).containsExactly("no report covers MX mx2.example.com");
    }

    @Test
    void aWildcardMxIsCoveredByTheHostsItMatches() {
        PolicyFacts wildcard =
                new PolicyFacts("testing", List.of("*.example.com"), Optional.empty(), Optional.empty(), NOW);

        assertThat(EnforceReadiness.assess("example.com", Optional.of(wildcard), daily(28), NOW)
                        .ready())
                .isTrue();
        assertThat(EnforceReadiness.covered(
                        "*.example.com",
                        List.of(entry("A", LocalDate.of(2026, 12, 1), List.of("a.b.example.com"), 1, 0))))
                .isFalse();
    }

    @Test
    void certificateStsAndStarttlsFailuresBlockWithTheFix() {
        List<StoredPolicy> reports = new ArrayList<>(daily(28));
        reports.add(entry(
                "Org A",
                LocalDate.of(2026, 12, 3),
                BOTH,
                90,
                12,
                new StoredPolicy.Failure("certificate-host-mismatch", Optional.of("mx2.example.com"), 4),
                new StoredPolicy.Failure("sts-policy-fetch-error", Optional.empty(), 3),
                new StoredPolicy.Failure("starttls-not-supported", Optional.of("mx1.example.com"), 2),
                new StoredPolicy.Failure("validation-failure", Optional.of("mx1.example.com"), 2),
                new StoredPolicy.Failure("x-unknown", Optional.of("mx1.example.com"), 1)));

        assertThat(assess(reports).reasons())
                .containsExactly(
                        "4 sessions failed with certificate-host-mismatch (mx2.example.com): mx2.example.com presents"
                                + " a certificate that does not name it: reissue the certificate with mx2.example.com in"
                                + " its subject alternative names",
                        "2 sessions failed with starttls-not-supported (mx1.example.com): mx1.example.com does not"
                                + " offer STARTTLS: enable STARTTLS on it, with a certificate valid for mx1.example.com",
                        "3 sessions failed with sts-policy-fetch-error (an MX): senders could not fetch"
                                + " https://mta-sts.example.com/.well-known/mta-sts.txt: make sure the policy host"
                                + " answers 200 over HTTPS with a valid certificate");
    }

    @Test
    void otherFailuresDoNotBlock() {
        List<StoredPolicy> reports = new ArrayList<>(daily(28));
        reports.add(entry(
                "Org B",
                LocalDate.of(2026, 12, 3),
                BOTH,
                90,
                2,
                new StoredPolicy.Failure("validation-failure", Optional.of("mx1.example.com"), 1),
                new StoredPolicy.Failure("dane-required", Optional.of("mx1.example.com"), 1)));

        assertThat(assess(reports).ready()).isTrue();
    }

    @Test
    void withoutReportsEverythingBlocks() {
        assertThat(assess(List.of()).reasons())
                .containsExactly(
                        "no reports yet: publish a TLS-RPT record (_smtp._tls.example.com) whose rua reaches this bot,"
                                + " and wait 28 days",
                        "no report covers MX mx1.example.com",
                        "no report covers MX mx2.example.com");
    }

    @Test
    void withoutAPolicyOrInModeNoneItCannotSay() {
        assertThat(EnforceReadiness.assess("example.com", Optional.empty(), daily(30), NOW)
                        .reasons())
                .containsExactly("no check of example.com has seen a valid MTA-STS policy: check the domain first (its"
                        + " mode and MX hosts decide)");
        PolicyFacts none = new PolicyFacts("none", BOTH, Optional.empty(), Optional.empty(), NOW);
        assertThat(EnforceReadiness.assess("example.com", Optional.of(none), daily(30), NOW)
                        .reasons())
                .containsExactly(
                        "the policy's mode is none: publish it in testing first, and collect reports for 28" + " days");
    }

    @Test
    void enforceDomainsGetTheirFailureRateSinceTheSwitch() {
        PolicyFacts enforce = new PolicyFacts(
                "enforce", BOTH, Optional.empty(), Optional.of(Instant.parse("2026-11-20T08:00:00Z")), NOW);
        List<StoredPolicy> reports = List.of(
                entry("Org A", LocalDate.of(2026, 11, 21), BOTH, 997, 3),
                entry("Org B", LocalDate.of(2026, 11, 22), BOTH, 1000, 0));

        Readiness readiness = EnforceReadiness.assess("example.com", Optional.of(enforce), reports, NOW);

        assertThat(readiness).isInstanceOf(Readiness.Enforcing.class);
        assertThat(readiness.ready()).isTrue();
        assertThat(((Readiness.Enforcing) readiness).failureRate()).isEqualTo(3.0 / 2000);
        assertThat(readiness.reasons())
                .containsExactly("already in enforce; failure rate since the switch to enforce on 2026-11-20: 0.15 %"
                        + " (3 of 2000 sessions)");
    }
}
