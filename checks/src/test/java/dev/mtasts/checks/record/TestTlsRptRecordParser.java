package dev.mtasts.checks.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mtasts.checks.record.RecordProblem.Deviation;
import dev.mtasts.checks.record.RecordProblem.Malformed;
import dev.mtasts.checks.record.RecordProblem.Rua;
import dev.mtasts.checks.record.RecordProblem.TlsRptKind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TestTlsRptRecordParser {
    static Stream<Arguments> records() {
        return Stream.of(
                valid("R2/R5 a minimal mailto record", "v=TLSRPTv1; rua=mailto:tlsrpt@example.com", 1),
                valid("R6 an https URI", "v=TLSRPTv1; rua=https://reports.example.net/tlsrpt", 1),
                valid(
                        "R6 two URIs, comma and spaces between them",
                        "v=TLSRPTv1; rua=mailto:a@example.com , https://r.example.net/v1?x=1",
                        2),
                valid("R6 scheme names are case-insensitive", "v=TLSRPTv1; rua=MAILTO:a@example.com", 1),
                valid(
                        "R8 repeated rua fields are allowed",
                        "v=TLSRPTv1; rua=mailto:a@example.com; rua=https://r.example.net/",
                        2,
                        Rua.MULTIPLE),
                valid(
                        "R9 an extension before rua (field order is free)",
                        "v=TLSRPTv1; x=1; rua=mailto:a@example.com",
                        1,
                        Deviation.EXTENSION),
                valid(
                        "R3 whitespace before the first semicolon warns",
                        "v=TLSRPTv1 ; rua=mailto:a@example.com",
                        1,
                        Deviation.SPACE_BEFORE_FIRST_SEMICOLON),
                valid("R7 a percent-encoded ! is fine", "v=TLSRPTv1; rua=mailto:a%21b@example.com", 1),
                valid(
                        "R7 !10m on one of two URIs loses only that URI",
                        "v=TLSRPTv1; rua=mailto:a@example.com!10m,mailto:b@example.com",
                        1,
                        Rua.URI_UNENCODED),
                valid(
                        "R6 an unsupported scheme next to mailto warns",
                        "v=TLSRPTv1; rua=mailto:a@example.com,http://r.example.net/",
                        1,
                        Rua.SCHEME_UNSUPPORTED),
                invalid("R5 rua missing", "v=TLSRPTv1;", Rua.MISSING),
                invalid(
                        "R5 RUA= in upper case is not rua",
                        "v=TLSRPTv1; RUA=mailto:a@example.com",
                        Rua.MISSING,
                        Deviation.EXTENSION),
                invalid(
                        "R7 DMARC-style !10m suffix is fail",
                        "v=TLSRPTv1; rua=mailto:tlsrpt@example.com!10m",
                        Rua.URI_UNENCODED),
                invalid(
                        "R6 only an unsupported scheme",
                        "v=TLSRPTv1; rua=http://r.example.net/",
                        Rua.SCHEME_UNSUPPORTED),
                invalid(
                        "R6 an address without mailto: is not a URI",
                        "v=TLSRPTv1; rua=tlsrpt@example.com",
                        Rua.URI_SYNTAX),
                invalid(
                        "R7 an unencoded comma splits a mailto address list",
                        "v=TLSRPTv1; rua=mailto:a@example.com,b@example.com",
                        Rua.URI_SYNTAX),
                invalid("R6 mailto: without an address", "v=TLSRPTv1; rua=mailto:", Rua.URI_INVALID),
                invalid("R6 https: without a host", "v=TLSRPTv1; rua=https:/reports", Rua.URI_INVALID),
                invalid("R6 a malformed percent escape", "v=TLSRPTv1; rua=mailto:a%2@example.com", Rua.URI_SYNTAX),
                invalid("R6 an empty rua", "v=TLSRPTv1; rua=", Rua.URI_SYNTAX),
                invalid(
                        "R6 a trailing comma leaves an empty entry",
                        "v=TLSRPTv1; rua=mailto:a@example.com,",
                        Rua.URI_SYNTAX),
                invalid(
                        "R2 whitespace around =",
                        "v=TLSRPTv1; rua = mailto:a@example.com",
                        Malformed.SPACE_AROUND_EQUALS),
                invalid(
                        "R9 a space-separated second field",
                        "v=TLSRPTv1; rua=mailto:a@example.com x=1",
                        Malformed.MISSING_SEMICOLON,
                        Deviation.EXTENSION),
                invalid(
                        "R9 a malformed extension name",
                        "v=TLSRPTv1; rua=mailto:a@example.com; " + "n".repeat(33) + "=1",
                        Malformed.FIELD_NAME_INVALID),
                invalid(
                        "R6 a quote is not a URI character",
                        "v=TLSRPTv1; rua=mailto:\"a\"@example.com",
                        Malformed.VALUE_INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void parses(String name, String record, boolean valid, int usable, List<TlsRptKind> kinds) {
        TlsRptRecordSyntax syntax = TlsRptRecordParser.parse(record);

        assertThat(syntax.problems().stream().<TlsRptKind>map(RecordProblem::kind))
                .containsExactlyInAnyOrderElementsOf(kinds);
        assertThat(syntax.valid()).as("valid").isEqualTo(valid);
        if (valid) {
            assertThat(syntax.usableUris()).hasSize(usable);
        }
        assertThat(syntax.problems())
                .allSatisfy(problem -> assertThat(problem.rule()).matches("R[0-9]+"));
    }

    @Test
    void dmarcSuffixMessageNamesTheSuffix() {
        TlsRptRecordSyntax syntax = TlsRptRecordParser.parse("v=TLSRPTv1; rua=mailto:tlsrpt@example.com!10m");

        assertThat(syntax.problems().getFirst().message()).contains("!10m", "DMARC", "encoded");
    }

    private static Arguments valid(String name, String record, int usable, TlsRptKind... kinds) {
        return arguments(name, record, true, usable, List.of(kinds));
    }

    private static Arguments invalid(String name, String record, TlsRptKind... kinds) {
        return arguments(name, record, false, 0, List.of(kinds));
    }
}
