package dev.mtasts.checks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class TestPolicyDiff {
    @Test
    void alignsUnchangedLinesAndMarksTheRest() {
        String before = "version: STSv1\r\nmode: testing\r\nmx: a.example\r\nmax_age: 86400\r\n";
        String after = "version: STSv1\nmode: enforce\nmx: a.example\nmx: b.example\nmax_age: 86400\n";

        assertThat(PolicyDiff.diff(before, after))
                .isEqualTo(String.join(
                        "\n",
                        "  version: STSv1",
                        "- mode: testing",
                        "+ mode: enforce",
                        "  mx: a.example",
                        "+ mx: b.example",
                        "  max_age: 86400"));
    }

    @Test
    void longDiffsAreCut() {
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        for (int index = 0; index < 60; index++) {
            before.append("x-old").append(index).append(": 1\n");
            after.append("x-new").append(index).append(": 1\n");
        }

        String diff = PolicyDiff.diff(before.toString(), after.toString());

        assertThat(diff.lines()).hasSize(41);
        assertThat(diff).endsWith("… 80 more lines");
    }
}
