package dev.mtasts.checks;

import dev.mtasts.checks.policy.Policies;
import dev.mtasts.checks.policy.PolicyAnalysis;
import dev.mtasts.checks.policy.PolicyDocument;
import dev.mtasts.checks.record.RecordDialect;
import dev.mtasts.checks.record.RecordProblem.Grammar;
import dev.mtasts.checks.record.RecordProblem.Id;
import dev.mtasts.checks.record.RecordProblem.StsKind;
import dev.mtasts.checks.record.RecordText;
import dev.mtasts.checks.record.StsRecordAnalysis;
import dev.mtasts.checks.record.StsRecordParser;
import dev.mtasts.checks.record.StsRecordSyntax;
import dev.mtasts.checks.record.TagField;
import dev.mtasts.checks.record.TagValueRecords;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.Severity;
import dev.mtasts.spi.TxtAnswer;
import dev.mtasts.spi.TxtAnswer.TxtRecord;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dns-record}: the {@code _mta-sts} TXT record, rules T1–T13 and T15 of the checklist (RFC 8461 §3.1). T14
 * needs history and belongs to another check.
 */
public final class DnsRecordCheck extends TxtRecordCheck<StsRecordAnalysis, StsKind> {
    public static final String ID = "dns-record";

    private static final Pattern ID_FIELD = Pattern.compile("(?i)\\bid\\s*=\\s*([^;\\s]+)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "MTA-STS DNS record";
    }

    private static final Wording WORDING = new Wording(
            RecordDialect.STS,
            "an MTA-STS record",
            " Senders that match \"v=STSv1\" loosely may count two records and ignore both.",
            DnsRecordCode.STS_RECORD_CNAME,
            DnsRecordCode.STS_RECORD_CNAME_BROKEN,
            DnsRecordCode.STS_RECORD_UNRELATED_TXT,
            DnsRecordCode.STS_RECORD_MALFORMED_VERSION,
            DnsRecordCode.STS_RECORD_SPLIT_STRINGS,
            new SyntaxCodes(
                    DnsRecordCode.STS_RECORD_NOT_ASCII,
                    DnsRecordCode.STS_RECORD_SYNTAX,
                    DnsRecordCode.STS_RECORD_SPACE_BEFORE_SEMICOLON,
                    DnsRecordCode.STS_RECORD_TRAILING_WHITESPACE,
                    DnsRecordCode.STS_RECORD_EXTENSION));

    public DnsRecordCheck() {
        super(WORDING);
    }

    @Override
    StsRecordAnalysis analyze(DomainContext context) {
        return TagValueRecords.STS.analyze(context);
    }

    @Override
    String record(DomainContext context, OptionalLong ttl, String id) {
        return Suggestions.stsRecord(context.domain(), ttl, id);
    }

    @Override
    String freshValue(DomainContext context) {
        return Suggestions.newId(context.now());
    }

    @Override
    String valueMeant(DomainContext context, String lookAlikeText) {
        return bestId(context, lookAlikeText);
    }

    @Override
    String valueMeant(DomainContext context, StsRecordAnalysis analysis, int index) {
        return bestId(context, analysis.parsed().get(index));
    }

    @Override
    Finding missing(DomainContext context, StsRecordAnalysis analysis, FixContext fix) {
        return missing(context, fix, analysis.records().unrelated());
    }

    @Override
    Finding multiple(DomainContext context, StsRecordAnalysis analysis, FixContext fix) {
        List<TxtRecord> candidates = analysis.records().candidates();
        String keep = analysis.parsed().stream()
                .filter(StsRecordSyntax::valid)
                .findFirst()
                .flatMap(StsRecordSyntax::id)
                .orElse(Suggestions.newId(context.now()));
        return DnsRecordCode.STS_RECORD_MULTIPLE.problem(
                Severity.FAIL,
                "There are " + RecordText.count(candidates.size(), "v=STSv1 record") + " at " + analysis.name()
                        + ". RFC 8461 requires exactly one, so senders use none of them and see no MTA-STS policy.",
                Suggestions.zoneLines(analysis.name(), candidates),
                "Keep a single record and delete the others, e.g. keep " + record(context, analysis.ttlSeconds(), keep)
                        + ".",
                fix);
    }

    @Override
    Finding lookupFailed(StsRecordAnalysis analysis, LookupResult.Failed<TxtAnswer> failed, FixContext fix) {
        return lookupFailed(analysis.name(), failed, fix);
    }

    @Override
    void valid(DomainContext context, StsRecordAnalysis analysis, FixContext fix, List<Finding> findings) {
        TxtRecord record = analysis.record().orElseThrow();
        findings.add(DnsRecordCode.STS_RECORD_VALID
                .pass("One valid MTA-STS record at " + analysis.name() + ": id="
                        + analysis.id().orElseThrow() + " (TTL " + record.ttlSeconds()
                        + " s). Senders go on to fetch the policy.")
                .withEvidence(Suggestions.zoneLine(analysis.name(), record)));
    }

    @Override
    void atName(StsRecordAnalysis analysis, FixContext fix, List<Finding> findings) {
        cnameConflict(analysis, fix).ifPresent(findings::add);
    }

    /** Besides {@code _mta-sts}: a record published at the domain itself, and a parent domain's policy. */
    @Override
    void beside(DomainContext context, StsRecordAnalysis analysis, FixContext fix, List<Finding> findings) {
        apexRecord(context, analysis, fix).ifPresent(findings::add);
        parentPolicy(context).ifPresent(findings::add);
    }

    /**
     * T12: a CNAME and TXT records owned by {@code _mta-sts} in the same response. RFC 1034 §3.6.2 lets a CNAME share
     * its name with nothing; servers that answer anyway leave it to each resolver which side wins, so senders may
     * see the CNAME target's record or the one beside it.
     */
    private static Optional<Finding> cnameConflict(StsRecordAnalysis analysis, FixContext fix) {
        if (!(analysis.lookup() instanceof LookupResult.Found<TxtAnswer> found)) {
            return Optional.empty();
        }
        Optional<TxtAnswer.Response> response = found.value().response();
        if (response.isEmpty()) {
            return Optional.empty();
        }
        String name = analysis.name();
        List<TxtAnswer.AnswerRecord> cnames = response.get().at(name, TxtAnswer.RecordType.CNAME);
        List<TxtAnswer.AnswerRecord> txt = response.get().at(name, TxtAnswer.RecordType.TXT);
        if (cnames.isEmpty() || txt.isEmpty()) {
            return Optional.empty();
        }
        String target = cnames.getFirst().data();
        String evidence = java.util.stream.Stream.concat(cnames.stream(), txt.stream())
                .map(record ->
                        RecordText.printable(record.owner() + ". " + record.ttlSeconds() + " IN " + record.typeName()
                                + " " + record.data() + (record.type() == TxtAnswer.RecordType.CNAME ? "." : "")))
                .collect(java.util.stream.Collectors.joining("\n"));
        return Optional.of(DnsRecordCode.STS_RECORD_CNAME_CONFLICT.problem(
                Severity.WARN,
                name + " holds a CNAME (to " + RecordText.printable(target) + ") and "
                        + RecordText.count(txt.size(), "TXT record") + " at the same name. DNS forbids a CNAME"
                        + " beside other records (RFC 1034 §3.6.2); the DNS server answers with both, so some"
                        + " resolvers follow the CNAME and others use the TXT records beside it, and senders may see"
                        + " different MTA-STS records.",
                evidence,
                "Keep one of them: either the CNAME (delegating _mta-sts to " + RecordText.printable(target)
                        + ", RFC 8461 §8.2) and delete the TXT records at " + name + ", or the TXT record at " + name
                        + " and delete the CNAME. Most DNS hosting panels refuse this combination; if yours allowed"
                        + " it, check the zone file by hand.",
                fix));
    }

    @Override
    FindingCode code(StsKind kind) {
        return switch (kind) {
            case Grammar grammar -> code(grammar);
            case Id.MISSING -> DnsRecordCode.STS_RECORD_ID_MISSING;
            case Id.INVALID -> DnsRecordCode.STS_RECORD_ID_INVALID;
            case Id.DUPLICATE -> DnsRecordCode.STS_RECORD_ID_DUPLICATE;
        };
    }

    /** T1: no record. Louder when the policy host serves a policy anyway. */
    private Finding missing(DomainContext context, FixContext fix, List<TxtRecord> unrelated) {
        String name = TagValueRecords.STS.recordName(context.domain());
        PolicyAnalysis policy = Policies.analyze(context);
        String record = freshRecord(context, OptionalLong.empty());
        String where = unrelated.isEmpty()
                ? "there is no TXT record at " + name
                : "none of the TXT records at " + name + " begins with \"v=STSv1\"";
        Optional<PolicyDocument> served =
                policy.response().filter(response -> response.status() == 200).flatMap(response -> policy.document());
        if (served.isPresent()) {
            String mode = served.get()
                    .mode()
                    .map(value -> " (mode " + value.value() + ")")
                    .orElse("");
            return DnsRecordCode.STS_RECORD_MISSING.problem(
                    Severity.FAIL,
                    "MTA-STS is not deployed: " + where + ", so senders never fetch the policy that "
                            + policy.url() + " serves" + mode + ". The policy protects nothing until the record"
                            + " exists.",
                    unrelated.isEmpty() ? "" : Suggestions.zoneLines(name, unrelated),
                    "Publish " + record + " (the policy is already served).",
                    fix);
        }
        return DnsRecordCode.STS_RECORD_MISSING.problem(
                Severity.FAIL,
                "MTA-STS is not deployed: " + where + ", so senders never look for a policy and deliver over"
                        + " opportunistic TLS that an attacker can strip.",
                unrelated.isEmpty() ? "" : Suggestions.zoneLines(name, unrelated),
                "Serve a policy at " + Suggestions.policyUrl(context) + " (text/plain), for example:\n"
                        + Suggestions.starterPolicy(context) + "then publish " + record + ".",
                fix);
    }

    private static Finding lookupFailed(String name, LookupResult.Failed<TxtAnswer> failed, FixContext fix) {
        String action = "Check that the domain's name servers answer TXT queries for " + name
                + " (for example with dig " + name + " TXT) and that DNSSEC, if enabled, validates.";
        return switch (failed.kind()) {
            case SERVER_FAILURE, PROTOCOL_ERROR ->
                DnsRecordCode.STS_RECORD_LOOKUP_FAILED.problem(
                        Severity.FAIL,
                        "The TXT lookup of " + name + " fails (" + failed.detail() + "). Senders that get the"
                                + " same failure treat the domain as having no MTA-STS policy.",
                        failed.detail(),
                        action,
                        fix);
            case TIMEOUT, DEADLINE, CNAME_LOOP, ADDRESS_REFUSED, CONNECTION_REFUSED, CONNECTION_FAILED, TLS_FAILURE ->
                DnsRecordCode.STS_RECORD_LOOKUP_FAILED.problem(
                        Severity.WARN,
                        "The TXT record at " + name + " could not be checked: the lookup failed ("
                                + failed.detail() + "). If senders see the same, they treat the domain as having"
                                + " no policy.",
                        failed.detail(),
                        action + " Then run the check again.",
                        fix);
        };
    }

    /** T15: a v=STSv1 record at the domain itself. */
    private Optional<Finding> apexRecord(DomainContext context, StsRecordAnalysis analysis, FixContext fix) {
        String domain = context.domain();
        Optional<TxtAnswer> apex = context.txt(domain).found();
        if (apex.isEmpty()) {
            return Optional.empty();
        }
        List<TxtRecord> misplaced = apex.get().records().stream()
                .filter(record -> RecordDialect.STS.isCandidate(record.text().strip()))
                .toList();
        if (misplaced.isEmpty()) {
            return Optional.empty();
        }
        String evidence = Suggestions.zoneLines(domain, misplaced);
        String message;
        String action;
        if (analysis.usable()) {
            message = "A v=STSv1 record is also published at " + domain + " itself. Senders only read "
                    + analysis.name() + ", so it does nothing but confuse; remove it.";
            action = "Delete " + evidence + ".";
        } else {
            message = "A v=STSv1 record is published at " + domain + " instead of " + analysis.name()
                    + ". Senders only look at " + analysis.name() + ", so they never see it.";
            action = "Move it: delete " + evidence + " and publish "
                    + record(
                            context,
                            OptionalLong.empty(),
                            valueMeant(context, misplaced.getFirst().text())) + ".";
        }
        return Optional.of(DnsRecordCode.STS_RECORD_AT_APEX.problem(
                Severity.WARN,
                message,
                evidence,
                action,
                fix.withOtherTtl(misplaced.getFirst().ttlSeconds())));
    }

    /** T13: a subdomain does not inherit its parent's policy. */
    private static Optional<Finding> parentPolicy(DomainContext context) {
        String domain = context.domain();
        int dot = domain.indexOf('.');
        if (dot < 0 || domain.indexOf('.', dot + 1) < 0) {
            return Optional.empty();
        }
        String parent = domain.substring(dot + 1);
        String parentName = TagValueRecords.STS.recordName(parent);
        Optional<TxtAnswer> answer = context.txt(parentName).found();
        boolean parentHasRecord = answer.map(value ->
                        value.records().stream().anyMatch(record -> RecordDialect.STS.isCandidate(record.text())))
                .orElse(false);
        if (!parentHasRecord) {
            return Optional.empty();
        }
        String own = TagValueRecords.STS.analyze(context).usable()
                ? " Its own _mta-sts record applies, as it should."
                : " " + domain + " needs its own _mta-sts record and policy host.";
        return Optional.of(DnsRecordCode.STS_RECORD_PARENT_NOT_APPLIED.info(
                parent + " publishes an MTA-STS record, but it does not cover " + domain + ": senders MUST NOT"
                        + " apply a parent domain's policy to mail for a subdomain (RFC 8461 §3.4)." + own,
                Suggestions.zoneLines(parentName, answer.get().records())));
    }

    /** The best valid id to suggest for a fix: the record's own id, its first id made valid, or a fresh one. */
    private static String bestId(DomainContext context, StsRecordSyntax syntax) {
        if (syntax.id().isPresent()) {
            return syntax.id().get();
        }
        return syntax.fields().stream()
                .filter(field -> field.name().equalsIgnoreCase("id"))
                .map(TagField::value)
                .findFirst()
                .flatMap(StsRecordParser::sanitizeId)
                .orElse(Suggestions.newId(context.now()));
    }

    private static String bestId(DomainContext context, String text) {
        Matcher matcher = ID_FIELD.matcher(text);
        if (matcher.find()) {
            return StsRecordParser.sanitizeId(matcher.group(1)).orElse(Suggestions.newId(context.now()));
        }
        return Suggestions.newId(context.now());
    }
}
