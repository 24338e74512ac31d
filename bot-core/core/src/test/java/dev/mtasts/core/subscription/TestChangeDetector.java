package dev.mtasts.core.subscription;

import static dev.mtasts.core.subscription.Fixtures.T0;
import static dev.mtasts.core.subscription.Fixtures.check;
import static dev.mtasts.core.subscription.Fixtures.expiring;
import static dev.mtasts.core.subscription.Fixtures.fail;
import static dev.mtasts.core.subscription.Fixtures.healthy;
import static dev.mtasts.core.subscription.Fixtures.observed;
import static dev.mtasts.core.subscription.Fixtures.report;
import static dev.mtasts.core.subscription.Fixtures.sender;
import static dev.mtasts.core.subscription.Fixtures.sha;
import static dev.mtasts.core.subscription.Fixtures.skipped;
import static dev.mtasts.core.subscription.Fixtures.tlsRpt;
import static dev.mtasts.core.subscription.Fixtures.warn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.Report;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TestChangeDetector {
    private static final Instant T1 = T0.plus(Duration.ofHours(1));
    private static final List<String> MX = List.of("mx1.example.com", "a.mail.example.net");
    private static final DomainState.Certificate POLICY_CERTIFICATE =
            new DomainState.Certificate("mta-sts.example.com", T0.plus(Duration.ofDays(60)));

    @Test
    void firstCheckIsTheBaselineAndAnnouncesNothing() {
        DomainState state = DomainStates.of(healthy(T0, "1"));

        ChangeDetector.Detection detection = ChangeDetector.detect(Optional.empty(), state, T0);

        assertThat(detection.changes()).isEmpty();
        assertThat(detection.state()).isEqualTo(state);
        assertThat(detection.needsConfirmation()).isFalse();
    }

    @Test
    void sameResultAnHourLaterIsNoChange() {
        DomainState before = state(healthy(T0, "1"), observed(sha('a'), MX, POLICY_CERTIFICATE));
        DomainState after = state(healthy(T1, "1"), observed(sha('a'), MX, POLICY_CERTIFICATE));

        ChangeDetector.Detection detection = ChangeDetector.detect(Optional.of(before), after, T1);

        assertThat(detection.changes()).isEmpty();
        assertThat(detection.state().checkedAt()).isEqualTo(T1);
    }

    @Test
    void policyEditedWithoutIdBumpIsTheLoudestChange() {
        DomainState before = state(healthy(T0, "20260101"), observed(sha('a'), MX));
        DomainState after = state(healthy(T1, "20260101"), observed(sha('b'), MX));

        List<Change> changes = detect(before, after);

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(Change.Kind.POLICY_CHANGED_WITHOUT_ID_BUMP);
            assertThat(change.level()).isEqualTo(Change.Level.ALERT);
            assertThat(change.after()).isEqualTo("20260101");
            assertThat(change.detail()).get().asString().contains("id");
        });
    }

    @Test
    void policyEditedWithIdBumpIsANotice() {
        DomainState before = state(healthy(T0, "1"), observed(sha('a'), MX));
        DomainState after = state(healthy(T1, "2"), observed(sha('b'), MX));

        List<Change> changes = detect(before, after);

        assertThat(changes)
                .extracting(Change::kind, Change::before, Change::after)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Change.Kind.POLICY_CHANGED, "1", "2"),
                        org.assertj.core.groups.Tuple.tuple(Change.Kind.RECORD_ID, "1", "2"));
        assertThat(changes).allSatisfy(change -> assertThat(change.level()).isEqualTo(Change.Level.NOTICE));
    }

    @Test
    void parsedPolicyChangeWithoutIdBumpIsCaughtEvenWithoutTheBody() {
        DomainState before = DomainStates.of(withSender(healthy(T0, "7"), sender("7", "testing", 86400, "mx1")));
        DomainState after = DomainStates.of(withSender(healthy(T1, "7"), sender("7", "enforce", 86400, "mx1")));

        List<Change> changes = detect(before, after);

        assertThat(changes)
                .extracting(Change::kind)
                .containsExactly(Change.Kind.POLICY_CHANGED_WITHOUT_ID_BUMP, Change.Kind.MODE);
        assertThat(changes.get(1))
                .extracting(Change::before, Change::after, Change::level)
                .containsExactly("testing", "enforce", Change.Level.GOOD);
    }

    @ParameterizedTest
    @CsvSource({"enforce, testing, ALERT", "enforce, none, ALERT", "testing, none, ALERT", "none, testing, GOOD"})
    void modeChangesAreLouderWhenProtectionWeakens(String from, String to, Change.Level level) {
        DomainState before = DomainStates.of(withSender(healthy(T0, "1"), sender("1", from, 86400, "mx1")));
        DomainState after = DomainStates.of(withSender(healthy(T1, "2"), sender("2", to, 86400, "mx1")));

        assertThat(detect(before, after))
                .filteredOn(change -> change.kind() == Change.Kind.MODE)
                .singleElement()
                .extracting(Change::level)
                .isEqualTo(level);
    }

    @Test
    void maxAgeAndMxLinesAreReportedWithTheirValues() {
        DomainState before = DomainStates.of(withSender(healthy(T0, "1"), sender("1", "enforce", 86400, "a", "b")));
        DomainState after = DomainStates.of(withSender(healthy(T1, "2"), sender("2", "enforce", 604800, "a", "c")));

        List<Change> changes = detect(before, after);

        assertThat(changes)
                .filteredOn(change -> change.kind() == Change.Kind.MAX_AGE)
                .singleElement()
                .extracting(Change::before, Change::after)
                .containsExactly("86400", "604800");
        assertThat(changes)
                .filteredOn(change -> change.kind() == Change.Kind.POLICY_MX)
                .singleElement()
                .extracting(Change::before, Change::after)
                .containsExactly("a, b", "a, c");
    }

    @Test
    void mxAddedWithoutUpdatingThePolicyIsAnAlert() {
        DomainState before = state(healthy(T0, "1"), observed(sha('a'), MX));
        DomainState after = state(
                healthy(T1, "1"),
                observed(sha('a'), List.of("a.mail.example.net", "mx1.example.com", "mx2.example.org")));

        List<Change> changes = detect(before, after);

        assertThat(changes).extracting(Change::kind).containsExactly(Change.Kind.MX_UNCOVERED, Change.Kind.MX_HOSTS);
        assertThat(changes.getFirst())
                .extracting(Change::level, Change::before, Change::after)
                .containsExactly(Change.Level.ALERT, "none", "mx2.example.org");
    }

    @Test
    void mxNowCoveredAgainIsGood() {
        DomainState before = state(healthy(T0, "1"), observed(sha('a'), List.of("mx1.example.com", "other.org")));
        DomainState after = state(healthy(T1, "1"), observed(sha('a'), List.of("mx1.example.com")));

        assertThat(detect(before, after))
                .filteredOn(change -> change.kind() == Change.Kind.MX_UNCOVERED)
                .singleElement()
                .extracting(Change::level, Change::after)
                .containsExactly(Change.Level.GOOD, "none");
    }

    @Test
    void tlsRptAddedAndRemoved() {
        Report without = report(
                T0,
                Optional.empty(),
                tlsRpt(
                        dev.mtasts.spi.Fact.TlsRptRecord.Publication.MISSING,
                        Finding.info("tlsrpt-record-missing", "No TLS-RPT")));
        Report with = report(
                T1,
                Optional.empty(),
                tlsRpt(
                        dev.mtasts.spi.Fact.TlsRptRecord.Publication.VALID,
                        Finding.pass("tlsrpt-record-valid", "Valid")));

        assertThat(detect(DomainStates.of(without), DomainStates.of(with)))
                .filteredOn(change -> change.kind() == Change.Kind.TLS_RPT)
                .singleElement()
                .extracting(Change::kind, Change::level, Change::before, Change::after)
                .containsExactly(Change.Kind.TLS_RPT, Change.Level.GOOD, "no record", "valid record");
        assertThat(detect(DomainStates.of(with), DomainStates.of(without)))
                .filteredOn(change -> change.kind() == Change.Kind.TLS_RPT)
                .singleElement()
                .extracting(Change::kind, Change::level)
                .containsExactly(Change.Kind.TLS_RPT, Change.Level.ALERT);
    }

    @Test
    void tlsRptLookupFailureIsCarriedForwardNotAnnounced() {
        DomainState valid = DomainStates.of(report(
                T0,
                Optional.empty(),
                tlsRpt(
                        dev.mtasts.spi.Fact.TlsRptRecord.Publication.VALID,
                        Finding.pass("tlsrpt-record-valid", "Valid"))));
        DomainState unknown = DomainStates.of(report(
                T1,
                Optional.empty(),
                tlsRpt(
                        dev.mtasts.spi.Fact.TlsRptRecord.Publication.UNKNOWN,
                        warn("tlsrpt-lookup-failed", "The _smtp._tls lookup timed out"))));

        ChangeDetector.Detection detection = ChangeDetector.detect(Optional.of(valid), unknown, T1);

        assertThat(detection.changes())
                .extracting(Change::kind)
                .containsExactly(Change.Kind.STATUS, Change.Kind.NEW_PROBLEM);
        assertThat(detection.state().tlsRpt()).isEqualTo(DomainState.TlsRpt.VALID);
        assertThat(detection.uncertain()).isTrue();
        assertThat(detection.needsConfirmation()).isTrue();
    }

    @Test
    void certificateRenewalIsGoodNews() {
        DomainState.Certificate renewed =
                new DomainState.Certificate("mta-sts.example.com", T0.plus(Duration.ofDays(150)));
        DomainState before = state(healthy(T0, "1"), observed(sha('a'), MX, POLICY_CERTIFICATE));
        DomainState after = state(healthy(T1, "1"), observed(sha('a'), MX, renewed));

        assertThat(detect(before, after))
                .singleElement()
                .extracting(Change::kind, Change::level, Change::subject)
                .containsExactly(
                        Change.Kind.CERTIFICATE_RENEWED, Change.Level.GOOD, Optional.of("mta-sts.example.com"));
    }

    @Test
    void expiringCertificateIsAnnouncedOnceThenDailyUntilRenewed() {
        Instant notAfter = T0.plus(Duration.ofDays(20));
        DomainState.Certificate expiring = new DomainState.Certificate("mta-sts.example.com", notAfter);
        DomainState told = ChangeDetector.detect(
                        Optional.empty(), state(healthy(T0, "1"), observed(sha('a'), MX, expiring)), T0)
                .state();

        Instant sevenDaysLater = T0.plus(Duration.ofDays(7));
        ChangeDetector.Detection first = ChangeDetector.detect(
                Optional.of(told),
                state(healthy(sevenDaysLater, "1"), observed(sha('a'), MX, expiring)),
                sevenDaysLater);
        assertThat(first.changes())
                .singleElement()
                .extracting(Change::kind, Change::after)
                .containsExactly(Change.Kind.CERTIFICATE_EXPIRING, notAfter.toString());

        Instant anHourLater = sevenDaysLater.plus(Duration.ofHours(1));
        ChangeDetector.Detection quiet = ChangeDetector.detect(
                Optional.of(first.state()),
                state(healthy(anHourLater, "1"), observed(sha('a'), MX, expiring)),
                anHourLater);
        assertThat(quiet.changes()).isEmpty();

        Instant nextDay = sevenDaysLater.plus(Duration.ofDays(1));
        ChangeDetector.Detection reminder = ChangeDetector.detect(
                Optional.of(quiet.state()), state(healthy(nextDay, "1"), observed(sha('a'), MX, expiring)), nextDay);
        assertThat(reminder.changes())
                .singleElement()
                .extracting(Change::kind)
                .isEqualTo(Change.Kind.CERTIFICATE_EXPIRY_REMINDER);

        Instant renewedAt = nextDay.plus(Duration.ofHours(3));
        DomainState.Certificate renewed =
                new DomainState.Certificate("mta-sts.example.com", notAfter.plus(Duration.ofDays(90)));
        ChangeDetector.Detection fixed = ChangeDetector.detect(
                Optional.of(reminder.state()),
                state(healthy(renewedAt, "1"), observed(sha('a'), MX, renewed)),
                renewedAt);
        assertThat(fixed.changes()).extracting(Change::kind).containsExactly(Change.Kind.CERTIFICATE_RENEWED);
        assertThat(fixed.state().reminders()).isEmpty();
    }

    @Test
    void certificateAlreadyExpiringAtTheBaselineIsRemindedADayLater() {
        DomainState.Certificate expiring =
                new DomainState.Certificate("mta-sts.example.com", T0.plus(Duration.ofDays(3)));
        DomainState baseline = ChangeDetector.detect(
                        Optional.empty(), state(healthy(T0, "1"), observed(sha('a'), MX, expiring)), T0)
                .state();
        assertThat(baseline.reminders())
                .singleElement()
                .extracting(DomainState.Reminder::remindedAt)
                .isEqualTo(T0);

        Instant nextDay = T0.plus(Duration.ofDays(1));
        assertThat(ChangeDetector.detect(
                                Optional.of(baseline),
                                state(healthy(nextDay, "1"), observed(sha('a'), MX, expiring)),
                                nextDay)
                        .changes())
                .extracting(Change::kind)
                .containsExactly(Change.Kind.CERTIFICATE_EXPIRY_REMINDER);
    }

    @Test
    void anExpiringMxCertificateIsANewProblemThenADailyReminderUntilItClears() {
        Report fine = report(T0, Optional.empty(), check("mx-tls", Finding.pass("mx-tls-ok", "STARTTLS works")));
        Instant day1 = T0.plus(Duration.ofDays(1));
        DomainState expiring = DomainStates.of(report(
                day1,
                Optional.empty(),
                expiring(
                        "mx-tls",
                        warn("mx-cert-expiring", "The certificate of mx1.example.com expires in 9 days"),
                        "mx1.example.com")));

        ChangeDetector.Detection first = ChangeDetector.detect(Optional.of(DomainStates.of(fine)), expiring, day1);
        assertThat(first.changes())
                .filteredOn(change -> change.subject().equals(Optional.of("mx-cert-expiring")))
                .extracting(Change::kind)
                .containsExactly(Change.Kind.NEW_PROBLEM);

        Instant later = day1.plus(Duration.ofHours(5));
        ChangeDetector.Detection quiet =
                ChangeDetector.detect(Optional.of(first.state()), restamped(expiring, later), later);
        assertThat(quiet.changes()).isEmpty();

        Instant day2 = day1.plus(Duration.ofDays(1));
        ChangeDetector.Detection reminder =
                ChangeDetector.detect(Optional.of(quiet.state()), restamped(expiring, day2), day2);
        assertThat(reminder.changes()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(Change.Kind.PROBLEM_REMINDER);
            assertThat(change.detail()).contains("The certificate of mx1.example.com expires in 9 days");
        });

        Instant renewed = day2.plus(Duration.ofHours(2));
        ChangeDetector.Detection fixed = ChangeDetector.detect(
                Optional.of(reminder.state()),
                DomainStates.of(report(
                        renewed, Optional.empty(), check("mx-tls", Finding.pass("mx-tls-ok", "STARTTLS works")))),
                renewed);
        assertThat(fixed.changes())
                .extracting(Change::kind)
                .contains(Change.Kind.PROBLEM_FIXED)
                .doesNotContain(Change.Kind.PROBLEM_REMINDER);
        assertThat(fixed.state().reminders()).isEmpty();
    }

    @Test
    void remindersFollowTheCheckersTypedFactNotTheFindingsName() {
        // The same code without the fact is an ordinary problem: announced once, never reminded of daily.
        Report fine = report(T0, Optional.empty(), check("mx-tls", Finding.pass("mx-tls-ok", "STARTTLS works")));
        Instant day1 = T0.plus(Duration.ofDays(1));
        DomainState unmarked = DomainStates.of(report(
                day1,
                Optional.empty(),
                check("mx-tls", warn("mx-cert-expiring", "The certificate of mx1.example.com expires in 9 days"))));
        ChangeDetector.Detection first = ChangeDetector.detect(Optional.of(DomainStates.of(fine)), unmarked, day1);
        Instant day2 = day1.plus(Duration.ofDays(1));
        assertThat(ChangeDetector.detect(Optional.of(first.state()), restamped(unmarked, day2), day2)
                        .changes())
                .isEmpty();

        // Any finding the check marks is reminded of, whatever its code is called.
        DomainState marked = DomainStates.of(report(
                day1,
                Optional.empty(),
                expiring("mx-tls", warn("renamed-expiry-code", "The certificate of mx2 expires in 3 days"), "mx2")));
        ChangeDetector.Detection announced = ChangeDetector.detect(Optional.of(DomainStates.of(fine)), marked, day1);
        assertThat(ChangeDetector.detect(Optional.of(announced.state()), restamped(marked, day2), day2)
                        .changes())
                .extracting(Change::kind)
                .containsExactly(Change.Kind.PROBLEM_REMINDER);
    }

    @Test
    void newProblemCarriesItsMessageAndFixedProblemSaysWhatWasFixed() {
        Report before = report(
                T0, Optional.empty(), check("mx-sync", fail("mx-unmatched", "mx2.example.org matches no mx line")));
        Report after = report(
                T1,
                Optional.empty(),
                check("mx-sync", Finding.pass("mx-sync-ok", "Every MX matches")),
                check("policy-fetch", warn("policy-fetch-slow", "The policy took 5 s")));

        List<Change> changes = detect(DomainStates.of(before), DomainStates.of(after));

        assertThat(changes)
                .extracting(Change::kind, Change::subject, Change::detail)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                Change.Kind.NEW_PROBLEM,
                                Optional.of("policy-fetch-slow"),
                                Optional.of("The policy took 5 s")),
                        org.assertj.core.groups.Tuple.tuple(
                                Change.Kind.PROBLEM_FIXED,
                                Optional.of("mx-unmatched"),
                                Optional.of("mx2.example.org matches no mx line")),
                        org.assertj.core.groups.Tuple.tuple(Change.Kind.STATUS, Optional.empty(), Optional.empty()));
    }

    @Test
    void problemsOfACheckThatCouldNotRunAreNeitherFixedNorForgotten() {
        Report before = report(
                T0,
                Optional.empty(),
                check("policy-syntax", fail("policy-mode-invalid", "mode is Enforce")),
                check("policy-fetch", Finding.pass("policy-fetch-ok", "Fetched")));
        Report after = report(
                T1,
                Optional.empty(),
                skipped("policy-syntax"),
                check("policy-fetch", fail("policy-fetch-timeout", "The policy host did not answer")));

        ChangeDetector.Detection detection =
                ChangeDetector.detect(Optional.of(DomainStates.of(before)), DomainStates.of(after), T1);

        assertThat(detection.changes()).extracting(Change::kind).containsExactly(Change.Kind.NEW_PROBLEM);
        assertThat(detection.state().finding("policy-mode-invalid")).isPresent();
        assertThat(detection.needsConfirmation()).isTrue();
    }

    @Test
    void aTimeoutSeenTwiceIsNoLongerUncertain() {
        Report timedOut = report(T0, Optional.empty(), check("dns-record", fail("check-timeout", "did not finish")));
        DomainState before = DomainStates.of(timedOut);

        ChangeDetector.Detection detection = ChangeDetector.detect(
                Optional.of(before),
                DomainStates.of(
                        report(T1, Optional.empty(), check("dns-record", fail("check-timeout", "did not finish")))),
                T1);

        assertThat(detection.changes()).isEmpty();
        assertThat(detection.uncertain()).isFalse();
    }

    @Test
    void statusChangeDirectionSetsTheLevel() {
        DomainState good = DomainStates.of(healthy(T0, "1"));
        DomainState bad = DomainStates.of(
                report(T1, Optional.empty(), check("dns-record", fail("sts-record-missing", "No record"))));

        assertThat(detect(good, bad))
                .filteredOn(change -> change.kind() == Change.Kind.STATUS)
                .singleElement()
                .extracting(Change::level, Change::before, Change::after)
                .containsExactly(Change.Level.ALERT, "pass", "fail");
        assertThat(bad.status()).isEqualTo(Severity.FAIL);
    }

    @Test
    void changesAreOrderedLoudestFirst() {
        DomainState before = state(healthy(T0, "1"), observed(sha('a'), MX));
        DomainState after = state(
                withSender(healthy(T1, "1"), sender("1", "testing", 604800, "mx1.example.com", "*.mail.example.net")),
                observed(sha('b'), MX));

        List<Change> changes = detect(before, after);

        assertThat(changes).extracting(Change::level).isSortedAccordingTo(Enum::compareTo);
        assertThat(changes.getFirst().kind()).isEqualTo(Change.Kind.POLICY_CHANGED_WITHOUT_ID_BUMP);
    }

    @Test
    void lineEndingsAndTrailingSpacesAreNotAPolicyChange() {
        String body = "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n";
        String reformatted = "version: STSv1  \r\nmode: enforce\r\nmx: mx1.example.com\r\nmax_age: 604800\r\n\r\n";

        assertThat(DomainStates.sha256(reformatted)).isEqualTo(DomainStates.sha256(body));
        assertThat(DomainStates.sha256(body.replace("604800", "86400"))).isNotEqualTo(DomainStates.sha256(body));
        assertThat(DomainStates.sha256(body)).matches("[0-9a-f]{64}");
    }

    @ParameterizedTest
    @CsvSource({
        "mx1.example.com, mx1.example.com, true",
        "MX1.Example.COM., mx1.example.com, true",
        "*.example.com, mx1.example.com, true",
        "*.example.com, a.b.example.com, false",
        "*.example.com, example.com, false",
        "mx1.example.com, mx2.example.com, false"
    })
    void mxPatternsMatchAsRfc8461Says(String pattern, String host, boolean matches) {
        assertThat(DomainState.matches(pattern, host)).isEqualTo(matches);
    }

    /** The same state, as seen by a check at {@code at}. */
    private static DomainState restamped(DomainState state, Instant at) {
        return new DomainState(
                at,
                state.status(),
                state.recordId(),
                state.mode(),
                state.maxAge(),
                state.policyMx(),
                state.policySha256(),
                state.observed(),
                state.tlsRpt(),
                state.findings(),
                state.inconclusiveChecks(),
                state.reminders());
    }

    private static List<Change> detect(DomainState before, DomainState after) {
        return ChangeDetector.detect(Optional.of(before), after, after.checkedAt())
                .changes();
    }

    private static DomainState state(Report report, Fixtures.Seen seen) {
        return DomainStates.of(Fixtures.withBody(report, seen.body()), Optional.of(seen.observed()));
    }

    private static Report withSender(Report report, dev.mtasts.spi.SenderView sender) {
        return new Report(
                report.domain(),
                report.input(),
                report.checkedAt(),
                report.duration(),
                Optional.of(sender),
                report.checks());
    }
}
