package dev.mtasts.checks;

import static dev.mtasts.spi.Severity.FAIL;
import static dev.mtasts.spi.Severity.WARN;

import dev.mtasts.checks.policy.Durations;
import dev.mtasts.checks.policy.Policies;
import dev.mtasts.checks.policy.PolicyAnalysis;
import dev.mtasts.checks.policy.PolicyDocument;
import dev.mtasts.checks.policy.PolicyMode;
import dev.mtasts.checks.record.RecordStatus;
import dev.mtasts.checks.record.ReportUri;
import dev.mtasts.checks.record.StsRecordAnalysis;
import dev.mtasts.checks.record.TagValueRecords;
import dev.mtasts.checks.record.TlsRptAnalysis;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.HttpsResponse;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.Observation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code id-sync}: the two halves of MTA-STS, the DNS {@code id} and the policy body, kept in step over time. The
 * policy file carries no id, so drift is only visible against what earlier checks saw ({@link
 * DomainContext#history()}): a body changed under the same id (senders holding the old policy never re-fetch it), an
 * id bumped before the body (RFC 8461 §8.1), an id reused, a policy stuck in {@code testing}, and a deployment removed
 * without the {@code none} stage (§8.3). Ids have no ordering (§3.1): they are compared for equality only, and a
 * date-shaped id is read as a hint, never compared by size.
 */
public final class IdSyncCheck implements Check {
    public static final String ID = "id-sync";

    /** An id dated more than this before the file's Last-Modified looks stale. */
    static final long STALE_ID_DAYS = 30;
    /** Longer than this in mode testing is stuck. */
    static final Period STUCK_IN_TESTING = Period.ofMonths(6);
    /** A cached enforce policy with a max_age above a day makes a removal without the none stage risky. */
    static final long LONG_MAX_AGE_SECONDS = 86_400;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Policy id in step with the policy body (history)";
    }

    @Override
    public CheckResult run(DomainContext context) {
        List<Observation> history = context.history();
        Current current = Current.of(context);
        List<Finding> findings = new ArrayList<>();
        removal(context, current, history).ifPresent(findings::add);
        findings.addAll(sync(context, current, history));
        stuckInTesting(context, current, history).ifPresent(findings::add);
        if (findings.isEmpty()) {
            return CheckResult.skipped("the current id or policy body is unknown, so there is nothing to compare with"
                    + " the domain's history: " + current.unknownBecause());
        }
        return CheckResult.of(findings);
    }

    // Rules 1-5 of the id/body comparison, plus id reuse.

    private static List<Finding> sync(DomainContext context, Current current, List<Observation> history) {
        if (current.id().isEmpty() || current.sha256().isEmpty()) {
            return List.of();
        }
        String id = current.id().get();
        String sha256 = current.sha256().get();
        List<Observation> complete = history.stream()
                .filter(observation -> observation.recordId().isPresent()
                        && observation.bodySha256().isPresent())
                .toList();
        List<Finding> findings = new ArrayList<>();
        if (complete.isEmpty()) {
            findings.add(IdSyncCode.ID_BASELINE.pass("Baseline recorded: id=" + id + " with this policy (sha256 "
                    + sha256.substring(0, 12) + "…). Later checks compare against it and catch a policy changed"
                    + " without a new id; subscribe to " + context.domain() + " to keep watching."));
            staleId(context, current, false).ifPresent(findings::add);
            return findings;
        }
        List<Observation> run = leadingRun(complete, id);
        List<Observation> older = complete.subList(run.size(), complete.size());
        boolean notBumped = false;
        boolean idChangeSeenWithoutBodyChange = false;
        if (!run.isEmpty()) {
            List<Observation> differing = run.stream()
                    .filter(observation ->
                            !observation.bodySha256().orElseThrow().equals(sha256))
                    .toList();
            Optional<Observation> changedEffect = differing.stream()
                    .filter(observation -> !current.sameEffect(observation))
                    .findFirst();
            if (changedEffect.isPresent()) {
                findings.add(notBumped(context, current, run, older, changedEffect.get()));
                notBumped = true;
            } else if (!differing.isEmpty()) {
                Observation edited = differing.getFirst();
                findings.add(IdSyncCode.POLICY_EDITED_SAME_EFFECT.info(
                        "The policy file was edited after " + TIME.format(edited.checkedAt()) + " without a new id,"
                                + " but mode, max_age and the mx patterns are unchanged: senders holding the earlier"
                                + " version enforce the same policy, so no new id is needed.",
                        diff(edited, current)));
            } else {
                findings.add(IdSyncCode.ID_IN_SYNC.pass("id=" + id + " and the policy body are unchanged since "
                        + TIME.format(run.getLast().checkedAt()) + "."));
                idChangeSeenWithoutBodyChange = !older.isEmpty();
            }
        } else {
            Observation previous = complete.getFirst();
            String previousId = previous.recordId().orElseThrow();
            if (!previous.bodySha256().orElseThrow().equals(sha256)) {
                findings.add(IdSyncCode.ID_BUMPED.pass("Policy updated with a new id (" + previousId + " → " + id
                        + "): senders fetch the new policy once they see the new id."));
            } else if (bodyChangedUnder(complete, previous)) {
                findings.add(IdSyncCode.ID_BUMPED.pass("New id published (" + previousId + " → " + id
                        + ") after the policy change: senders that cached the earlier policy fetch the current one"
                        + " once they see it."));
            } else if (untouched(previous, current)) {
                findings.add(bumpedBeforePolicy(context, current, previous));
            } else {
                findings.add(IdSyncCode.ID_BUMPED_SAME_POLICY.info(
                        "New id (" + previousId + " → " + id + ") with an identical policy body: harmless, senders"
                                + " fetch the same policy again.",
                        ""));
            }
        }
        reused(context, current, older).ifPresent(findings::add);
        if (!notBumped) {
            staleId(context, current, idChangeSeenWithoutBodyChange).ifPresent(findings::add);
        }
        return findings;
    }

    /** The newest observations with this id, up to the first with another id. */
    private static List<Observation> leadingRun(List<Observation> complete, String id) {
        int end = 0;
        while (end < complete.size()
                && complete.get(end).recordId().orElseThrow().equals(id)) {
            end++;
        }
        return complete.subList(0, end);
    }

    /** Whether the body changed, with effect, while {@code latest}'s id was published. */
    private static boolean bodyChangedUnder(List<Observation> complete, Observation latest) {
        Optional<Effective> effect = Effective.of(latest);
        return leadingRun(complete, latest.recordId().orElseThrow()).stream()
                .filter(observation -> !observation.bodySha256().equals(latest.bodySha256()))
                .anyMatch(observation -> effect.isEmpty() || !effect.equals(Effective.of(observation)));
    }

    private static Finding notBumped(
            DomainContext context, Current current, List<Observation> run, List<Observation> older, Observation old) {
        String id = current.id().orElseThrow();
        int index = run.indexOf(old);
        Instant changeSeen = index > 0 ? run.get(index - 1).checkedAt() : context.now();
        StringBuilder message = new StringBuilder("Policy changed but id not bumped: the policy body changed between ")
                .append(TIME.format(old.checkedAt()))
                .append(" and ")
                .append(TIME.format(changeSeen))
                .append(" while ")
                .append(TagValueRecords.STS.recordName(context.domain()))
                .append(" kept id=")
                .append(id)
                .append(". Senders that cached the earlier policy compare only the id, so they do not fetch the new"
                        + " one");
        if (old.maxAge().isPresent()) {
            long maxAge = old.maxAge().get();
            message.append(": they keep enforcing the old policy for up to its max_age of ")
                    .append(Durations.describe(maxAge))
                    .append(", until as late as ")
                    .append(TIME.format(changeSeen.plusSeconds(maxAge)))
                    .append('.');
        } else {
            message.append('.');
        }
        Observation first = run.getLast();
        if (!older.isEmpty() && older.getFirst().bodySha256().equals(first.bodySha256())) {
            message.append(" The id changed (")
                    .append(older.getFirst().recordId().orElseThrow())
                    .append(" → ")
                    .append(id)
                    .append(") before the body did, so the new id names the old policy: RFC 8461 §8.1 asks to"
                            + " publish the new policy first and the new id second.");
        }
        String newId = newId(context, id);
        OptionalLong ttl = FixContext.of(context).stsTtl();
        return IdSyncCode.ID_NOT_BUMPED.problem(
                FAIL,
                message.toString(),
                diff(old, current),
                "Publish a new id now: in the " + TagValueRecords.STS.recordName(context.domain())
                        + " TXT record change id="
                        + id + " to id=" + newId + " and keep the rest of the record, e.g. "
                        + Suggestions.stsRecord(context.domain(), ttl, newId)
                        + ". Senders see the new id once their cached TXT answer expires and fetch the current"
                        + " policy.",
                FixContext.of(context));
    }

    private static Finding bumpedBeforePolicy(DomainContext context, Current current, Observation previous) {
        String id = current.id().orElseThrow();
        String since = current.lastModified()
                .map(lastModified -> "since " + TIME.format(lastModified) + " (the same Last-Modified)")
                .orElse("(the same ETag as before)");
        OptionalLong ttl = FixContext.of(context).stsTtl();
        String newId = newId(context, id);
        return IdSyncCode.ID_BUMPED_BEFORE_POLICY.problem(
                WARN,
                "A new id was published (" + previous.recordId().orElseThrow() + " → " + id + "), but the policy"
                        + " file is the same and untouched " + since + ". If a policy change is on its way, this is"
                        + " the wrong order (RFC 8461 §8.1): senders that see the new id now fetch the old policy and"
                        + " cache it under id=" + id + ", and will not fetch again when the file changes unless the"
                        + " id changes again.",
                "",
                "If you meant to change the policy: publish the new policy at " + Policies.url(context.domain())
                        + " now, then publish another new id, e.g. "
                        + Suggestions.stsRecord(context.domain(), ttl, newId)
                        + ", so senders that cached the old policy under id=" + id + " fetch it. If no policy change"
                        + " was intended, nothing needs to change.",
                FixContext.of(context));
    }

    /** Whether the policy file has the same Last-Modified and ETag as before (at least one of them known). */
    private static boolean untouched(Observation previous, Current current) {
        boolean lastModifiedKnown =
                previous.lastModified().isPresent() && current.lastModified().isPresent();
        boolean etagKnown = previous.etag().isPresent() && current.etag().isPresent();
        if (!lastModifiedKnown && !etagKnown) {
            return false;
        }
        return (!lastModifiedKnown || previous.lastModified().equals(current.lastModified()))
                && (!etagKnown || previous.etag().equals(current.etag()));
    }

    /** The current id was published before, for another policy that senders may still cache. */
    private static Optional<Finding> reused(DomainContext context, Current current, List<Observation> older) {
        String id = current.id().orElseThrow();
        String sha256 = current.sha256().orElseThrow();
        for (Observation observation : older) {
            if (!observation.recordId().orElseThrow().equals(id)
                    || observation.bodySha256().orElseThrow().equals(sha256)
                    || current.sameEffect(observation)
                    || observation.maxAge().isEmpty()) {
                continue;
            }
            Instant cachedUntil =
                    observation.checkedAt().plusSeconds(observation.maxAge().get());
            if (!cachedUntil.isAfter(context.now())) {
                continue;
            }
            OptionalLong ttl = FixContext.of(context).stsTtl();
            String newId = newId(context, id);
            return Optional.of(IdSyncCode.ID_REUSED.problem(
                    WARN,
                    "id=" + id + " was already published on " + TIME.format(observation.checkedAt())
                            + " with another policy. Senders that cached that policy (max_age "
                            + Durations.describe(observation.maxAge().get()) + ", so until as late as "
                            + TIME.format(cachedUntil) + ") see the id they know and keep the old policy: an id must"
                            + " name one policy only (RFC 8461 §3.1).",
                    diff(observation, current),
                    "Publish an id never used before, e.g. " + Suggestions.stsRecord(context.domain(), ttl, newId)
                            + " (a timestamp makes a good id).",
                    FixContext.of(context)));
        }
        return Optional.empty();
    }

    /** Rule 4: a date-shaped id more than 30 days older than the policy's Last-Modified. */
    private static Optional<Finding> staleId(DomainContext context, Current current, boolean disproved) {
        if (disproved || current.id().isEmpty() || current.lastModified().isEmpty()) {
            return Optional.empty();
        }
        String id = current.id().get();
        Optional<LocalDate> idDate = DateShapedId.date(id);
        Instant lastModified = current.lastModified().get();
        if (idDate.isEmpty() || lastModified.isAfter(context.now().plus(Duration.ofDays(1)))) {
            return Optional.empty();
        }
        LocalDate modified = LocalDate.ofInstant(lastModified, ZoneOffset.UTC);
        long days = ChronoUnit.DAYS.between(idDate.get(), modified);
        if (days <= STALE_ID_DAYS) {
            return Optional.empty();
        }
        OptionalLong ttl = FixContext.of(context).stsTtl();
        String newId = newId(context, id);
        return Optional.of(IdSyncCode.ID_LOOKS_STALE.problem(
                WARN,
                "id looks stale: id=" + id + " reads as the date " + idDate.get() + ", but the policy file was last"
                        + " modified on " + DAY.format(lastModified) + " (HTTP Last-Modified), " + days
                        + " days later. If the policy changed then without a new id, senders that cached the earlier"
                        + " policy still enforce it. Ids have no order, so this is a hint from the date, not a"
                        + " comparison.",
                "Last-Modified: " + current.lastModifiedHeader().orElse(""),
                "If the policy changed after " + idDate.get() + ", publish a new id: in the "
                        + TagValueRecords.STS.recordName(context.domain()) + " TXT record change id=" + id + " to id="
                        + newId
                        + ", e.g. " + Suggestions.stsRecord(context.domain(), ttl, newId)
                        + ". If the file was only re-deployed unchanged, a new id is harmless and keeps the date"
                        + " meaningful.",
                FixContext.of(context)));
    }

    // Stuck in testing.

    private static Optional<Finding> stuckInTesting(DomainContext context, Current current, List<Observation> history) {
        if (current.mode().filter(mode -> mode == PolicyMode.TESTING).isEmpty()) {
            return Optional.empty();
        }
        Instant limit = ZonedDateTime.ofInstant(context.now(), ZoneOffset.UTC)
                .minus(STUCK_IN_TESTING)
                .toInstant();
        Optional<Instant> since = Optional.empty();
        for (Observation observation : history) {
            if (observation.mode().isEmpty()) {
                continue;
            }
            if (!observation.mode().get().equals(PolicyMode.TESTING.value())) {
                break;
            }
            since = Optional.of(observation.checkedAt());
        }
        String evidence;
        if (since.isPresent() && since.get().isBefore(limit)) {
            evidence = "in mode testing at every check since " + TIME.format(since.get()) + " ("
                    + ChronoUnit.MONTHS.between(
                            ZonedDateTime.ofInstant(since.get(), ZoneOffset.UTC),
                            ZonedDateTime.ofInstant(context.now(), ZoneOffset.UTC))
                    + " months)";
        } else {
            Optional<LocalDate> idDate = current.id().flatMap(DateShapedId::date);
            Optional<Instant> lastModified = current.lastModified();
            LocalDate limitDay = LocalDate.ofInstant(limit, ZoneOffset.UTC);
            if (idDate.isEmpty()
                    || lastModified.isEmpty()
                    || !idDate.get().isBefore(limitDay)
                    || !lastModified.get().isBefore(limit)) {
                return Optional.empty();
            }
            evidence = "the id dates from " + idDate.get() + " and the policy file was last modified on "
                    + DAY.format(lastModified.get()) + ", both more than 6 months ago";
        }
        return Optional.of(IdSyncCode.STUCK_IN_TESTING.problem(
                WARN,
                "Stuck in testing: the policy has been in mode testing for more than 6 months (" + evidence + ")."
                        + " In testing, senders deliver even when an MX fails MTA-STS and only report it, so the"
                        + " policy protects no mail yet.",
                "",
                enforceAction(context, current),
                FixContext.of(context)));
    }

    private static String enforceAction(DomainContext context, Current current) {
        TlsRptAnalysis tlsRpt = TagValueRecords.TLSRPT.analyze(context);
        List<String> addresses = tlsRpt.valid()
                ? tlsRpt.reportUris().stream()
                        .filter(ReportUri::usable)
                        .map(ReportUri::uri)
                        .toList()
                : List.of();
        String reports = addresses.isEmpty()
                ? "You publish no usable TLS-RPT record, so no reports reach you: first publish "
                        + Suggestions.tlsRptRecord(
                                context.domain(), OptionalLong.empty(), Suggestions.defaultRua(context.domain()))
                        + " and collect 4 weeks of reports. Then read them"
                : "Read the last 4 weeks of TLS-RPT reports (sent to " + String.join(", ", addresses) + ")";
        String newId = newId(context, current.id().orElse(""));
        return reports + ", fix every failure they show (an MX host missing from the mx: lines, an expired or"
                + " mismatched MX certificate, an MX without STARTTLS), then change \"mode: testing\" to \"mode:"
                + " enforce\" in the policy at " + Policies.url(context.domain()) + " and publish a new id, e.g. "
                + Suggestions.stsRecord(context.domain(), FixContext.of(context).stsTtl(), newId) + ".";
    }

    // Removal without the none stage (RFC 8461 §8.3).

    private static Optional<Finding> removal(DomainContext context, Current current, List<Observation> history) {
        int index = 0;
        while (index < history.size() && history.get(index).mode().isEmpty()) {
            index++;
        }
        if (index == history.size()) {
            return Optional.empty();
        }
        Observation last = history.get(index);
        long maxAge = last.maxAge().orElse(0L);
        if (!last.mode().orElseThrow().equals(PolicyMode.ENFORCE.value()) || maxAge <= LONG_MAX_AGE_SECONDS) {
            return Optional.empty();
        }
        if (current.mode().filter(mode -> mode == PolicyMode.NONE).isPresent()) {
            return Optional.empty();
        }
        RecordStatus status = current.record().status();
        boolean recordGone = status == RecordStatus.MISSING || status == RecordStatus.DANGLING_CNAME;
        boolean endpointGone =
                switch (current.policy().fetch()) {
                    case LookupResult.Found<HttpsResponse> found ->
                        found.value().status() == 404 || found.value().status() == 410;
                    case LookupResult.NotFound<HttpsResponse> notFound -> true;
                    case LookupResult.Failed<HttpsResponse> failed -> false;
                };
        if (!recordGone && !endpointGone) {
            return Optional.empty();
        }
        Instant goneSeen = index > 0 ? history.get(index - 1).checkedAt() : context.now();
        Instant cachedUntil = goneSeen.plusSeconds(maxAge);
        if (!cachedUntil.isAfter(context.now())) {
            return Optional.empty();
        }
        String what = recordGone && endpointGone
                ? "the " + TagValueRecords.STS.recordName(context.domain()) + " TXT record and the policy at "
                        + Policies.url(context.domain())
                : recordGone
                        ? "the " + TagValueRecords.STS.recordName(context.domain()) + " TXT record"
                        : "the policy at " + Policies.url(context.domain());
        String ttlNote = recordGone ? " (a missing TXT record does not clear a cached policy, §3.1)" : "";
        return Optional.of(IdSyncCode.REMOVED_WITHOUT_NONE.problem(
                WARN,
                "MTA-STS was removed without the none stage (RFC 8461 §8.3): " + what + " disappeared after "
                        + TIME.format(last.checkedAt()) + ", when the policy was mode enforce with max_age "
                        + Durations.describe(maxAge) + ". Senders that cached it keep enforcing it until as late as "
                        + TIME.format(cachedUntil) + ttlNote + ", so if your MX hosts or their certificates change"
                        + " meanwhile, those senders refuse to deliver.",
                "",
                "Put MTA-STS back and remove it in the RFC 8461 §8.3 order: 1. serve a policy with the lines"
                        + " \"version: STSv1\", \"mode: none\" and \"max_age: 86400\" at "
                        + Policies.url(context.domain()) + "; 2. publish "
                        + Suggestions.stsRecord(
                                context.domain(),
                                OptionalLong.empty(),
                                newId(context, current.id().orElse("")))
                        + "; 3. keep both until " + TIME.format(cachedUntil) + ", when every cached enforce policy"
                        + " has expired; 4. then delete the TXT record and the policy host.",
                FixTime.of(
                        Duration.ofMinutes(15),
                        Duration.ofSeconds(maxAge),
                        "15 min change + wait out the old max_age (" + Durations.describe(maxAge) + ")")));
    }

    // Helpers.

    /** A fresh id from the command's time, different from {@code current}. */
    private static String newId(DomainContext context, String current) {
        String id = Suggestions.newId(context.now());
        return id.equals(current) ? id + "b" : id;
    }

    private static String diff(Observation before, Current current) {
        return before.body()
                .map(body -> PolicyDiff.diff(body, current.body().orElseThrow()))
                .orElse("policy sha256 " + before.bodySha256().orElse("?") + " → "
                        + current.sha256().orElseThrow());
    }

    /** What senders enforce: two bodies with the same mode, max_age and mx patterns have the same effect. */
    record Effective(String mode, long maxAge, Set<String> mx) {
        static Optional<Effective> of(Observation observation) {
            if (observation.mode().isEmpty() || observation.maxAge().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Effective(
                    observation.mode().get(), observation.maxAge().get(), patterns(observation.mxPatterns())));
        }

        static Optional<Effective> of(PolicyDocument document) {
            if (!document.valid()
                    || document.mode().isEmpty()
                    || document.maxAge().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Effective(
                    document.mode().get().value(), document.maxAge().getAsLong(), patterns(document.mxValues())));
        }

        private static Set<String> patterns(List<String> values) {
            return values.stream().map(value -> value.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        }
    }

    /** What is published right now, from the suite's memoised analyses and the same fetch the engine records. */
    record Current(
            StsRecordAnalysis record,
            PolicyAnalysis policy,
            Optional<String> id,
            Optional<String> body,
            Optional<String> sha256,
            Optional<Effective> effective,
            Optional<PolicyMode> mode,
            Optional<String> lastModifiedHeader,
            Optional<Instant> lastModified,
            Optional<String> etag) {
        static Current of(DomainContext context) {
            StsRecordAnalysis record = TagValueRecords.STS.analyze(context);
            PolicyAnalysis policy = Policies.analyze(context);
            Optional<HttpsResponse> response = policy.response();
            Optional<String> body = response.filter(found -> found.status() == 200 && !found.truncated())
                    .map(HttpsResponse::bodyText);
            Optional<PolicyDocument> valid = policy.document().filter(PolicyDocument::valid);
            Optional<String> lastModifiedHeader = response.flatMap(found -> found.header("last-modified"));
            return new Current(
                    record,
                    policy,
                    record.id(),
                    body,
                    body.map(Observation::sha256),
                    valid.flatMap(Effective::of),
                    valid.flatMap(PolicyDocument::mode),
                    lastModifiedHeader,
                    lastModifiedHeader.flatMap(Current::httpDate),
                    response.flatMap(found -> found.header("etag"))
                            .map(String::strip)
                            .filter(etag -> !etag.isEmpty()));
        }

        boolean sameEffect(Observation observation) {
            return effective.isPresent() && effective.equals(Effective.of(observation));
        }

        String unknownBecause() {
            if (id.isEmpty()) {
                return "senders see " + record.senderConclusion() + ".";
            }
            return policy.senderConclusion() + ".";
        }

        private static Optional<Instant> httpDate(String value) {
            try {
                return Optional.of(ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }
}
