package dev.mtasts.tlsrpt;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.chat.Readiness;
import dev.mtasts.core.chat.TlsRptSummary;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rules for moving a domain from {@code testing} to {@code enforce}, a pure function of the policy and the reports.
 *
 * <p>A {@code testing} domain is ready when its reports
 *
 * <ul>
 *   <li>span at least {@value #MIN_DAYS} days (first report's start day to last report's start day, inclusive, UTC),
 *   <li>come from at least {@value #MIN_ORGANIZATIONS} organisations,
 *   <li>cover every MX of the policy (a report lists the MX in its policy's {@code mx-host}, or names it as the
 *       receiving MX of a failure), and
 *   <li>show no {@code sts-*}, {@code certificate-*} or {@code starttls-not-supported} failures (they would bounce mail
 *       under {@code enforce}).
 * </ul>
 */
public final class EnforceReadiness {
    public static final int MIN_DAYS = 28;
    public static final int MIN_ORGANIZATIONS = 2;
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

    private EnforceReadiness() {}

    /**
     * The verdict for {@code domain}.
     *
     * @param policy the policy as last seen; empty when no check saw a valid policy
     * @param reports for a {@code testing} policy the reports of the summary window; for an {@code enforce} policy the
     *     reports since the switch (or of the window when the switch is not known)
     * @param now for the new policy {@code id}
     */
    public static Readiness assess(
            String domain, Optional<PolicyFacts> policy, List<StoredPolicy> reports, Instant now) {
        requireNonNull(domain, "domain is null");
        requireNonNull(policy, "policy is null");
        requireNonNull(reports, "reports is null");
        requireNonNull(now, "now is null");
        if (policy.isEmpty()) {
            return new Readiness.Blocked(List.of("no check of " + domain
                    + " has seen a valid MTA-STS policy: check the domain first (its mode and MX hosts decide)"));
        }
        PolicyFacts facts = policy.get();
        String mode = facts.mode().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "enforce" -> enforcing(facts, reports);
            case "testing" -> testing(domain, facts, reports, now);
            default ->
                new Readiness.Blocked(List.of("the policy's mode is " + mode
                        + ": publish it in testing first, and collect reports for " + MIN_DAYS + " days"));
        };
    }

    private static Readiness testing(String domain, PolicyFacts facts, List<StoredPolicy> reports, Instant now) {
        List<String> blockers = new ArrayList<>();
        if (reports.isEmpty()) {
            blockers.add("no reports yet: publish a TLS-RPT record (_smtp._tls." + domain
                    + ") whose rua reaches this bot, and wait " + MIN_DAYS + " days");
        } else {
            long days = spanDays(reports);
            if (days < MIN_DAYS) {
                blockers.add("reports span " + days + " day" + (days == 1 ? "" : "s") + "; at least " + MIN_DAYS
                        + " are needed");
            }
            long organizations =
                    reports.stream().map(StoredPolicy::organization).distinct().count();
            if (organizations < MIN_ORGANIZATIONS) {
                blockers.add("reports come from " + organizations + " organisation" + (organizations == 1 ? "" : "s")
                        + "; at least " + MIN_ORGANIZATIONS + " are needed");
            }
        }
        for (String mx : facts.mxPatterns()) {
            if (!covered(mx, reports)) {
                blockers.add("no report covers MX " + mx);
            }
        }
        Map<String, Long> blocking = new TreeMap<>();
        Map<String, Set<String>> blockingMx = new TreeMap<>();
        for (StoredPolicy policy : reports) {
            for (StoredPolicy.Failure failure : policy.failures()) {
                if (failure.sessions() > 0 && ResultTypes.blocksEnforce(failure.resultType())) {
                    blocking.merge(failure.resultType(), failure.sessions(), Long::sum);
                    blockingMx
                            .computeIfAbsent(failure.resultType(), type -> new TreeSet<>())
                            .add(failure.mxHost().or(policy::singleMx).orElse("an MX"));
                }
            }
        }
        blocking.forEach((type, sessions) -> {
            Set<String> hosts = blockingMx.getOrDefault(type, Set.of("an MX"));
            blockers.add(sessions + " session" + (sessions == 1 ? "" : "s") + " failed with "
                    + ReportParser.abbreviate(type) + " (" + String.join(", ", hosts) + "): "
                    + ResultTypes.likelyFix(type, domain, hosts.iterator().next()));
        });
        if (!blockers.isEmpty()) {
            return new Readiness.Blocked(blockers);
        }
        long organizations =
                reports.stream().map(StoredPolicy::organization).distinct().count();
        String newId = ID.format(now.atOffset(ZoneOffset.UTC));
        String change = "in https://mta-sts." + domain + "/.well-known/mta-sts.txt change 'mode: testing' to"
                + " 'mode: enforce' (keep the mx and max_age lines)";
        String record = "_mta-sts." + domain + ". TXT \"v=STSv1; id=" + newId + "\"";
        return new Readiness.Ready(
                newId,
                change,
                record,
                List.of("reports over " + spanDays(reports) + " days from " + organizations
                        + " organisations cover every MX, with no STS, certificate or STARTTLS failures"));
    }

    private static Readiness enforcing(PolicyFacts facts, List<StoredPolicy> reports) {
        long successful = 0;
        long failed = 0;
        for (StoredPolicy policy : reports) {
            successful += policy.successful();
            failed += policy.failed();
        }
        long total = successful + failed;
        String since = facts.modeSince()
                .map(instant -> "since the switch to enforce on " + LocalDate.ofInstant(instant, ZoneOffset.UTC))
                .orElse("in the reports at hand (the switch to enforce is not in the history)");
        String line = total == 0
                ? "already in enforce; no sessions reported " + since
                : "already in enforce; failure rate " + since + ": " + TlsRptSummary.percent(failed, total) + " ("
                        + failed + " of " + total + " sessions)";
        return new Readiness.Enforcing(facts.modeSince(), successful, failed, List.of(line));
    }

    /** Days from the first report's start day to the last report's start day, inclusive (UTC). */
    static long spanDays(List<StoredPolicy> reports) {
        LocalDate first = null;
        LocalDate last = null;
        for (StoredPolicy policy : reports) {
            LocalDate day = LocalDate.ofInstant(policy.start(), ZoneOffset.UTC);
            first = first == null || day.isBefore(first) ? day : first;
            last = last == null || day.isAfter(last) ? day : last;
        }
        return first == null ? 0 : ChronoUnit.DAYS.between(first, last) + 1;
    }

    /** Whether a report with sessions lists the policy MX, or names a receiving MX it covers. */
    static boolean covered(String pattern, List<StoredPolicy> reports) {
        String mx = Domains.normalise(pattern).orElse(pattern);
        for (StoredPolicy policy : reports) {
            if (policy.successful() + policy.failed() == 0) {
                continue;
            }
            for (String listed : policy.mxHosts()) {
                if (listed.equals(mx) || Domains.matches(mx, listed)) {
                    return true;
                }
            }
            for (StoredPolicy.Failure failure : policy.failures()) {
                if (failure.mxHost().filter(host -> Domains.matches(mx, host)).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }
}
