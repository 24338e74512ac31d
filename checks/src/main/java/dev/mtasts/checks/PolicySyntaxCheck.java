package dev.mtasts.checks;

import dev.mtasts.checks.policy.Durations;
import dev.mtasts.checks.policy.MxPattern;
import dev.mtasts.checks.policy.Policies;
import dev.mtasts.checks.policy.PolicyAnalysis;
import dev.mtasts.checks.policy.PolicyDocument;
import dev.mtasts.checks.policy.PolicyField;
import dev.mtasts.checks.policy.PolicyMode;
import dev.mtasts.checks.policy.PolicyParser;
import dev.mtasts.checks.policy.PolicyProblem;
import dev.mtasts.checks.record.RecordText;
import dev.mtasts.checks.record.TagValueRecords;
import dev.mtasts.checks.record.TlsRptAnalysis;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.Severity;
import java.net.IDN;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code policy-syntax}: the policy file's content, rules P1–P12 of the checklist (RFC 8461 §3.2), plus the mode
 * notes (C5) and the TLS-RPT cross-check (C8). The body is parsed once by {@link Policies}; this check explains
 * what the parser found and what to change.
 */
public final class PolicySyntaxCheck implements Check {
    public static final String ID = "policy-syntax";

    private static final int MAX_MESSAGES = 3;
    private static final int MAX_EVIDENCE_LINES = 10;
    private static final int MAX_BODY_EVIDENCE = 2_000;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "MTA-STS policy syntax";
    }

    @Override
    public CheckResult run(DomainContext context) {
        PolicyAnalysis policy = Policies.analyze(context);
        if (policy.document().isEmpty()) {
            return CheckResult.skipped("No policy body was fetched: " + policy.notParsedReason() + ".");
        }
        PolicyDocument document = policy.document().get();
        FixContext fix = FixContext.of(context);
        List<Finding> findings = new ArrayList<>();
        Map<PolicySyntaxCode, List<PolicyProblem>> byCode = new LinkedHashMap<>();
        for (PolicyProblem problem : document.problems()) {
            byCode.computeIfAbsent(code(problem.kind()), ignored -> new ArrayList<>())
                    .add(problem);
        }
        for (Map.Entry<PolicySyntaxCode, List<PolicyProblem>> entry : byCode.entrySet()) {
            findings.add(finding(context, policy, entry.getKey(), entry.getValue(), fix));
        }
        lineEndings(document).ifPresent(findings::add);
        mode(context, document, fix, findings);
        if (document.valid()) {
            findings.add(PolicySyntaxCode.POLICY_VALID
                    .pass("The policy is valid: " + summary(document) + ".")
                    .withEvidence(RecordText.abbreviate(PolicyParser.visibleText(document.text()), MAX_BODY_EVIDENCE)));
        }
        return Findings.result(findings);
    }

    private static String summary(PolicyDocument document) {
        long maxAge = document.maxAge().orElseThrow();
        List<String> patterns =
                document.patterns().stream().map(MxPattern::value).toList();
        return "mode " + document.mode().orElseThrow().value() + ", max_age " + maxAge + " ("
                + Durations.describe(maxAge) + ")"
                + (patterns.isEmpty() ? ", no mx" : ", mx " + String.join(", ", patterns));
    }

    private static Optional<Finding> lineEndings(PolicyDocument document) {
        return switch (document.lineEnding()) {
            case LF ->
                Optional.of(PolicySyntaxCode.POLICY_LINE_ENDINGS.info(
                        "Lines end in LF. The ABNF allows LF or CRLF (the RFC prose says \"CRLF-separated\";"
                                + " erratum 6253 corrects it), and every sender surveyed accepts LF: nothing to"
                                + " change.",
                        ""));
            case CRLF ->
                Optional.of(PolicySyntaxCode.POLICY_LINE_ENDINGS.info(
                        "Lines end in CRLF, as the RFC prose describes. LF would be just as valid.", ""));
            case MIXED, NONE -> Optional.empty();
        };
    }

    private static void mode(DomainContext context, PolicyDocument document, FixContext fix, List<Finding> findings) {
        if (document.mode().isEmpty()) {
            return;
        }
        PolicyMode mode = document.mode().get();
        switch (mode) {
            case NONE -> {
                boolean removal =
                        document.maxAge().isPresent() && document.maxAge().getAsLong() <= PolicyParser.ONE_DAY;
                findings.add(PolicySyntaxCode.POLICY_MODE_NONE.info(
                        "The policy is in mode none: senders treat the domain as having no active policy, so"
                                + " MTA-STS protection is off."
                                + (removal
                                        ? " With a short max_age this is the first step of removing MTA-STS (RFC"
                                                + " 8461 §8.3)."
                                        : ""),
                        ""));
                return;
            }
            case TESTING ->
                findings.add(PolicySyntaxCode.POLICY_MODE_TESTING.info(
                        "The policy is in mode testing: senders deliver even when MX matching or certificate"
                                + " validation fails, and only report it (TLS-RPT). Switch to enforce once the"
                                + " reports are clean.",
                        ""));
            case ENFORCE -> {
                // Enforce needs no note: the pass finding states the mode.
            }
        }
        TlsRptAnalysis tlsRpt = TagValueRecords.TLSRPT.analyze(context);
        if (!tlsRpt.valid()) {
            String purpose = mode == PolicyMode.TESTING
                    ? "so nobody sees the failure reports that testing mode exists for"
                    : "so nobody hears when senders refuse to deliver";
            findings.add(PolicySyntaxCode.POLICY_NO_TLSRPT.problem(
                    Severity.WARN,
                    "The policy is in " + mode.value() + " mode, but there is no valid TLS-RPT record ("
                            + tlsRpt.conclusion() + "), " + purpose + ".",
                    "",
                    "Publish "
                            + Suggestions.tlsRptRecord(
                                    context.domain(), tlsRpt.ttlSeconds(), Suggestions.defaultRua(context.domain()))
                            + " (any mailbox or https endpoint that collects the reports).",
                    fix));
        }
    }

    private static Finding finding(
            DomainContext context,
            PolicyAnalysis policy,
            PolicySyntaxCode code,
            List<PolicyProblem> problems,
            FixContext fix) {
        PolicyProblem first = problems.getFirst();
        String message = problems.stream()
                .limit(MAX_MESSAGES)
                .map(PolicyProblem::message)
                .distinct()
                .collect(Collectors.joining(" "));
        if (problems.size() > MAX_MESSAGES) {
            message += " And " + (problems.size() - MAX_MESSAGES) + " more like these.";
        }
        List<String> lines = problems.stream()
                .map(PolicyProblem::evidence)
                .filter(line -> !line.isEmpty())
                .distinct()
                .toList();
        String evidence =
                String.join("\n", lines.size() > MAX_EVIDENCE_LINES ? lines.subList(0, MAX_EVIDENCE_LINES) : lines)
                        + (lines.size() > MAX_EVIDENCE_LINES
                                ? "\n… " + (lines.size() - MAX_EVIDENCE_LINES) + " more lines"
                                : "");
        Severity severity =
                Severity.worst(problems.stream().map(PolicyProblem::severity).toList());
        if (severity == Severity.INFO || severity == Severity.PASS) {
            return code.info(message, evidence);
        }
        return code.problem(severity, message, evidence, action(context, policy, first, problems), fix);
    }

    private static String action(
            DomainContext context, PolicyAnalysis policy, PolicyProblem first, List<PolicyProblem> problems) {
        String file = policy.url();
        String newId = " Then publish a new id so senders fetch it again: " + Suggestions.newIdRecord(context) + ".";
        String line = "line " + first.line();
        return switch (first.kind()) {
            case EMPTY ->
                "Put the policy in " + file + ", for example:\n"
                        + Suggestions.starterPolicy(context).strip() + "\n" + newId.strip();
            case BOM ->
                "Save " + file + " as UTF-8 without a byte order mark (\"UTF-8\", not \"UTF-8 with BOM\")." + newId;
            case NOT_UTF8 -> "Save " + file + " as UTF-8, or keep it to plain ASCII." + newId;
            case CONTROL_CHARACTER ->
                "Retype " + lines(problems) + " of " + file + " without the control character." + newId;
            case BARE_CR ->
                "Convert the line endings of " + file + " to LF (for example: mac2unix mta-sts.txt, or save"
                        + " with Unix line endings).";
            case MIXED_LINE_ENDINGS ->
                "Use one line ending throughout " + file + "; LF is simplest (for example:" + " dos2unix mta-sts.txt).";
            case BLANK_LINE ->
                "Delete the empty lines of " + file + " and end the file with a single line break." + newId;
            case LEADING_WHITESPACE ->
                "Remove the whitespace at the start of " + lines(problems) + ": write \"" + first.subject() + "\"."
                        + newId;
            case SPACE_BEFORE_COLON ->
                "Remove the whitespace before \":\" on " + lines(problems) + ": write \"" + first.subject() + ": ...\"."
                        + newId;
            case NOT_KEY_VALUE ->
                "Delete " + lines(problems) + " of " + file + ", or rewrite as \"key: value\". The"
                        + " file holds only version, mode, mx and max_age lines." + newId;
            case EXTENSION_MALFORMED -> "Delete or fix " + lines(problems) + " of " + file + "." + newId;
            case VERSION_MISSING ->
                misspelled(policy, "version")
                                .orElse("Add the line \"version: STSv1\" to " + file + " (best as the first line).")
                        + newId;
            case VERSION_INVALID -> "Write \"version: STSv1\" on " + line + "." + newId;
            case MODE_MISSING ->
                misspelled(policy, "mode")
                                .orElse("Add the line \"mode: testing\" to " + file
                                        + " (\"mode: enforce\" once TLS-RPT reports are clean).")
                        + newId;
            case MODE_INVALID ->
                "Write \"mode: " + modeSuggestion(first.subject()) + "\" on " + line
                        + " (lower case: testing, enforce or none)." + newId;
            case MAX_AGE_MISSING ->
                misspelled(policy, "max_age")
                                .orElse("Add the line \"max_age: 604800\" (one week) to " + file
                                        + "; longer is better once stable, up to 31557600.")
                        + newId;
            case MAX_AGE_INVALID ->
                "Write max_age as plain seconds on " + line + ", for example \"max_age: 604800\"" + " (one week)."
                        + newId;
            case MAX_AGE_TOO_LARGE ->
                "Write \"max_age: 31557600\" (one year, the maximum) or less on " + line + "." + newId;
            case MAX_AGE_ZERO ->
                "Set a real cache lifetime on " + line + ", for example \"max_age: 604800\" (one" + " week)." + newId;
            case MAX_AGE_SHORT ->
                "Set \"max_age: 604800\" (one week) or more on " + line + "; many domains use"
                        + " 31557600 once stable." + newId;
            case MX_MISSING ->
                misspelled(policy, "mx")
                        .map(fix -> fix + newId)
                        .orElse("Add one mx line per MX host to " + file + ":\n"
                                + Suggestions.mxLines(context).strip() + "\n" + newId.strip());
            case MX_LIST ->
                "Put each host on its own line instead of " + line + ":\n" + splitList(first.subject()) + "\n"
                        + newId.strip();
            case MX_IP_ADDRESS ->
                "Replace \"mx: " + first.subject() + "\" with the MX host names from DNS:\n"
                        + Suggestions.mxLines(context).strip() + "\n" + newId.strip();
            case MX_WILDCARD_MISPLACED ->
                "Replace \"mx: " + first.subject() + "\" with full host names (mx:"
                        + " mail1.example.net) or a leading wildcard that covers exactly one label (mx: *.example.net)."
                        + newId;
            case MX_U_LABEL -> "Write the A-label: \"mx: " + aLabel(first.subject()) + "\"." + newId;
            case MX_INVALID ->
                "Replace \"mx: " + first.subject() + "\" with the MX host names from DNS:\n"
                        + Suggestions.mxLines(context).strip() + "\n" + newId.strip();
            case MX_TRAILING_DOT ->
                "Remove the trailing dot: \"mx: "
                        + first.subject()
                                .substring(0, Math.max(0, first.subject().length() - 1)) + "\"." + newId;
            case DUPLICATE_FIELD ->
                "Keep one \"" + first.subject() + ":\" line with the value you mean and delete" + " the others."
                        + newId;
            case KEY_NEAR_MISS ->
                "Rename \"" + first.subject() + ":\" to \""
                        + PolicyParser.nearMiss(first.subject()).orElse(first.subject()) + ":\" on " + line
                        + " (keys are lower case)." + newId;
            case VERSION_NOT_FIRST, MX_DUPLICATE, UNKNOWN_FIELD ->
                throw new IllegalStateException("no action for an info problem: " + first.kind());
        };
    }

    /**
     * When a required key is missing because it is misspelled or mis-indented on some line, the fix is to correct
     * that line, not to add a second one.
     */
    private static Optional<String> misspelled(PolicyAnalysis policy, String key) {
        PolicyDocument document = policy.document().orElseThrow();
        for (PolicyProblem problem : document.problems()) {
            if (problem.kind() == PolicyProblem.Kind.KEY_NEAR_MISS
                    && PolicyParser.nearMiss(problem.subject()).equals(Optional.of(key))) {
                String value = document.fields().stream()
                        .filter(field -> field.line() == problem.line())
                        .map(PolicyField::value)
                        .findFirst()
                        .orElse("...");
                return Optional.of("Correct line " + problem.line() + " to read \"" + key + ": " + value + "\".");
            }
            if (problem.kind() == PolicyProblem.Kind.LEADING_WHITESPACE
                    && problem.subject().startsWith(key + ":")) {
                return Optional.of("Remove the whitespace at the start of line " + problem.line()
                        + " so that it reads \"" + problem.subject() + "\".");
            }
            if (problem.kind() == PolicyProblem.Kind.SPACE_BEFORE_COLON
                    && problem.subject().equals(key)) {
                return Optional.of("Remove the whitespace before \":\" on line " + problem.line()
                        + " so that it starts with \"" + key + ":\".");
            }
        }
        return Optional.empty();
    }

    private static PolicySyntaxCode code(PolicyProblem.Kind kind) {
        return switch (kind) {
            case EMPTY -> PolicySyntaxCode.POLICY_EMPTY;
            case BOM -> PolicySyntaxCode.POLICY_BOM;
            case NOT_UTF8 -> PolicySyntaxCode.POLICY_NOT_UTF8;
            case CONTROL_CHARACTER -> PolicySyntaxCode.POLICY_CONTROL_CHARACTER;
            case BARE_CR -> PolicySyntaxCode.POLICY_BARE_CR;
            case MIXED_LINE_ENDINGS -> PolicySyntaxCode.POLICY_LINE_ENDINGS_MIXED;
            case BLANK_LINE -> PolicySyntaxCode.POLICY_BLANK_LINE;
            case LEADING_WHITESPACE -> PolicySyntaxCode.POLICY_LINE_LEADING_WHITESPACE;
            case SPACE_BEFORE_COLON -> PolicySyntaxCode.POLICY_LINE_SPACE_BEFORE_COLON;
            case NOT_KEY_VALUE -> PolicySyntaxCode.POLICY_LINE_NOT_KEY_VALUE;
            case EXTENSION_MALFORMED -> PolicySyntaxCode.POLICY_EXTENSION_MALFORMED;
            case VERSION_MISSING -> PolicySyntaxCode.POLICY_VERSION_MISSING;
            case VERSION_INVALID -> PolicySyntaxCode.POLICY_VERSION_INVALID;
            case VERSION_NOT_FIRST -> PolicySyntaxCode.POLICY_VERSION_NOT_FIRST;
            case MODE_MISSING -> PolicySyntaxCode.POLICY_MODE_MISSING;
            case MODE_INVALID -> PolicySyntaxCode.POLICY_MODE_INVALID;
            case MAX_AGE_MISSING -> PolicySyntaxCode.POLICY_MAX_AGE_MISSING;
            case MAX_AGE_INVALID -> PolicySyntaxCode.POLICY_MAX_AGE_INVALID;
            case MAX_AGE_TOO_LARGE -> PolicySyntaxCode.POLICY_MAX_AGE_TOO_LARGE;
            case MAX_AGE_ZERO -> PolicySyntaxCode.POLICY_MAX_AGE_ZERO;
            case MAX_AGE_SHORT -> PolicySyntaxCode.POLICY_MAX_AGE_SHORT;
            case MX_MISSING -> PolicySyntaxCode.POLICY_MX_MISSING;
            case MX_LIST -> PolicySyntaxCode.POLICY_MX_LIST;
            case MX_IP_ADDRESS -> PolicySyntaxCode.POLICY_MX_IP_ADDRESS;
            case MX_WILDCARD_MISPLACED -> PolicySyntaxCode.POLICY_MX_WILDCARD_MISPLACED;
            case MX_U_LABEL -> PolicySyntaxCode.POLICY_MX_U_LABEL;
            case MX_INVALID -> PolicySyntaxCode.POLICY_MX_INVALID;
            case MX_TRAILING_DOT -> PolicySyntaxCode.POLICY_MX_TRAILING_DOT;
            case MX_DUPLICATE -> PolicySyntaxCode.POLICY_MX_DUPLICATE;
            case DUPLICATE_FIELD -> PolicySyntaxCode.POLICY_DUPLICATE_FIELD;
            case UNKNOWN_FIELD -> PolicySyntaxCode.POLICY_UNKNOWN_FIELD;
            case KEY_NEAR_MISS -> PolicySyntaxCode.POLICY_KEY_NEAR_MISS;
        };
    }

    private static String lines(List<PolicyProblem> problems) {
        List<Integer> numbers = problems.stream()
                .map(PolicyProblem::line)
                .filter(number -> number > 0)
                .distinct()
                .toList();
        if (numbers.size() == 1) {
            return "line " + numbers.getFirst();
        }
        return "lines " + numbers.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String modeSuggestion(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return PolicyMode.parse(lower).map(PolicyMode::value).orElse("testing");
    }

    private static String splitList(String value) {
        return Arrays.stream(value.split("[,\\s]+"))
                .filter(part -> !part.isEmpty())
                .map(part -> "mx: " + part)
                .collect(Collectors.joining("\n"));
    }

    private static String aLabel(String value) {
        try {
            return IDN.toASCII(value, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
