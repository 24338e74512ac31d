package dev.mtasts.checks.record;

import dev.mtasts.checks.record.RecordProblem.Id;
import dev.mtasts.checks.record.RecordProblem.StsKind;
import dev.mtasts.spi.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses one {@code _mta-sts} TXT record literally by RFC 8461 §3.1:
 *
 * <pre>
 * sts-text-record = sts-version 1*(sts-field-delim sts-field) [sts-field-delim]
 * sts-field       = sts-id / sts-extension      ; Note that sts-id record is required.
 * sts-id          = %s"id=" 1*32(ALPHA / DIGIT)
 * </pre>
 *
 * The trap (T8): {@code id=2024-01-01T00:00:00Z} is not an {@code sts-id}, but it still matches {@code
 * sts-extension} (name {@code id}, value {@code 2024-01-01T00:00:00Z}). The record then has no {@code sts-id} and is
 * invalid. The same holds for a 64-character SHA-256 id and for {@code ID=abc} (names are case-sensitive).
 *
 * <p>Duplicates (T9): "If any non-repeated field ... is duplicated, all entries except for the first SHALL be
 * ignored", so the first {@code id} field decides; when it is not a valid id the record is invalid even if a later
 * {@code id} is valid (a sender reading the first field sees no usable id).
 */
public final class StsRecordParser {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final int MAX_ID_LENGTH = 32;

    private StsRecordParser() {}

    /** Parses a record that begins with {@code v=STSv1} (see {@link RecordDialect#isCandidate(String)}). */
    public static StsRecordSyntax parse(String text) {
        TagValueSyntax syntax = TagValueParser.parse(text, RecordDialect.STS);
        List<RecordProblem<? extends StsKind>> problems = new ArrayList<>(syntax.problems());
        List<TagField> idFields = syntax.named("id");
        Optional<String> id = Optional.empty();
        if (idFields.isEmpty()) {
            problems.add(missingId(syntax.lookalike("id")));
        } else {
            TagField first = idFields.getFirst();
            if (isValidId(first.value())) {
                id = Optional.of(first.value());
            } else if (first.valueWellFormed()) {
                problems.add(invalidId(first.value()));
            }
            if (idFields.size() > 1) {
                problems.add(duplicateId(idFields));
            }
        }
        problems.addAll(RecordDialect.STS.otherFieldProblems(syntax.fields()));
        return new StsRecordSyntax(syntax, id, problems);
    }

    /** {@code 1*32(ALPHA / DIGIT)}. */
    public static boolean isValidId(String id) {
        return ID.matcher(id).matches();
    }

    /**
     * A valid id derived from an invalid one: its letters and digits, at most 32; empty when none are left. Used to
     * suggest a fix ({@code 2024-01-01T00:00:00Z} becomes {@code 20240101T000000Z}).
     */
    public static Optional<String> sanitizeId(String id) {
        StringBuilder sanitized = new StringBuilder();
        for (int index = 0; index < id.length() && sanitized.length() < MAX_ID_LENGTH; index++) {
            char character = id.charAt(index);
            if (TagValueParser.isAlphanumeric(character)) {
                sanitized.append(character);
            }
        }
        return sanitized.isEmpty() ? Optional.empty() : Optional.of(sanitized.toString());
    }

    private static RecordProblem<Id> missingId(Optional<TagField> lookalike) {
        String hint = lookalike
                .map(field -> " \"" + field.name() + "=\" is not \"id=\": field names are case-sensitive, so it is"
                        + " an unknown field.")
                .orElse("");
        return new RecordProblem<>(
                Id.MISSING,
                Severity.FAIL,
                "T8",
                "The record has no id field, which RFC 8461 requires; senders ignore the record." + hint,
                "id missing");
    }

    private static RecordProblem<Id> invalidId(String value) {
        String reason;
        if (value.isEmpty()) {
            reason = "is empty";
        } else if (value.length() > MAX_ID_LENGTH && isAllAlphanumeric(value)) {
            reason = "is " + value.length() + " characters long; at most 32 letters and digits are allowed"
                    + (value.length() == 64 ? " (a SHA-256 hex digest does not fit)" : "");
        } else {
            reason = "contains " + disallowedCharacters(value) + "; only letters and digits are allowed"
                    + (value.length() > MAX_ID_LENGTH ? ", at most 32 of them" : "");
        }
        return new RecordProblem<>(
                Id.INVALID,
                Severity.FAIL,
                "T8",
                "id=" + RecordText.abbreviate(value, 70) + " " + reason + ". It parses as an unknown extension field"
                        + " named id, so the record has no id and senders ignore it.",
                "id=" + RecordText.abbreviate(value, 40) + " is not 1 to 32 letters and digits");
    }

    private static RecordProblem<Id> duplicateId(List<TagField> idFields) {
        String values = idFields.stream().map(TagField::value).collect(Collectors.joining(", "));
        return new RecordProblem<>(
                Id.DUPLICATE,
                Severity.WARN,
                "T9",
                "id appears " + idFields.size() + " times (" + values + "). RFC 8461 says the first wins ("
                        + idFields.getFirst().value() + "), but some senders keep the last; publish one id.",
                "duplicate id");
    }

    private static boolean isAllAlphanumeric(String value) {
        return value.chars().allMatch(character -> TagValueParser.isAlphanumeric((char) character));
    }

    private static String disallowedCharacters(String value) {
        return value.chars()
                .filter(character -> !TagValueParser.isAlphanumeric((char) character))
                .distinct()
                .mapToObj(character -> RecordText.describe((char) character))
                .collect(Collectors.joining(", "));
    }
}
