package dev.mtasts.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestObservation {
    private static final String POLICY = "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n";

    @Test
    void lineEndingsAndTrailingWhitespaceAreNotAChange() {
        String crlf = POLICY.replace("\n", "\r\n");
        String trailing = "version: STSv1  \nmode: enforce\t\nmx: mx1.example.com\nmax_age: 604800\n\n\n";
        String noFinalNewline = POLICY.strip();

        assertThat(Observation.sha256(crlf)).isEqualTo(Observation.sha256(POLICY));
        assertThat(Observation.sha256(trailing)).isEqualTo(Observation.sha256(POLICY));
        assertThat(Observation.sha256(noFinalNewline)).isEqualTo(Observation.sha256(POLICY));
    }

    @Test
    void anyOtherEditIsAChange() {
        assertThat(Observation.sha256(POLICY.replace("mx1", "mx2"))).isNotEqualTo(Observation.sha256(POLICY));
        assertThat(Observation.sha256(" " + POLICY)).isNotEqualTo(Observation.sha256(POLICY));
        assertThat(Observation.sha256(POLICY.replace("enforce", "Enforce"))).isNotEqualTo(Observation.sha256(POLICY));
    }

    @Test
    void hashIsLowerCaseHexSha256OfTheNormalisedBody() {
        // sha256("") is well known; an empty or all-blank body normalises to "".
        assertThat(Observation.sha256("\r\n \n"))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Observation.normalise("a \r\nb\r\n\r\n")).isEqualTo("a\nb");
    }

    @Test
    void aBodyNeedsItsHashAndHashesAreValidated() {
        assertThatThrownBy(() -> observation(Optional.empty(), Optional.of(POLICY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bodySha256");
        assertThatThrownBy(() -> observation(Optional.of("ABC"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hex");
    }

    @Test
    void listsAreCopied() {
        List<String> codes = new ArrayList<>(List.of("a"));
        Observation observation = new Observation(
                Instant.EPOCH,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                List.of(),
                Optional.empty(),
                Severity.PASS,
                codes);
        codes.add("b");

        assertThat(observation.findingCodes()).containsExactly("a");
    }

    private static Observation observation(Optional<String> hash, Optional<String> body) {
        return new Observation(
                Instant.EPOCH,
                Optional.of("1"),
                hash,
                body,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                List.of(),
                Optional.empty(),
                Severity.PASS,
                List.of());
    }
}
