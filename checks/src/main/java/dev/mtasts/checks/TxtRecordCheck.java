package dev.mtasts.checks;

import dev.mtasts.checks.record.RecordDialect;
import dev.mtasts.checks.record.RecordLookup;
import dev.mtasts.checks.record.RecordProblem;
import dev.mtasts.checks.record.RecordProblem.Deviation;
import dev.mtasts.checks.record.RecordProblem.Grammar;
import dev.mtasts.checks.record.RecordProblem.Malformed;
import dev.mtasts.checks.record.RecordStatus;
import dev.mtasts.checks.record.RecordText;
import dev.mtasts.checks.record.TxtRecordSet;
import dev.mtasts.checks.record.TxtRecordSet.LookAlike;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Fact;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.Severity;
import dev.mtasts.spi.TxtAnswer;
import dev.mtasts.spi.TxtAnswer.TxtRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The skeleton both DNS record checks share ({@code dns-record} for {@code _mta-sts}, {@code tls-rpt} for
 * {@code _smtp._tls}): the records when the lookup found some (a CNAME followed, unrelated TXT records, look-alikes
 * of the dialect's version, no record, several, each record's syntax and split strings, the valid record); a broken
 * CNAME or the missing record when it found none; a CNAME loop or the failed lookup when it failed; then what each
 * check looks at beside the name. The words and the finding codes stay each check's own ({@link Wording}).
 *
 * @param <A> the dialect's analysis of the lookup
 * @param <K> the kinds of problem the dialect's parser reports
 */
abstract class TxtRecordCheck<A extends RecordLookup<K>, K extends RecordProblem.Kind> implements Check {
    /**
     * What a dialect's shared findings say and under which of its codes; who reads the record and its version tag come
     * from the {@link RecordDialect}.
     *
     * @param record what the record is called, with its article, e.g. {@code an MTA-STS record}
     * @param besideValid what a look-alike beside the valid record adds, a sentence or empty
     * @param cname a CNAME was followed to the record
     * @param cnameBroken the CNAME's target has no record, or the chain loops
     * @param unrelated the name also holds TXT records of other kinds
     * @param malformedVersion a look-alike of the version tag
     * @param splitStrings a record published as several strings
     * @param syntax the codes for deviations from the grammar both dialects share
     */
    record Wording(
            RecordDialect dialect,
            String record,
            String besideValid,
            FindingCode cname,
            FindingCode cnameBroken,
            FindingCode unrelated,
            FindingCode malformedVersion,
            FindingCode splitStrings,
            SyntaxCodes syntax) {
        /** The record's kind without its article, e.g. {@code MTA-STS record}. */
        String kind() {
            return record.substring(record.indexOf(' ') + 1);
        }

        /** Who reads the record, in a sentence: {@code senders}, {@code reporters}. */
        String audience() {
            return dialect.readers().toLowerCase(Locale.ROOT);
        }

        /** The version tag a record begins with, e.g. {@code v=STSv1}. */
        String version() {
            return dialect.version();
        }
    }

    /**
     * A dialect's codes for the deviations from the shared tag-value grammar ({@link Grammar}).
     *
     * @param notAscii a byte outside US-ASCII
     * @param malformed any other break of the grammar
     * @param spaceBeforeSemicolon whitespace between the version and the first {@code ;}
     * @param trailingWhitespace whitespace at the end of the record
     * @param extension fields the dialect does not define, which readers ignore
     */
    record SyntaxCodes(
            FindingCode notAscii,
            FindingCode malformed,
            FindingCode spaceBeforeSemicolon,
            FindingCode trailingWhitespace,
            FindingCode extension) {
        FindingCode of(Grammar kind) {
            return switch (kind) {
                case Malformed ignored -> malformed;
                case Deviation.NOT_ASCII -> notAscii;
                case Deviation.SPACE_BEFORE_FIRST_SEMICOLON -> spaceBeforeSemicolon;
                case Deviation.TRAILING_WHITESPACE -> trailingWhitespace;
                case Deviation.EXTENSION -> extension;
            };
        }
    }

    private final Wording wording;

    TxtRecordCheck(Wording wording) {
        this.wording = wording;
    }

    @Override
    public final CheckResult run(DomainContext context) {
        A analysis = analyze(context);
        FixContext fix = FixContext.of(context);
        List<Finding> findings = new ArrayList<>();
        switch (analysis.lookup()) {
            case LookupResult.Found<TxtAnswer> found -> records(context, analysis, fix, findings);
            case LookupResult.NotFound<TxtAnswer> notFound ->
                findings.add(
                        analysis.status() == RecordStatus.DANGLING_CNAME
                                ? danglingCname(context, analysis, notFound.detail(), fix)
                                : missing(context, analysis, fix));
            case LookupResult.Failed<TxtAnswer> failed ->
                findings.add(
                        analysis.status() == RecordStatus.CNAME_LOOP
                                ? cnameLoop(context, analysis, failed.detail(), fix)
                                : lookupFailed(analysis, failed, fix));
        }
        beside(context, analysis, fix, findings);
        return Findings.result(findings).withFacts(facts(analysis));
    }

    /** The dialect's analysis of the domain's record. */
    abstract A analyze(DomainContext context);

    /**
     * The dialect's record for the domain as a zone-file line, with its one value that varies ({@code id} for
     * {@code _mta-sts}, {@code rua} for {@code _smtp._tls}); every record a remedy suggests is built here.
     */
    abstract String record(DomainContext context, OptionalLong ttl, String value);

    /** The value to suggest when the domain has none: a fresh id, the default report address. */
    abstract String freshValue(DomainContext context);

    /** The dialect's record with {@link #freshValue}, for remedies that publish a record from nothing. */
    final String freshRecord(DomainContext context, OptionalLong ttl) {
        return record(context, ttl, freshValue(context));
    }

    /** The value a look-alike record meant, made valid (or a fresh one). */
    abstract String valueMeant(DomainContext context, String lookAlikeText);

    /** The value candidate {@code index} holds, made valid (or a fresh one). */
    abstract String valueMeant(DomainContext context, A analysis, int index);

    /** The dialect's code for a problem its parser reports; {@link #code(Grammar)} for the shared grammar's. */
    abstract FindingCode code(K kind);

    /** The dialect's code for a deviation from the shared grammar, from its {@link Wording#syntax()}. */
    final FindingCode code(Grammar kind) {
        return wording.syntax().of(kind);
    }

    /** There is no record at all (the name may hold {@link TxtRecordSet#unrelated() unrelated} ones). */
    abstract Finding missing(DomainContext context, A analysis, FixContext fix);

    /** There is more than one candidate record. */
    abstract Finding multiple(DomainContext context, A analysis, FixContext fix);

    /** The lookup failed (timeout, server failure). */
    abstract Finding lookupFailed(A analysis, LookupResult.Failed<TxtAnswer> failed, FixContext fix);

    /** The findings on the one valid record. */
    abstract void valid(DomainContext context, A analysis, FixContext fix, List<Finding> findings);

    /** What the check looks at in the answer at the name itself, after the CNAME; none here. */
    void atName(A analysis, FixContext fix, List<Finding> findings) {}

    /** What the check looks at beside the record's own name (records published at the wrong name); none here. */
    void beside(DomainContext context, A analysis, FixContext fix, List<Finding> findings) {}

    /** The typed facts the check publishes for the core; none here. */
    List<Fact> facts(A analysis) {
        return List.of();
    }

    private Finding danglingCname(DomainContext context, A analysis, String detail, FixContext fix) {
        return wording.cnameBroken()
                .problem(
                        Severity.FAIL,
                        analysis.name() + " is a CNAME whose target does not exist or has no TXT record (" + detail
                                + "); " + wording.audience() + " find no " + wording.kind() + ".",
                        detail,
                        "Publish the TXT record at the CNAME's target, or replace the CNAME with the record itself: "
                                + freshRecord(context, OptionalLong.empty()) + ".",
                        fix);
    }

    private Finding cnameLoop(DomainContext context, A analysis, String detail, FixContext fix) {
        return wording.cnameBroken()
                .problem(
                        Severity.FAIL,
                        "The CNAME chain at " + analysis.name() + " loops (" + detail + "); " + wording.audience()
                                + " find no " + wording.kind() + ".",
                        detail,
                        "Break the loop: point the CNAME at the name that holds the TXT record, or replace it with"
                                + " the record itself: " + freshRecord(context, OptionalLong.empty())
                                + ".",
                        fix);
    }

    private void records(DomainContext context, A analysis, FixContext fix, List<Finding> findings) {
        String name = analysis.name();
        TxtRecordSet records = analysis.records();
        if (!analysis.cnameChain().isEmpty()) {
            findings.add(wording.cname()
                    .info(
                            name + " is a CNAME; " + wording.audience() + " follow it: " + name + " → "
                                    + String.join(" → ", analysis.cnameChain()) + ".",
                            ""));
        }
        atName(analysis, fix, findings);
        if (!records.unrelated().isEmpty()) {
            findings.add(wording.unrelated()
                    .info(
                            name + " also holds "
                                    + RecordText.count(records.unrelated().size(), "other TXT record")
                                    + "; " + wording.audience() + " discard records that do not begin with \""
                                    + wording.version() + "\", so "
                                    + (records.unrelated().size() == 1 ? "it does" : "they do") + " no harm.",
                            Suggestions.zoneLines(name, records.unrelated())));
        }
        lookAlikes(context, analysis, fix, findings);
        List<TxtRecord> candidates = records.candidates();
        if (candidates.isEmpty()) {
            if (records.lookAlikes().isEmpty()) {
                findings.add(missing(context, analysis, fix));
            }
            return;
        }
        if (candidates.size() > 1) {
            findings.add(multiple(context, analysis, fix));
        }
        for (int index = 0; index < candidates.size(); index++) {
            TxtRecord candidate = candidates.get(index);
            String evidence = Suggestions.zoneLine(name, candidate);
            problems(
                    analysis.parsed().get(index).problems(),
                    evidence,
                    record(context, OptionalLong.of(candidate.ttlSeconds()), valueMeant(context, analysis, index)),
                    fix,
                    findings);
            if (candidate.strings().size() > 1) {
                findings.add(wording.splitStrings()
                        .info(
                                "The record is published as "
                                        + RecordText.count(candidate.strings().size(), "string")
                                        + "; " + wording.audience() + " join them without spaces into \""
                                        + candidate.text() + "\".",
                                evidence));
            }
        }
        if (analysis.valid()) {
            valid(context, analysis, fix, findings);
        }
    }

    /**
     * Records that look like the dialect's but do not begin with its exact version tag, which senders discard: a
     * warning beside a candidate; otherwise a failure, whose remedy replaces the first and deletes the rest.
     */
    private void lookAlikes(DomainContext context, A analysis, FixContext fix, List<Finding> findings) {
        List<LookAlike> lookAlikes = analysis.records().lookAlikes();
        boolean candidatesExist = !analysis.records().candidates().isEmpty();
        for (int index = 0; index < lookAlikes.size(); index++) {
            LookAlike lookAlike = lookAlikes.get(index);
            String evidence = Suggestions.zoneLine(analysis.name(), lookAlike.record());
            String discarded = "The TXT record \""
                    + RecordText.abbreviate(lookAlike.record().text(), 80)
                    + "\" looks like " + wording.record() + " but " + wording.audience() + " discard it: "
                    + lookAlike.reason() + ".";
            if (candidatesExist) {
                String decides = analysis.valid()
                        ? " The valid record still applies." + wording.besideValid()
                        : " The " + wording.version() + " record decides; this one only adds confusion.";
                findings.add(wording.malformedVersion()
                        .problem(
                                Severity.WARN,
                                discarded + decides,
                                evidence,
                                "Delete the record " + evidence + ".",
                                fix));
            } else {
                String action = index == 0
                        ? "Replace it with "
                                + record(
                                        context,
                                        OptionalLong.of(lookAlike.record().ttlSeconds()),
                                        valueMeant(context, lookAlike.record().text()))
                                + "."
                        : "Delete the record " + evidence + " (publish a single " + wording.version() + " record).";
                findings.add(wording.malformedVersion()
                        .problem(
                                Severity.FAIL,
                                discarded + " " + wording.dialect().readers() + " see no " + wording.kind() + ".",
                                evidence,
                                action,
                                fix));
            }
        }
    }

    /**
     * The record's problems, one finding per code: several syntax errors become one finding, at their worst severity,
     * with their messages in order and the replacement record as the action.
     */
    private void problems(
            List<RecordProblem<? extends K>> problems,
            String evidence,
            String replacement,
            FixContext fix,
            List<Finding> findings) {
        Map<FindingCode, List<RecordProblem<? extends K>>> byCode = new LinkedHashMap<>();
        for (RecordProblem<? extends K> problem : problems) {
            byCode.computeIfAbsent(code(problem.kind()), ignored -> new ArrayList<>())
                    .add(problem);
        }
        byCode.forEach((entry, grouped) -> {
            String message = grouped.stream().map(RecordProblem::message).collect(Collectors.joining(" "));
            Severity severity =
                    Severity.worst(grouped.stream().map(RecordProblem::severity).toList());
            if (severity == Severity.INFO || severity == Severity.PASS) {
                findings.add(entry.info(message, evidence));
            } else {
                findings.add(entry.problem(
                        severity, message, evidence, "Replace the record with " + replacement + ".", fix));
            }
        });
    }
}
