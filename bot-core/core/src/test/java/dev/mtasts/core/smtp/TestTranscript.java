package dev.mtasts.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class TestTranscript {
    @Test
    void serverTextIsMadePrintableAndOwnNotesKeepTheirWords() {
        Transcript transcript = new Transcript();

        transcript.server("220 caf\u00e9 \u001b[31mred");
        transcript.client("EHLO probe.example");
        transcript.note("--- RFC 8461 §7.2\u0007");

        assertThat(transcript.lines())
                .containsExactly("S: 220 caf\\xe9 \\x1b[31mred", "C: EHLO probe.example", "--- RFC 8461 §7.2?");
    }

    @Test
    void longLinesAreCutAndTheTranscriptStopsGrowing() {
        Transcript transcript = new Transcript();

        for (int index = 0; index < Transcript.MAX_LINES + 5; index++) {
            transcript.server("250-" + "x".repeat(500));
        }

        assertThat(transcript.lines())
                .hasSize(Transcript.MAX_LINES + 1)
                .last()
                .isEqualTo("(transcript cut after 48 lines)");
        assertThat(transcript.lines().getFirst())
                .hasSize("S: ".length() + Transcript.MAX_LINE_CHARS + 1)
                .endsWith("…");
    }
}
