package dev.mtasts.checks;

import dev.mtasts.checks.record.RecordLookup;
import dev.mtasts.checks.record.RecordProblem;
import dev.mtasts.checks.record.RecordStatus;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Fact;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.Severity;
import dev.mtasts.spi.TxtAnswer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The skeleton both DNS record checks share ({@code dns-record} for {@code _mta-sts}, {@code tls-rpt} for
 * {@code _smtp._tls}): the records when the lookup found some; a broken CNAME or the missing record when it found
 * none; a CNAME loop or the failed lookup when it failed; then what each check looks at beside the name. The wording
 * and the finding codes stay each check's own.
 *
 * @param <A> the dialect's analysis of the lookup
 */
abstract class TxtRecordCheck<A extends RecordLookup> implements Check {
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

    /** The findings on the records the lookup found. */
    abstract void records(DomainContext context, A analysis, FixContext fix, List<Finding> findings);

    /** The name is a CNAME whose target does not exist or has no TXT record. */
    abstract Finding danglingCname(DomainContext context, A analysis, String detail, FixContext fix);

    /** The CNAME chain at the name loops. */
    abstract Finding cnameLoop(DomainContext context, A analysis, String detail, FixContext fix);

    /** There is no record at all. */
    abstract Finding missing(DomainContext context, A analysis, FixContext fix);

    /** The lookup failed (timeout, server failure). */
    abstract Finding lookupFailed(A analysis, LookupResult.Failed<TxtAnswer> failed, FixContext fix);

    /** What the check looks at beside the record's own name (records published at the wrong name); none here. */
    void beside(DomainContext context, A analysis, FixContext fix, List<Finding> findings) {}

    /**
     * The record's problems, one finding per code: several syntax errors become one finding, at their worst severity,
     * with their messages in order and the replacement record as the action.
     */
    static <C extends FindingCode> void problems(
            List<RecordProblem> problems,
            Function<RecordProblem.Kind, C> code,
            String evidence,
            String replacement,
            FixContext fix,
            List<Finding> findings) {
        Map<C, List<RecordProblem>> byCode = new LinkedHashMap<>();
        for (RecordProblem problem : problems) {
            byCode.computeIfAbsent(code.apply(problem.kind()), ignored -> new ArrayList<>())
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

    /** The typed facts the check publishes for the core; none here. */
    List<Fact> facts(A analysis) {
        return List.of();
    }
}
