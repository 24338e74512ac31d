package dev.mtasts.checks.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mtasts.checks.record.RecordProblem.Kind;
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
                        Kind.RUA_MULTIPLE),
                valid(
                        "R9 an extension before rua (field order is free)",
                        "v=TLSRPTv1; x=1; rua=mailto:a@example.com",
                        1,
                        Kind.EXTENSION),
                valid(
                        "R3 whitespace before the first semicolon warns",
                        "v=TLSRPTv1 ; rua=mailto:a@example.com",
                        1,
                        Kind.SPACE_BEFORE_FIRST_SEMICOLON),
                valid("R7 a percent-encoded ! is fine", "v=TLSRPTv1; rua=mailto:a%21b@example.com", 1),
                valid(
                        "R7 !10m on one of two URIs loses only that URI",
                        "v=TLSRPTv1; rua=mailto:a@example.com!10m,mailto:b@example.com",
                        1,
                        Kind.RUA_URI_UNENCODED),
                valid(
                        "R6 an unsupported scheme next to mailto warns",
                        "v=TLSRPTv1; rua=mailto:a@example.com,http://r.example.net/",
                        1,
                        Kind.RUA_SCHEME_UNSUPPORTED),
                invalid("R5 rua missing", "v=TLSRPTv1;", Kind.RUA_MISSING),
                invalid(
                        "R5 RUA= in upper case is not rua",
                        "v=TLSRPTv1; RUA=mailto:a@example.com",
                        Kind.RUA_MISSING,
                        Kind.EXTENSION),
                invalid(
                        "R7 DMARC-style !10m suffix is fail",
                        "v=TLSRPTv1; rua=mailto:tlsrpt@example.com!10m",
                        Kind.RUA_URI_UNENCODED),
                invalid(
                        "R6 only an unsupported scheme",
                        "v=TLSRPTv1; rua=http://r.example.net/",
                        Kind.RUA_SCHEME_UNSUPPORTED),
                invalid(
                        "R6 an address without mailto: is not a URI",
                        "v=TLSRPTv1; rua=tlsrpt@example.com",
                        Kind.RUA_URI_SYNTAX),
                invalid(
                        "R7 an unencoded comma splits a mailto address list",
                        "v=TLSRPTv1; rua=mailto:a@example.com,b@example.com",
                        Kind.RUA_URI_SYNTAX),
                invalid("R6 mailto: without an address", "v=TLSRPTv1; rua=mailto:", Kind.RUA_URI_INVALID),
                invalid("R6 https: without a host", "v=TLSRPTv1; rua=https:/reports", Kind.RUA_URI_INVALID),
                invalid("R6 a malformed percent escape", "v=TLSRPTv1; rua=mailto:a%2@example.com", Kind.RUA_URI_SYNTAX),
                invalid("R6 an empty rua", "v=TLSRPTv1; rua=", Kind.RUA_URI_SYNTAX),
                invalid(
                        "R6 a trailing comma leaves an empty entry",
                        "v=TLSRPTv1; rua=mailto:a@example.com,",
                        Kind.RUA_URI_SYNTAX),
                invalid("R2 whitespace around =", "v=TLSRPTv1; rua = mailto:a@example.com", Kind.SPACE_AROUND_EQUALS),
                invalid(
                        "R9 a space-separated second field",
                        "v=TLSRPTv1; rua=mailto:a@example.com x=1",
                        Kind.MISSING_SEMICOLON,
                        Kind.EXTENSION),
                invalid(
                        "R9 a malformed extension name",
                        "v=TLSRPTv1; rua=mailto:a@example.com; " + "n".repeat(33) + "=1",
                        Kind.FIELD_NAME_INVALID),
                invalid(
                        "R6 a quote is not a URI character",
                        "v=TLSRPTv1; rua=mailto:\"a\"@example.com",
                        Kind.VALUE_INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void parses(String name, String record, boolean valid, int usable, List<Kind> kinds) {
        TlsRptRecordSyntax syntax = TlsRptRecordParser.parse(record);

        assertThat(syntax.problems()).extracting(RecordProblem::kind).containsExactlyInAnyOrderElementsOf(kinds);
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

    private static Arguments valid(String name, String record, int usable, Kind... kinds) {
        return arguments(name, record, true, usable, List.of(kinds));
    }

    private static Arguments invalid(String name, String record, Kind... kinds) {
        return arguments(name, record, false, 0, List.of(kinds));
    }
}
