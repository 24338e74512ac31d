package dev.mtasts.checks.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mtasts.checks.policy.PolicyProblem.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TestPolicyParser {
    private static final String ENFORCE = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n";

    static Stream<Arguments> policies() {
        return Stream.of(
                valid("P1 LF line endings", ENFORCE),
                valid("P1 CRLF line endings", ENFORCE.replace("\n", "\r\n")),
                valid(
                        "P1 mixed CRLF and LF is valid but warns (checkdmarc rejects it)",
                        "version: STSv1\r\nmode: enforce\nmx: mail.example.com\r\nmax_age: 604800\n",
                        Kind.MIXED_LINE_ENDINGS),
                valid("P2 no line break after the last field", ENFORCE.strip()),
                valid(
                        "P2 whitespace after the colon and at the end of a line",
                        "version:STSv1\nmode:   enforce  \nmx:\tmail.example.com\t\nmax_age: 604800"),
                invalid("P1 bare CR line endings", ENFORCE.replace("\n", "\r"), Kind.BARE_CR),
                invalid("P1 a vertical tab inside a value", ENFORCE + "note: a\u000Bb\n", Kind.CONTROL_CHARACTER),
                invalid(
                        "P1 U+2028 LINE SEPARATOR inside a value",
                        ENFORCE + "note: a\u2028b\n",
                        Kind.CONTROL_CHARACTER),
                valid(
                        "P2 an empty line between fields warns",
                        "version: STSv1\n\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n",
                        Kind.BLANK_LINE),
                valid("P2 two line breaks at the end warn", ENFORCE + "\n", Kind.BLANK_LINE),
                invalid(
                        "P2 a line starting with a space: version missing",
                        " " + ENFORCE,
                        Kind.LEADING_WHITESPACE,
                        Kind.VERSION_MISSING),
                invalid(
                        "P2 whitespace before the colon: mode missing",
                        ENFORCE.replace("mode:", "mode :"),
                        Kind.SPACE_BEFORE_COLON,
                        Kind.MODE_MISSING),
                invalid("P2 a comment line", "# MTA-STS policy\n" + ENFORCE, Kind.NOT_KEY_VALUE),
                invalid(
                        "P2 key=value instead of key: value",
                        ENFORCE.replace("mode: enforce", "mode=enforce"),
                        Kind.NOT_KEY_VALUE,
                        Kind.MODE_MISSING),
                invalid(
                        "P2 an HTML page",
                        "<!DOCTYPE html>\n<html><body>Not found</body></html>\n",
                        Kind.NOT_KEY_VALUE,
                        Kind.VERSION_MISSING,
                        Kind.MODE_MISSING,
                        Kind.MAX_AGE_MISSING),
                valid("P3 mode none needs no mx", "version: STSv1\nmode: none\nmax_age: 86400\n"),
                invalid("P3 enforce without mx", "version: STSv1\nmode: enforce\nmax_age: 604800\n", Kind.MX_MISSING),
                invalid("P3 testing without mx", "version: STSv1\nmode: testing\nmax_age: 604800\n", Kind.MX_MISSING),
                invalid(
                        "P3 version missing",
                        "mode: enforce\nmx: mail.example.com\nmax_age: 604800\n",
                        Kind.VERSION_MISSING),
                invalid(
                        "P3 max_age missing",
                        "version: STSv1\nmode: enforce\nmx: mail.example.com\n",
                        Kind.MAX_AGE_MISSING),
                invalid("P3 an empty body", "", Kind.EMPTY),
                invalid("P3 whitespace only", "\n \n", Kind.EMPTY),
                invalid(
                        "P4 Mode: enforce is an unknown key, so mode is missing",
                        ENFORCE.replace("mode:", "Mode:"),
                        Kind.KEY_NEAR_MISS,
                        Kind.MODE_MISSING),
                invalid("P4 mode Enforce is not a mode", ENFORCE.replace("enforce", "Enforce"), Kind.MODE_INVALID),
                invalid("P4 version stsv1 is not STSv1", ENFORCE.replace("STSv1", "stsv1"), Kind.VERSION_INVALID),
                valid(
                        "P5 version not on the first line is valid (info)",
                        "mode: enforce\nversion: STSv1\nmx: mail.example.com\nmax_age: 604800\n",
                        Kind.VERSION_NOT_FIRST),
                valid("P6 duplicate mode: the first wins", ENFORCE + "mode: testing\n", Kind.DUPLICATE_FIELD),
                valid("P6 a duplicate mx value is info", ENFORCE + "mx: MAIL.example.com\n", Kind.MX_DUPLICATE),
                valid("P7 an unknown key is ignored (info)", ENFORCE + "foo: bar\n", Kind.UNKNOWN_FIELD),
                valid(
                        "P7 an extension value with a colon (URL)",
                        ENFORCE + "x-url: https://x.example/a b\n",
                        Kind.UNKNOWN_FIELD),
                valid("P7 a UTF-8 extension value", ENFORCE + "note: ünïcode ✓\n", Kind.UNKNOWN_FIELD),
                valid("P7 nmx next to a real mx warns", ENFORCE + "nmx: mx2.example.com\n", Kind.KEY_NEAR_MISS),
                invalid(
                        "P7 nmx as the only mx: mx missing",
                        ENFORCE.replace("mx:", "nmx:"),
                        Kind.KEY_NEAR_MISS,
                        Kind.MX_MISSING),
                invalid(
                        "P7 max-age is not max_age",
                        ENFORCE.replace("max_age", "max-age"),
                        Kind.KEY_NEAR_MISS,
                        Kind.MAX_AGE_MISSING),
                invalid(
                        "P7 MX in upper case is not mx",
                        ENFORCE.replace("mx:", "MX:"),
                        Kind.KEY_NEAR_MISS,
                        Kind.MX_MISSING),
                invalid("P7 an extension with an empty value", ENFORCE + "foo:\n", Kind.EXTENSION_MALFORMED),
                invalid("P7 an extension name starting with _", ENFORCE + "_foo: bar\n", Kind.EXTENSION_MALFORMED),
                valid("P8 max_age 31557600 is the maximum", ENFORCE.replace("604800", "31557600")),
                invalid(
                        "P8 max_age 31557601 is above the maximum",
                        ENFORCE.replace("604800", "31557601"),
                        Kind.MAX_AGE_TOO_LARGE),
                valid("P8 max_age 0 warns", ENFORCE.replace("604800", "0"), Kind.MAX_AGE_ZERO),
                valid(
                        "P8 max_age under a week in enforce warns",
                        ENFORCE.replace("604800", "86400"),
                        Kind.MAX_AGE_SHORT),
                valid(
                        "P8 max_age under a day in testing is info",
                        ENFORCE.replace("enforce", "testing").replace("604800", "3600"),
                        Kind.MAX_AGE_SHORT),
                valid(
                        "P8 max_age under a week in testing is fine",
                        ENFORCE.replace("enforce", "testing").replace("604800", "86400")),
                valid("P8 leading zeros are digits", ENFORCE.replace("604800", "0604800")),
                invalid("P8 eleven digits", ENFORCE.replace("604800", "00000604800"), Kind.MAX_AGE_INVALID),
                invalid("P8 a unit", ENFORCE.replace("604800", "7d"), Kind.MAX_AGE_INVALID),
                invalid("P8 a negative number", ENFORCE.replace("604800", "-1"), Kind.MAX_AGE_INVALID),
                invalid("P8 a decimal", ENFORCE.replace("604800", "1.5"), Kind.MAX_AGE_INVALID),
                invalid(
                        "P9 a comma-separated mx list",
                        ENFORCE.replace("mail.example.com", "a.example.com, b.example.com"),
                        Kind.MX_LIST),
                invalid(
                        "P9 a space-separated mx list",
                        ENFORCE.replace("mail.example.com", "a.example.com b.ex.com"),
                        Kind.MX_LIST),
                invalid("P10 a U-label", ENFORCE.replace("mail.example.com", "mail.bücher.example"), Kind.MX_U_LABEL),
                valid("P10 the A-label", ENFORCE.replace("mail.example.com", "mail.xn--bcher-kva.example")),
                valid("P11 a wildcard pattern", ENFORCE.replace("mail.example.com", "*.example.com")),
                invalid("P11 an IPv4 address", ENFORCE.replace("mail.example.com", "192.0.2.25"), Kind.MX_IP_ADDRESS),
                invalid("P11 an IPv6 address", ENFORCE.replace("mail.example.com", "2001:db8::25"), Kind.MX_IP_ADDRESS),
                invalid(
                        "P11 * inside a label",
                        ENFORCE.replace("mail.example.com", "mail*.example.com"),
                        Kind.MX_WILDCARD_MISPLACED),
                invalid(
                        "P11 *.*. double wildcard",
                        ENFORCE.replace("mail.example.com", "*.*.example.com"),
                        Kind.MX_WILDCARD_MISPLACED),
                invalid("P11 a bare *", ENFORCE.replace("mail.example.com", "*"), Kind.MX_WILDCARD_MISPLACED),
                invalid(
                        "P11 *x.example.com",
                        ENFORCE.replace("mail.example.com", "*x.example.com"),
                        Kind.MX_WILDCARD_MISPLACED),
                invalid(
                        "P11 an underscore",
                        ENFORCE.replace("mail.example.com", "mail_1.example.com"),
                        Kind.MX_INVALID),
                invalid(
                        "P11 an empty label",
                        ENFORCE.replace("mail.example.com", "mail..example.com"),
                        Kind.MX_INVALID),
                invalid(
                        "P11 a label ending in -",
                        ENFORCE.replace("mail.example.com", "mail-.example.com"),
                        Kind.MX_INVALID),
                valid(
                        "P11 a trailing dot warns",
                        ENFORCE.replace("mail.example.com", "mail.example.com."),
                        Kind.MX_TRAILING_DOT),
                invalid("P12 a NUL byte", ENFORCE + "note: a\u0000b\n", Kind.CONTROL_CHARACTER),
                invalid(
                        "P1 a line of a single vertical tab is not blank",
                        ENFORCE + "\u000B\n",
                        Kind.CONTROL_CHARACTER),
                invalid(
                        "P4 an ideographic space after the mode is not whitespace",
                        ENFORCE.replace("enforce", "enforce\u3000"),
                        Kind.MODE_INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void parses(String name, String body, boolean valid, List<Kind> kinds) {
        PolicyDocument document = PolicyParser.parse(body.getBytes(StandardCharsets.UTF_8));

        assertThat(document.problems().stream().map(PolicyProblem::kind).distinct())
                .containsExactlyInAnyOrderElementsOf(kinds);
        assertThat(document.valid()).as("valid").isEqualTo(valid);
        assertThat(document.problems())
                .allSatisfy(problem -> assertThat(problem.rule()).matches("P[0-9]+"));
    }

    static Stream<Arguments> bytes() {
        byte[] policy = ENFORCE.getBytes(StandardCharsets.US_ASCII);
        byte[] withBom = new byte[policy.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(policy, 0, withBom, 3, policy.length);
        byte[] latin1 = (ENFORCE + "note: caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        return Stream.of(
                arguments("P12 a UTF-8 byte order mark", withBom, Kind.BOM),
                arguments("P12 Latin-1 bytes are not UTF-8", latin1, Kind.NOT_UTF8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bytes")
    void rejectsBadBytes(String name, byte[] body, Kind kind) {
        PolicyDocument document = PolicyParser.parse(body);

        assertThat(document.problems()).extracting(PolicyProblem::kind).contains(kind);
        assertThat(document.valid()).isFalse();
    }

    @Test
    void lineEndingStyleIsReported() {
        assertThat(parse(ENFORCE).lineEnding()).isEqualTo(LineEnding.LF);
        assertThat(parse(ENFORCE.replace("\n", "\r\n")).lineEnding()).isEqualTo(LineEnding.CRLF);
        assertThat(parse("version: STSv1\r\nmode: none\nmax_age: 1\n").lineEnding())
                .isEqualTo(LineEnding.MIXED);
    }

    @Test
    void firstDuplicateWinsAndConflictIsLoud() {
        PolicyDocument document = parse(ENFORCE.replace("mode: enforce", "mode: testing\nmode: enforce"));

        assertThat(document.mode()).contains(PolicyMode.TESTING);
        assertThat(document.problems().getFirst().message()).contains("different values", "first wins", "last");
    }

    @Test
    void missingModeExplainsTheCaseSensitiveKey() {
        PolicyDocument document = parse(ENFORCE.replace("mode:", "Mode:"));

        assertThat(document.problems())
                .filteredOn(problem -> problem.kind() == Kind.MODE_MISSING)
                .singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("Line 2", "case-sensitive"));
    }

    @Test
    void fieldsAndPatternsAreRead() {
        PolicyDocument document = parse(
                "version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.Example.NET.\n" + "max_age: 604800\n");

        assertThat(document.version()).contains("STSv1");
        assertThat(document.mode()).contains(PolicyMode.ENFORCE);
        assertThat(document.maxAge()).hasValue(604800);
        assertThat(document.patterns())
                .extracting(MxPattern::normalized)
                .containsExactly("mail.example.com", "*.example.net");
    }

    @Test
    void nearMissesAreRecognised() {
        assertThat(PolicyParser.nearMiss("nmx")).contains("mx");
        assertThat(PolicyParser.nearMiss("max-age")).contains("max_age");
        assertThat(PolicyParser.nearMiss("maxage")).contains("max_age");
        assertThat(PolicyParser.nearMiss("max_age_")).contains("max_age");
        assertThat(PolicyParser.nearMiss("modes")).contains("mode");
        assertThat(PolicyParser.nearMiss("Version")).contains("version");
        assertThat(PolicyParser.nearMiss("versoin")).contains("version");
        assertThat(PolicyParser.nearMiss("foo")).isEmpty();
        assertThat(PolicyParser.nearMiss("x-url")).isEmpty();
        assertThat(PolicyParser.nearMiss("mx")).isEmpty();
    }

    private static PolicyDocument parse(String body) {
        return PolicyParser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static Arguments valid(String name, String body, Kind... kinds) {
        return arguments(name, body, true, List.of(kinds));
    }

    private static Arguments invalid(String name, String body, Kind... kinds) {
        return arguments(name, body, false, List.of(kinds));
    }
}
