package dev.mtasts.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.spi.Check;
import dev.mtasts.spi.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code FINDINGS.md} and the project README document every finding code. Their table blocks are rendered from
 * {@link FindingCode}; run the tests with {@code -Dmtasts.findings.update=true} to rewrite both blocks after changing
 * the catalogue.
 */
final class TestFindingsDocument {
    private static final Path DOCUMENT = Path.of("FINDINGS.md");
    private static final Path README = Path.of("..", "README.md");
    private static final String START = "<!-- findings:start (generated from FindingCode; TestFindingsDocument) -->";
    private static final String END = "<!-- findings:end -->";
    private static final Pattern ROW_CODE = Pattern.compile("^\\| `([a-z0-9-]+)` \\|", Pattern.MULTILINE);

    @Test
    void documentListsEveryCodeWithItsSeverityAndFixTime() throws IOException {
        String document = read();

        for (FindingCode code : FindingCode.all()) {
            assertThat(document).as(code.code()).contains(row(code));
        }
    }

    @Test
    void documentListsNoCodeTheCatalogueLacks() throws IOException {
        Matcher matcher = ROW_CODE.matcher(read());
        while (matcher.find()) {
            assertThat(FindingCode.forCode(matcher.group(1)))
                    .as(matcher.group(1))
                    .isPresent();
        }
    }

    @Test
    void everyCodeHasItsProseAndThereIsNoProseForACodeThatIsGone() throws IOException {
        java.util.Properties prose = new java.util.Properties();
        try (java.io.Reader in = java.nio.file.Files.newBufferedReader(
                Path.of("src/main/resources/dev/mtasts/checks/findings.properties"),
                java.nio.charset.StandardCharsets.UTF_8)) {
            prose.load(in);
        }
        for (FindingCode code : FindingCode.all()) {
            assertThat(code.meaning()).as(code.code()).isNotBlank();
        }
        assertThat(prose.stringPropertyNames())
                .allSatisfy(key -> assertThat(FindingCode.forCode(key)).as(key).isPresent());
    }

    @Test
    void generatedBlockIsUpToDate() throws IOException {
        assertBlockIsUpToDate(DOCUMENT);
    }

    @Test
    void readmeHasTheSameTableOfEveryFindingCode() throws IOException {
        assertBlockIsUpToDate(README);
    }

    private static void assertBlockIsUpToDate(Path file) throws IOException {
        String document = Files.readString(file, StandardCharsets.UTF_8);
        int start = document.indexOf(START);
        int end = document.indexOf(END);
        assertThat(start).as(file + ": start marker").isNotNegative();
        assertThat(end).as(file + ": end marker").isGreaterThan(start);
        String expected = render();
        String actual = document.substring(start + START.length(), end);
        if (Boolean.getBoolean("mtasts.findings.update") && !actual.equals(expected)) {
            Files.writeString(
                    file,
                    document.substring(0, start + START.length()) + expected + document.substring(end),
                    StandardCharsets.UTF_8);
            actual = expected;
        }
        assertThat(actual)
                .as(file + " is out of date; run the tests with -Dmtasts.findings.update=true")
                .isEqualTo(expected);
    }

    @Test
    void codesAreUniqueKebabCaseAndBelongToAPluginCheck() {
        List<String> checks =
                new MtaStsCheckPlugin().checks().stream().map(Check::id).toList();

        assertThat(FindingCode.all().stream().map(FindingCode::code))
                .doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).matches("[a-z0-9]+(-[a-z0-9]+)*"));
        assertThat(FindingCode.all()).allSatisfy(code -> assertThat(checks).contains(code.check()));
    }

    @Test
    void everyWarnOrFailCodeHasAFixAndEveryPassCodeHasNone() {
        for (FindingCode code : FindingCode.all()) {
            boolean actionable = code.severities().contains(Severity.WARN)
                    || code.severities().contains(Severity.FAIL);
            if (actionable) {
                assertThat(code.fixKind()).as(code.code()).isNotEqualTo(FixKind.NONE);
                assertThat(code.fixTime(new FixContext(
                                        OptionalLong.of(300), OptionalLong.of(3600), OptionalLong.empty()))
                                .text())
                        .isNotBlank();
            }
            if (code.severities().equals(List.of(Severity.PASS))) {
                assertThat(code.fixKind()).as(code.code()).isEqualTo(FixKind.NONE);
            }
        }
    }

    /** The generated block: one table per check, in report order. */
    static String render() {
        StringBuilder block = new StringBuilder("\n");
        for (Check check : new MtaStsCheckPlugin().checks()) {
            block.append("\n### `")
                    .append(check.id())
                    .append("`: ")
                    .append(check.title())
                    .append("\n\n");
            block.append("| Code | Severity | Rules | Meaning | Fix time |\n");
            block.append("|---|---|---|---|---|\n");
            for (FindingCode code : FindingCode.all()) {
                if (code.check().equals(check.id())) {
                    block.append(row(code)).append('\n');
                }
            }
        }
        return block.append('\n').toString();
    }

    private static String row(FindingCode code) {
        return "| `" + code.code() + "` | "
                + code.severities().stream().map(Severity::label).collect(Collectors.joining(" / ")) + " | "
                + code.rules() + " | " + markdown(code.meaning()) + " | " + markdown(code.fixTimeSummary()) + " |";
    }

    /** Plain text as a table cell: no emphasis, no HTML, no column breaks. */
    private static String markdown(String text) {
        return text.replace("\\", "\\\\")
                .replace("|", "\\|")
                .replace("_", "\\_")
                .replace("*", "\\*")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }

    private static String read() throws IOException {
        return Files.readString(DOCUMENT, StandardCharsets.UTF_8);
    }
}
