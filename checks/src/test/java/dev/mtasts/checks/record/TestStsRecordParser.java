package dev.mtasts.checks.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mtasts.checks.record.RecordProblem.Deviation;
import dev.mtasts.checks.record.RecordProblem.Id;
import dev.mtasts.checks.record.RecordProblem.Malformed;
import dev.mtasts.checks.record.RecordProblem.StsKind;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TestStsRecordParser {
    private static final String ID_32 = "a".repeat(32);
    private static final String SHA_256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    static Stream<Arguments> records() {
        return Stream.of(
                valid("T6 minimal record", "v=STSv1; id=20160831085700Z", "20160831085700Z"),
                valid("T11 trailing semicolon is allowed", "v=STSv1; id=abc;", "abc"),
                valid("T11 trailing semicolon and whitespace are allowed", "v=STSv1; id=abc;  ", "abc"),
                valid("T11 no whitespace after the semicolon", "v=STSv1;id=abc", "abc"),
                valid("T11 tabs around a later delimiter", "v=STSv1;\tid=abc\t;", "abc"),
                valid(
                        "T7 whitespace before the first semicolon warns (EID 6285)",
                        "v=STSv1 ; id=abc",
                        "abc",
                        Deviation.SPACE_BEFORE_FIRST_SEMICOLON),
                valid(
                        "T11 whitespace before a later semicolon is valid",
                        "v=STSv1; id=abc ; x=y",
                        "abc",
                        Deviation.EXTENSION),
                valid(
                        "T11 trailing whitespace without semicolon warns",
                        "v=STSv1; id=abc ",
                        "abc",
                        Deviation.TRAILING_WHITESPACE),
                invalid("T11 fields separated by a space only", "v=STSv1 id=abc", Malformed.MISSING_SEMICOLON),
                invalid("T11 whitespace around =", "v=STSv1; id = abc", Malformed.SPACE_AROUND_EQUALS),
                invalid("T11 empty field ;;", "v=STSv1;; id=abc", Malformed.EMPTY_FIELD),
                invalid("T11 a field without =", "v=STSv1; id=abc; foo", Malformed.FIELD_WITHOUT_EQUALS),
                invalid("T8 version and semicolon only: id missing", "v=STSv1;", Id.MISSING),
                invalid("T8 bare version: id missing", "v=STSv1", Id.MISSING),
                invalid("T8 empty id", "v=STSv1; id=", Id.INVALID),
                invalid("T8 id with dashes parses as extension: record invalid", "v=STSv1; id=2024-01-01", Id.INVALID),
                invalid(
                        "T8 ISO timestamp id parses as extension: record invalid",
                        "v=STSv1; id=2024-01-01T00:00:00Z",
                        Id.INVALID),
                valid("T8 a 32-character id is valid", "v=STSv1; id=" + ID_32, ID_32),
                invalid("T8 a 33-character id is invalid", "v=STSv1; id=" + ID_32 + "b", Id.INVALID),
                invalid("T8 a 64-character SHA-256 id is invalid", "v=STSv1; id=" + SHA_256, Id.INVALID),
                invalid(
                        "T8 ID= in upper case is an extension: id missing",
                        "v=STSv1; ID=abc",
                        Id.MISSING,
                        Deviation.EXTENSION),
                valid("T9 duplicate id: the first wins", "v=STSv1; id=abc; id=def", "abc", Id.DUPLICATE),
                invalid(
                        "T9 first id invalid, a later one valid: the first decides",
                        "v=STSv1; id=2024-01-01; id=abc",
                        Id.INVALID,
                        Id.DUPLICATE),
                valid(
                        "T10 a well-formed extension is info",
                        "v=STSv1; id=abc; ext_1.x-y=val:ue/+",
                        "abc",
                        Deviation.EXTENSION),
                valid("T6 field order after the version is free", "v=STSv1; x=1; id=abc", "abc", Deviation.EXTENSION),
                invalid(
                        "T10 an extension name over 32 characters",
                        "v=STSv1; id=abc; " + "n".repeat(33) + "=1",
                        Malformed.FIELD_NAME_INVALID),
                invalid("T10 an extension name starting with _", "v=STSv1; id=abc; _x=1", Malformed.FIELD_NAME_INVALID),
                invalid("T10 = inside an extension value", "v=STSv1; id=abc; a=b=c", Malformed.VALUE_INVALID),
                invalid(
                        "T10 a space inside an extension value",
                        "v=STSv1; id=abc; a=b c",
                        Malformed.MISSING_SEMICOLON,
                        Deviation.EXTENSION),
                invalid("T10 an empty extension value", "v=STSv1; id=abc; a=", Malformed.VALUE_INVALID),
                invalid("T2 a non-ASCII byte", "v=STSv1; id=abc; x=caf\u00e9", Deviation.NOT_ASCII),
                invalid("T2 a control character", "v=STSv1; id=abc\u0000", Malformed.CONTROL_CHARACTER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void parses(String name, String record, Optional<String> id, List<StsKind> kinds) {
        StsRecordSyntax syntax = StsRecordParser.parse(record);

        assertThat(syntax.problems().stream().<StsKind>map(RecordProblem::kind))
                .containsExactlyInAnyOrderElementsOf(kinds);
        assertThat(syntax.valid()).as("valid").isEqualTo(id.isPresent());
        if (id.isPresent()) {
            assertThat(syntax.id()).isEqualTo(id);
        }
        assertThat(syntax.problems())
                .allSatisfy(problem -> assertThat(problem.rule()).matches("T[0-9]+"));
    }

    @Test
    void invalidIdMessageExplainsTheExtensionTrap() {
        StsRecordSyntax syntax = StsRecordParser.parse("v=STSv1; id=2024-01-01T00:00:00Z");

        assertThat(syntax.problems().getFirst().message())
                .contains("\"-\"", "\":\"", "extension field named id", "ignore");
    }

    @Test
    void sanitizedIdKeepsLettersAndDigitsUpTo32() {
        assertThat(StsRecordParser.sanitizeId("2024-01-01T00:00:00Z")).contains("20240101T000000Z");
        assertThat(StsRecordParser.sanitizeId(SHA_256)).contains(SHA_256.substring(0, 32));
        assertThat(StsRecordParser.sanitizeId("---")).isEmpty();
    }

    private static Arguments valid(String name, String record, String id, StsKind... kinds) {
        return arguments(name, record, Optional.of(id), List.of(kinds));
    }

    private static Arguments invalid(String name, String record, StsKind... kinds) {
        return arguments(name, record, Optional.empty(), List.of(kinds));
    }
}
