package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input and usage: a one-line reason on stderr, exit status 64, nothing looked up, no stack trace. */
final class TestCheckCommandUsage {
    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "check                                   | no domain given",
                "check exa..mple.com                     | empty label",
                "check 192.0.2.1                         | IP",
                "check *.example.com                     | wildcard",
                "check --timeout 0 example.com           | --timeout",
                "check --timeout soon example.com        | --timeout",
                "check --resolver dns.example example.com | --resolver",
                "check --allow-address 10.0.0.0/99 example.com | --allow-address",
                "check --concurrency 0 a.example b.example | --concurrency",
                "check --no-such-flag example.com        | Unknown option",
                "check --file /nonexistent/domains.txt   | cannot read",
                "frobnicate                              | Unmatched argument",
            })
    void badInputIsOneLineAndExit64(String arguments, String expected) {
        Result result = run(arguments.strip().split("\\s+"));

        assertThat(result.status()).isEqualTo(64);
        assertThat(result.err()).containsIgnoringCase(expected.strip());
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void noCommandIsUsage() {
        Result result = run();

        assertThat(result.status()).isEqualTo(64);
        assertThat(result.err()).contains("a command is required");
    }

    @Test
    void helpExitsZero() {
        Result result = run("check", "--help");

        assertThat(result.status()).isZero();
        assertThat(result.out()).contains("--json").contains("--resolver").contains("Exit status");
    }

    @Test
    void topLevelHelpListsEveryCommandWithItsDescription() {
        Result result = run("--help");

        assertThat(result.status()).isZero();
        for (Class<?> type : Main.COMMANDS) {
            picocli.CommandLine.Command command = type.getAnnotation(picocli.CommandLine.Command.class);
            assertThat(result.out())
                    .containsPattern("(?m)^  " + command.name() + " +"
                            + java.util.regex.Pattern.quote(command.description()[0].substring(0, 20)));
        }
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        Result result = run("chek", "example.com");

        assertThat(result.status()).isEqualTo(64);
        assertThat(result.err()).contains("Unmatched argument").contains("Did you mean: mtasts check?");
    }

    static Result run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(arguments, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    record Result(int status, String out, String err) {}
}
