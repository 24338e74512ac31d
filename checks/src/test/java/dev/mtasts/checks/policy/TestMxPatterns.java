package dev.mtasts.checks.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TestMxPatterns {
    static Stream<Arguments> matches() {
        return Stream.of(
                arguments("M1 an exact name matches", "mail.example.com", "mail.example.com", true),
                arguments("M1 a wildcard matches one label", "*.example.com", "mail.example.com", true),
                arguments(
                        "M1 a wildcard does not match two labels (3.3 checkdmarc trap)",
                        "*.example.com",
                        "foo.bar.example.com",
                        false),
                arguments("M1 a wildcard does not match the bare domain", "*.example.com", "example.com", false),
                arguments(
                        "M1 *.mx.microsoft does not cover a.b.mx.microsoft (PS.MTA-STS #33)",
                        "*.mx.microsoft",
                        "icewolf-li.h-v1.mx.microsoft",
                        false),
                arguments("M2 matching ignores case", "MAIL.Example.com", "mail.EXAMPLE.com", true),
                arguments("M2 matching ignores the DNS trailing dot", "mail.example.com", "mail.example.com.", true),
                arguments("M2 a wildcard ignores case and trailing dots", "*.Example.COM.", "MX1.example.com.", true),
                arguments("3.3 no substring match: xmail", "mail.example.com", "xmail.example.com", false),
                arguments(
                        "3.3 no substring match: suffix attack",
                        "mail.example.com",
                        "mail.example.com.evil.net",
                        false),
                arguments("3.3 no prefix match", "example.com", "mail.example.com", false),
                arguments("P11 a misplaced * matches nothing", "mail*.example.com", "mail1.example.com", false),
                arguments("P11 a bare * matches nothing", "*", "mail", false),
                arguments("P9 a comma list matches nothing", "a.example.com, b.example.com", "a.example.com", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matches")
    void matchesByRfc8461(String name, String pattern, String host, boolean expected) {
        assertThat(MxPatterns.matches(pattern, host)).isEqualTo(expected);
    }

    @Test
    void explainsMultiLabelMisses() {
        assertThat(MxPatterns.coversOnlyAcrossLabels("*.mx.microsoft", "a.b.mx.microsoft"))
                .isTrue();
        assertThat(MxPatterns.coversOnlyAcrossLabels("*.mx.microsoft", "a.mx.microsoft"))
                .isFalse();
        assertThat(MxPatterns.coversOnlyAcrossLabels("mx.microsoft", "a.b.mx.microsoft"))
                .isFalse();
    }
}
