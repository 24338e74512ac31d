package dev.mtasts.checks.record;

import dev.mtasts.checks.record.RecordProblem.Deviation;
import dev.mtasts.checks.record.RecordProblem.Grammar;
import dev.mtasts.checks.record.RecordProblem.Malformed;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.Severity;
import dev.mtasts.spi.TxtAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The two tag-value TXT grammars this plugin reads. They share their shape (RFC 8461 §3.1 and RFC 8460 §3): a
 * case-sensitive version first, then fields {@code name=value} separated by {@code *WSP ";" *WSP}, an optional
 * trailing delimiter, and extension fields with the same name and value syntax. They differ in the version, the
 * required field ({@code id} or {@code rua}) and the value syntax of that field.
 */
public enum RecordDialect {
    /** RFC 8461 §3.1: {@code _mta-sts} records. Rule ids T1–T15 of the project checklist. */
    STS("v=STSv1", "_mta-sts", "T", "id", 10, "Senders", "RFC 8461 §3.1"),
    /** RFC 8460 §3: {@code _smtp._tls} records. Rule ids R1–R12 of the project checklist. */
    TLSRPT("v=TLSRPTv1", "_smtp._tls", "R", "rua", 9, "Reporters", "RFC 8460 §3");

    private final String version;
    private final String label;
    private final String rulePrefix;
    private final String requiredField;
    private final int extensionRule;
    private final String readers;
    private final String citation;

    RecordDialect(
            String version,
            String label,
            String rulePrefix,
            String requiredField,
            int extensionRule,
            String readers,
            String citation) {
        this.version = version;
        this.label = label;
        this.rulePrefix = rulePrefix;
        this.requiredField = requiredField;
        this.extensionRule = extensionRule;
        this.readers = readers;
        this.citation = citation;
    }

    /** The field every record of this dialect needs besides the version: {@code id} or {@code rua}. */
    public String requiredField() {
        return requiredField;
    }

    /** The exact, case-sensitive version field that must open the record, e.g. {@code v=STSv1}. */
    public String version() {
        return version;
    }

    /** Who reads records of this dialect, capitalised: {@code Senders}, {@code Reporters}. */
    public String readers() {
        return readers;
    }

    /** The version value alone, e.g. {@code STSv1}. */
    public String versionValue() {
        return version.substring(2);
    }

    /** The label prepended to the policy domain, e.g. {@code _mta-sts}. */
    public String label() {
        return label;
    }

    /** The record's DNS name for a policy domain, e.g. {@code _mta-sts.example.com}. */
    public String recordName(String domain) {
        return label + "." + domain;
    }

    /**
     * Whether a TXT record is one of this dialect's records for counting purposes: it begins with the exact version
     * and the version is followed by the end, a {@code ;} or whitespace. Such records are what senders count (RFC
     * 8461 §3.1: "records that do not begin with "v=STSv1;" are discarded"). Counting {@code v=STSv1 ;} and {@code
     * v=STSv1 id=1} too is the cautious reading: senders that accept them would see two records next to a valid one.
     * The space before {@code ;} is reported as {@link RecordProblem.Kind#SPACE_BEFORE_FIRST_SEMICOLON}.
     */
    public boolean isCandidate(String text) {
        if (!text.startsWith(version)) {
            return false;
        }
        if (text.length() == version.length()) {
            return true;
        }
        char next = text.charAt(version.length());
        return next == ';' || next == ' ' || next == '\t';
    }

    /** The rule id for a rule number in this dialect's checklist section, e.g. {@code T8}. */
    String rule(int number) {
        return rulePrefix + number;
    }

    /**
     * The problems of the fields other than the version and the required field: an empty value fails (every value
     * needs at least one character), and unknown fields are reported as ignored, as the RFC says readers do.
     */
    List<RecordProblem<Grammar>> otherFieldProblems(List<TagField> fields) {
        List<TagField> others = fields.stream()
                .filter(field -> !field.name().equals(requiredField))
                .filter(field -> TagValueParser.isValidName(field.name()) && field.valueWellFormed())
                .toList();
        List<RecordProblem<Grammar>> problems = new ArrayList<>();
        for (TagField field : others) {
            if (field.value().isEmpty()) {
                problems.add(new RecordProblem<>(
                        Malformed.VALUE_INVALID,
                        Severity.FAIL,
                        rule(extensionRule),
                        "The field " + field.name() + "= has no value; every field needs a value of at least one"
                                + " character.",
                        "empty value for " + field.name()));
            }
        }
        List<TagField> extensions =
                others.stream().filter(field -> !field.value().isEmpty()).toList();
        if (!extensions.isEmpty()) {
            problems.add(new RecordProblem<>(
                    Deviation.EXTENSION,
                    Severity.INFO,
                    rule(extensionRule),
                    readers + " ignore the unknown field" + (extensions.size() == 1 ? " " : "s ")
                            + extensions.stream().map(TagField::text).collect(Collectors.joining(", "))
                            + " (" + citation + ": unknown fields SHALL be ignored).",
                    "unknown fields"));
        }
        return problems;
    }

    /**
     * Why readers find no record of this dialect at {@code name}, for the statuses that say nothing about a record's
     * content ({@code MISSING}, {@code DANGLING_CNAME}, {@code CNAME_LOOP}, {@code LOOKUP_FAILED}).
     */
    String noRecordConclusion(RecordStatus status, String name, TxtRecordSet records, LookupResult<TxtAnswer> lookup) {
        return switch (status) {
            case MISSING ->
                records.unrelated().isEmpty()
                        ? "no TXT record at " + name
                        : "no " + version + " record among the "
                                + RecordText.count(records.unrelated().size(), "TXT record")
                                + " at " + name;
            case DANGLING_CNAME -> name + " is a CNAME to a name that does not exist";
            case CNAME_LOOP -> "the CNAME chain at " + name + " loops";
            case LOOKUP_FAILED -> "the TXT lookup of " + name + " fails (" + lookup.describe() + ")";
            case VALID, INVALID, MULTIPLE -> throw new IllegalArgumentException(status + " is about a record");
        };
    }

    String lowerVersionValue() {
        return versionValue().toLowerCase(Locale.ROOT);
    }
}
