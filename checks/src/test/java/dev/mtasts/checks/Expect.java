package dev.mtasts.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.spi.Finding;
import dev.mtasts.spi.Severity;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One expected (or forbidden) finding of a table-driven case.
 *
 * @param code the finding code
 * @param severity the expected severity; empty means the code must not be reported at all
 * @param snippets text the message must contain
 */
record Expect(String code, Optional<Severity> severity, List<String> snippets) {
    static Expect finding(String code, Severity severity, String... snippets) {
        return new Expect(code, Optional.of(severity), List.of(snippets));
    }

    static Expect absent(String code) {
        return new Expect(code, Optional.empty(), List.of());
    }

    static Expect pass(String code, String... snippets) {
        return finding(code, Severity.PASS, snippets);
    }

    static Expect info(String code, String... snippets) {
        return finding(code, Severity.INFO, snippets);
    }

    static Expect warn(String code, String... snippets) {
        return finding(code, Severity.WARN, snippets);
    }

    static Expect fail(String code, String... snippets) {
        return finding(code, Severity.FAIL, snippets);
    }

    void check(List<Finding> findings) {
        List<Finding> matching =
                findings.stream().filter(finding -> finding.code().equals(code)).toList();
        String all = findings.stream()
                .map(finding -> finding.severity().label() + " " + finding.code() + ": " + finding.message())
                .collect(Collectors.joining("\n"));
        if (severity.isEmpty()) {
            assertThat(matching)
                    .as("%s must not be reported; findings:%n%s", code, all)
                    .isEmpty();
            return;
        }
        assertThat(matching)
                .as("%s at %s; findings:%n%s", code, severity.get().label(), all)
                .anySatisfy(finding -> {
                    assertThat(finding.severity()).isEqualTo(severity.get());
                    snippets.forEach(snippet -> assertThat(finding.message()).contains(snippet));
                });
    }

    /** The check ran and passed: at least one pass finding, and none worse than info. */
    static void clean(List<Finding> findings) {
        assertThat(findings)
                .as("a clean check says what passed; this one reported nothing (skipped?)")
                .anySatisfy(finding -> assertThat(finding.severity()).isEqualTo(Severity.PASS));
        assertThat(findings).as("no warn or fail").allSatisfy(finding -> assertThat(
                        finding.severity().isWorseThan(Severity.INFO))
                .as(finding.code() + ": " + finding.message())
                .isFalse());
    }

    @Override
    public String toString() {
        return severity.map(Severity::label).orElse("no") + " " + code;
    }
}
