package dev.mtasts.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mtasts.core.history.Timeline.Field;
import dev.mtasts.spi.Observation;
import dev.mtasts.spi.Severity;
import dev.mtasts.testing.ObservationBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TestTimeline {
    private static final String OLD = "version: STSv1\nmode: testing\nmx: mx1.example.com\nmax_age: 86400\n";
    private static final String NEW = "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n";

    private static final List<Observation> HISTORY = List.of(
            ObservationBuilder.at("2026-01-01T10:00:00Z")
                    .id("20260101")
                    .policy(OLD)
                    .mxHosts("mx1.example.com")
                    .certificateNotAfter("2026-03-01T00:00:00Z")
                    .build(),
            ObservationBuilder.at("2026-01-02T10:00:00Z")
                    .id("20260101")
                    .policy(OLD)
                    .mxHosts("mx1.example.com")
                    .certificateNotAfter("2026-03-01T00:00:00Z")
                    .build(),
            ObservationBuilder.at("2026-02-01T10:00:00Z")
                    .id("20260101")
                    .policy(NEW)
                    .mxHosts("mx1.example.com")
                    .certificateNotAfter("2026-03-01T00:00:00Z")
                    .status(Severity.FAIL)
                    .findings("id-not-bumped")
                    .build(),
            ObservationBuilder.at("2026-02-02T10:00:00Z")
                    .id("20260202")
                    .policy(NEW)
                    .mxHosts("mx1.example.com", "mx2.example.com")
                    .certificateNotAfter("2026-05-01T00:00:00Z")
                    .build());

    @Test
    void identicalObservationsShareAnEntryAndEachEntrySaysWhatChanged() {
        Timeline timeline = Timeline.of("example.com", HISTORY);

        assertThat(timeline.observations()).isEqualTo(4);
        assertThat(timeline.entries()).hasSize(3);
        assertThat(timeline.entries().getFirst().observations()).isEqualTo(2);
        assertThat(timeline.entries().getFirst().changes()).isEmpty();
        assertThat(timeline.entries().get(1).changes())
                .extracting(Timeline.Change::field)
                .containsExactly(Field.POLICY, Field.MODE, Field.MAX_AGE, Field.STATUS, Field.FINDINGS);
        assertThat(timeline.entries().get(2).changes())
                .extracting(Timeline.Change::field)
                .containsExactly(Field.RECORD_ID, Field.MX_HOSTS, Field.CERTIFICATE, Field.STATUS, Field.FINDINGS);
        assertThat(timeline.entries()
                        .get(2)
                        .change(Field.MX_HOSTS)
                        .orElseThrow()
                        .added())
                .containsExactly("mx2.example.com");
        assertThat(timeline.entries()
                        .get(2)
                        .change(Field.FINDINGS)
                        .orElseThrow()
                        .removed())
                .containsExactly("id-not-bumped");
    }

    @Test
    void textSaysWhatChangedWhenWithThePolicyDiff() {
        String text = TimelineText.render(Timeline.of("example.com", HISTORY));

        assertThat(text)
                .startsWith("History of example.com: 4 observations from 2026-01-01 10:00 UTC to 2026-02-02 10:00 UTC,"
                        + " 2 changes.")
                .contains("2026-01-01 10:00 UTC  first seen: id 20260101, mode testing, max_age 86400 (24 h),"
                        + " mx mx1.example.com, MX hosts mx1.example.com, status pass")
                .contains("seen 2 times until 2026-01-02 10:00 UTC")
                .contains("2026-02-01 10:00 UTC  policy body changed while the id stayed 20260101; mode testing →"
                        + " enforce; max_age 86400 (24 h) → 604800 (7 d); status pass → fail; findings +id-not-bumped")
                .contains("- mode: testing")
                .contains("+ mode: enforce")
                .contains("2026-02-02 10:00 UTC  id 20260101 → 20260202; MX hosts +mx2.example.com;"
                        + " policy certificate renewed, valid until 2026-05-01 (was 2026-03-01); status fail → pass;"
                        + " findings −id-not-bumped");
    }

    @Test
    void untrustedTextCannotDriveTheTerminal() {
        Observation hostile = ObservationBuilder.at("2026-01-01T10:00:00Z")
                .id("1")
                .policy("version: STSv1\nmode: enforce\nmx: \u001b[2Jevil\nmax_age: 1\n")
                .build();
        Observation next = ObservationBuilder.from(hostile)
                .checkedAt(Instant.parse("2026-01-02T10:00:00Z"))
                .policy(OLD)
                .build();

        String text = TimelineText.render(Timeline.of("example.com", List.of(hostile, next)));

        assertThat(text).doesNotContain("\u001b").contains("\\u001b[2Jevil");
    }

    @Test
    void anEmptyHistorySaysSo() {
        Timeline timeline = Timeline.of("example.com", List.of());

        assertThat(TimelineText.render(timeline)).startsWith("No history of example.com yet");
        assertThat(TimelineJson.toJson(timeline).get("entries")).isEmpty();
        assertThat(TimelineJson.toJson(timeline).get("firstSeen").isNull()).isTrue();
    }

    @Test
    void jsonCarriesEntriesChangesAndStatesWithTheBodyOnlyWhereItChanged() {
        JsonNode json = TimelineJson.toJson(Timeline.of("example.com", HISTORY));

        assertThat(json.get("domain").asText()).isEqualTo("example.com");
        assertThat(json.get("observations").asInt()).isEqualTo(4);
        assertThat(json.get("firstSeen").asText()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(json.get("lastSeen").asText()).isEqualTo("2026-02-02T10:00:00Z");
        JsonNode entries = json.get("entries");
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).get("observations").asInt()).isEqualTo(2);
        assertThat(entries.get(0).get("state").get("policy").asText()).isEqualTo(OLD);
        assertThat(entries.get(1).get("changes").get(0).get("field").asText()).isEqualTo("policy");
        assertThat(entries.get(1).get("state").get("policy").asText()).isEqualTo(NEW);
        assertThat(entries.get(1).get("state").get("findings").get(0).asText()).isEqualTo("id-not-bumped");
        assertThat(entries.get(2).get("state").get("policy").isNull()).isTrue();
        assertThat(entries.get(2).get("state").get("id").asText()).isEqualTo("20260202");
        assertThat(entries.get(2).get("state").get("maxAge").asLong()).isEqualTo(604800);
        assertThat(entries.get(2).get("changes").get(0).get("before").asText()).isEqualTo("20260101");
    }
}
