package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares what subscribers were last told about a domain with a new check, and says what changed. Pure: no clock
 * (the caller passes {@code now}), no I/O.
 *
 * <p>What the new check could not see is carried forward rather than reported as changed: raw data when the
 * engine kept no observation, TLS-RPT when its lookup failed, the earlier findings of a check that was skipped,
 * timed out or crashed. A certificate that expires within {@link #EXPIRY_WARNING} is announced once, then again
 * every {@link #REMINDER_INTERVAL} until it is renewed.
 */
public final class ChangeDetector {
    public static final Duration EXPIRY_WARNING = Duration.ofDays(14);
    public static final Duration REMINDER_INTERVAL = Duration.ofDays(1);

    private ChangeDetector() {}

    /**
     * @param previous what subscribers were last told; empty for the first check (the baseline: nothing changed)
     * @param current the new check
     * @param now the time of the comparison, for certificate expiry
     */
    public static Detection detect(Optional<DomainState> previous, DomainState current, Instant now) {
        requireNonNull(previous, "previous is null");
        requireNonNull(current, "current is null");
        requireNonNull(now, "now is null");
        if (previous.isEmpty()) {
            Reminders reminders = reminders(List.of(), current, now, true);
            return new Detection(List.of(), current.withReminders(reminders.kept()), false);
        }
        DomainState before = previous.get();
        DomainState after = carryForward(before, current);
        List<Change> changes = new ArrayList<>();
        status(before, after, changes);
        recordAndPolicy(before, after, changes);
        mx(before, after, changes);
        tlsRpt(before, after, changes);
        renewals(before, after, changes);
        Reminders reminders = reminders(before.reminders(), after, now, false);
        changes.addAll(reminders.changes());
        findings(before, after, changes);
        changes.sort(Comparator.comparing(Change::level).thenComparing(Change::kind));
        boolean uncertain = after.findings().stream()
                .filter(finding -> DomainStates.isInconclusive(finding.code()))
                .anyMatch(finding -> before.finding(finding.code()).isEmpty());
        return new Detection(changes, after.withReminders(reminders.kept()), uncertain);
    }

    private static DomainState carryForward(DomainState before, DomainState current) {
        Optional<DomainState.Observed> observed =
                current.observed().isPresent() ? current.observed() : before.observed();
        DomainState.TlsRpt tlsRpt = current.tlsRpt() == DomainState.TlsRpt.UNKNOWN ? before.tlsRpt() : current.tlsRpt();
        Map<String, DomainState.FindingState> findings = new LinkedHashMap<>();
        for (DomainState.FindingState finding : current.findings()) {
            findings.put(finding.code(), finding);
        }
        for (DomainState.FindingState finding : before.findings()) {
            if (current.inconclusiveChecks().contains(finding.check())) {
                findings.putIfAbsent(finding.code(), finding);
            }
        }
        List<DomainState.FindingState> merged = new ArrayList<>(findings.values());
        merged.sort(Comparator.comparing(DomainState.FindingState::code));
        return current.carryingForward(observed, tlsRpt, merged);
    }

    private static void status(DomainState before, DomainState after, List<Change> changes) {
        if (before.status() != after.status()) {
            Change.Level level = after.status().isWorseThan(before.status()) ? Change.Level.ALERT : Change.Level.GOOD;
            changes.add(Change.of(
                    Change.Kind.STATUS,
                    level,
                    before.status().label(),
                    after.status().label()));
        }
    }

    private static void recordAndPolicy(DomainState before, DomainState after, List<Change> changes) {
        boolean idChanged = !before.recordId().equals(after.recordId());
        if (idChanged) {
            Change.Level level = after.recordId().isEmpty() ? Change.Level.ALERT : Change.Level.NOTICE;
            changes.add(Change.of(Change.Kind.RECORD_ID, level, text(before.recordId()), text(after.recordId())));
        }
        boolean bothPolicies = before.hasPolicy() && after.hasPolicy();
        boolean bodyChanged = before.policySha256().isPresent()
                && after.policySha256().isPresent()
                && !before.policySha256().equals(after.policySha256());
        boolean fieldsChanged = bothPolicies
                && (!before.mode().equals(after.mode())
                        || !before.maxAge().equals(after.maxAge())
                        || !before.policyMx().equals(after.policyMx()));
        if (bodyChanged || fieldsChanged) {
            if (!idChanged && after.recordId().isPresent()) {
                changes.add(new Change(
                        Change.Kind.POLICY_CHANGED_WITHOUT_ID_BUMP,
                        Change.Level.ALERT,
                        Optional.empty(),
                        after.recordId().get(),
                        after.recordId().get(),
                        Optional.of("The policy file changed but the id in the _mta-sts TXT record did not: senders"
                                + " that cached the old policy keep using it until its max_age runs out. Change the"
                                + " id (e.g. to today's date and time) whenever the policy file changes.")));
            } else {
                changes.add(Change.of(
                        Change.Kind.POLICY_CHANGED,
                        Change.Level.NOTICE,
                        text(before.recordId()),
                        text(after.recordId())));
            }
        }
        if (bothPolicies && !before.mode().equals(after.mode())) {
            Change.Level level =
                    modeRank(after.mode().get()) < modeRank(before.mode().get())
                            ? Change.Level.ALERT
                            : Change.Level.GOOD;
            changes.add(Change.of(
                    Change.Kind.MODE, level, before.mode().get(), after.mode().get()));
        }
        if (bothPolicies && !before.maxAge().equals(after.maxAge())) {
            changes.add(Change.of(
                    Change.Kind.MAX_AGE,
                    Change.Level.NOTICE,
                    text(before.maxAge().map(String::valueOf)),
                    text(after.maxAge().map(String::valueOf))));
        }
        if (bothPolicies && !before.policyMx().equals(after.policyMx())) {
            changes.add(Change.of(
                    Change.Kind.POLICY_MX, Change.Level.NOTICE, list(before.policyMx()), list(after.policyMx())));
        }
    }

    private static void mx(DomainState before, DomainState after, List<Change> changes) {
        if (before.observed().isEmpty() || after.observed().isEmpty()) {
            return;
        }
        List<String> hostsBefore = before.observed().get().mxHosts();
        List<String> hostsAfter = after.observed().get().mxHosts();
        if (!hostsBefore.equals(hostsAfter)) {
            changes.add(Change.of(Change.Kind.MX_HOSTS, Change.Level.NOTICE, list(hostsBefore), list(hostsAfter)));
        }
        if (!before.hasPolicy() || !after.hasPolicy()) {
            return;
        }
        List<String> uncoveredBefore = before.uncoveredMx();
        List<String> uncoveredAfter = after.uncoveredMx();
        if (!uncoveredBefore.equals(uncoveredAfter)) {
            boolean worse = uncoveredAfter.stream().anyMatch(host -> !uncoveredBefore.contains(host));
            changes.add(new Change(
                    Change.Kind.MX_UNCOVERED,
                    worse ? Change.Level.ALERT : Change.Level.GOOD,
                    Optional.empty(),
                    list(uncoveredBefore),
                    list(uncoveredAfter),
                    worse
                            ? Optional.of("Senders that apply the policy refuse to deliver to an MX host no mx line"
                                    + " covers (in enforce mode; in testing they report it). Add an mx line for it"
                                    + " and bump the id.")
                            : Optional.empty()));
        }
    }

    private static void tlsRpt(DomainState before, DomainState after, List<Change> changes) {
        if (before.tlsRpt() == after.tlsRpt()
                || before.tlsRpt() == DomainState.TlsRpt.UNKNOWN
                || after.tlsRpt() == DomainState.TlsRpt.UNKNOWN) {
            return;
        }
        Change.Level level;
        if (after.tlsRpt() == DomainState.TlsRpt.VALID) {
            level = Change.Level.GOOD;
        } else if (before.tlsRpt() == DomainState.TlsRpt.VALID) {
            level = Change.Level.ALERT;
        } else {
            level = Change.Level.NOTICE;
        }
        changes.add(Change.of(
                Change.Kind.TLS_RPT,
                level,
                before.tlsRpt().label(),
                after.tlsRpt().label()));
    }

    private static void renewals(DomainState before, DomainState after, List<Change> changes) {
        if (before.observed().isEmpty() || after.observed().isEmpty()) {
            return;
        }
        for (DomainState.Certificate certificate : after.observed().get().certificates()) {
            Optional<DomainState.Certificate> earlier = before.observed().get().certificate(certificate.host());
            if (earlier.isEmpty() || earlier.get().notAfter().equals(certificate.notAfter())) {
                continue;
            }
            boolean renewed = certificate.notAfter().isAfter(earlier.get().notAfter());
            changes.add(new Change(
                    renewed ? Change.Kind.CERTIFICATE_RENEWED : Change.Kind.CERTIFICATE_REPLACED,
                    renewed ? Change.Level.GOOD : Change.Level.NOTICE,
                    Optional.of(certificate.host()),
                    earlier.get().notAfter().toString(),
                    certificate.notAfter().toString(),
                    Optional.empty()));
        }
    }

    /**
     * Announces each certificate that expires within {@link #EXPIRY_WARNING}: once when first seen, then again every
     * {@link #REMINDER_INTERVAL} until it is renewed. Certificates the raw data does not show (the MX hosts') are
     * known by the expiry findings their checks mark ({@link DomainState.FindingState#expiringCertificates()}): those are announced as new problems, then reminded of
     * daily while they last. A baseline records the reminders without announcing them (the baseline report shows
     * the problem). Without raw data the earlier certificate reminders are kept as they are.
     */
    private static Reminders reminders(
            List<DomainState.Reminder> earlier, DomainState state, Instant now, boolean baseline) {
        List<DomainState.Reminder> kept = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        if (state.observed().isEmpty()) {
            earlier.stream().filter(reminder -> reminder.notAfter().isPresent()).forEach(kept::add);
        } else {
            for (DomainState.Certificate certificate : state.observed().get().certificates()) {
                if (certificate.notAfter().isAfter(now.plus(EXPIRY_WARNING))) {
                    continue;
                }
                Optional<DomainState.Reminder> last = earlier.stream()
                        .filter(reminder -> reminder.subject().equals(certificate.host())
                                && reminder.notAfter().equals(Optional.of(certificate.notAfter())))
                        .findFirst();
                boolean due = last.isEmpty()
                        || !last.get().remindedAt().plus(REMINDER_INTERVAL).isAfter(now);
                if (due && !baseline) {
                    changes.add(new Change(
                            last.isEmpty() ? Change.Kind.CERTIFICATE_EXPIRING : Change.Kind.CERTIFICATE_EXPIRY_REMINDER,
                            Change.Level.ALERT,
                            Optional.of(certificate.host()),
                            certificate.notAfter().toString(),
                            certificate.notAfter().toString(),
                            Optional.empty()));
                }
                kept.add(
                        due
                                ? new DomainState.Reminder(certificate.host(), Optional.of(certificate.notAfter()), now)
                                : last.get());
            }
        }
        for (DomainState.FindingState finding : state.problems()) {
            if (finding.expiringCertificates().isEmpty() || announcedByDate(finding, state)) {
                continue;
            }
            Optional<DomainState.Reminder> last = earlier.stream()
                    .filter(reminder -> reminder.subject().equals(finding.code())
                            && reminder.notAfter().isEmpty())
                    .findFirst();
            if (last.isEmpty()) {
                // Announced as a new problem (or shown by the baseline); reminded of from tomorrow.
                kept.add(new DomainState.Reminder(finding.code(), Optional.empty(), now));
            } else if (!last.get().remindedAt().plus(REMINDER_INTERVAL).isAfter(now)) {
                if (!baseline) {
                    changes.add(new Change(
                            Change.Kind.PROBLEM_REMINDER,
                            Change.Level.ALERT,
                            Optional.of(finding.code()),
                            finding.severity().label(),
                            finding.severity().label(),
                            Optional.of(finding.message())));
                }
                kept.add(new DomainState.Reminder(finding.code(), Optional.empty(), now));
            } else {
                kept.add(last.get());
            }
        }
        return new Reminders(kept, changes);
    }

    /** Whether every certificate the expiry finding names is in the raw data, and so announced by its date above. */
    private static boolean announcedByDate(DomainState.FindingState finding, DomainState state) {
        return state.observed()
                .map(observed -> finding.expiringCertificates().stream()
                        .allMatch(host -> observed.certificate(host).isPresent()))
                .orElse(false);
    }

    private static void findings(DomainState before, DomainState after, List<Change> changes) {
        for (DomainState.FindingState finding : after.problems()) {
            Optional<DomainState.FindingState> earlier = before.finding(finding.code());
            if (earlier.isPresent() && earlier.get().isProblem()) {
                continue;
            }
            changes.add(new Change(
                    Change.Kind.NEW_PROBLEM,
                    finding.severity() == Severity.FAIL ? Change.Level.ALERT : Change.Level.NOTICE,
                    Optional.of(finding.code()),
                    earlier.map(state -> state.severity().label()).orElse(Change.NONE),
                    finding.severity().label(),
                    Optional.of(finding.message())));
        }
        for (DomainState.FindingState finding : before.problems()) {
            Optional<DomainState.FindingState> now = after.finding(finding.code());
            if (now.isPresent() && now.get().isProblem()) {
                continue;
            }
            changes.add(new Change(
                    Change.Kind.PROBLEM_FIXED,
                    Change.Level.GOOD,
                    Optional.of(finding.code()),
                    finding.severity().label(),
                    now.map(state -> state.severity().label()).orElse(Change.NONE),
                    Optional.of(finding.message())));
        }
    }

    private static int modeRank(String mode) {
        return switch (mode) {
            case "enforce" -> 2;
            case "testing" -> 1;
            default -> 0;
        };
    }

    private static String text(Optional<String> value) {
        return value.orElse(Change.NONE);
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? Change.NONE : String.join(", ", values);
    }

    private record Reminders(List<DomainState.Reminder> kept, List<Change> changes) {}

    /**
     * The outcome of a comparison.
     *
     * @param changes what changed, loudest first; empty when nothing did
     * @param state what to remember as told once the changes are announced
     * @param uncertain the new check has an inconclusive finding (a timeout, a failed lookup) that the previous one
     *     did not: the changes may be a blip, so confirm them with another check before announcing them
     */
    public record Detection(List<Change> changes, DomainState state, boolean uncertain) {
        public Detection {
            changes = List.copyOf(requireNonNull(changes, "changes is null"));
            requireNonNull(state, "state is null");
        }

        /** Whether to re-check before telling anyone: uncertain, and more than a certificate reminder. */
        public boolean needsConfirmation() {
            return uncertain
                    && changes.stream()
                            .anyMatch(change -> change.kind() != Change.Kind.CERTIFICATE_EXPIRY_REMINDER
                                    && change.kind() != Change.Kind.CERTIFICATE_EXPIRING
                                    && change.kind() != Change.Kind.PROBLEM_REMINDER);
        }
    }
}
