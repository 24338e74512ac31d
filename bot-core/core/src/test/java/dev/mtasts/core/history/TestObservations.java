package dev.mtasts.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.spi.Observation;
import dev.mtasts.spi.Severity;
import dev.mtasts.testing.ObservationBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestObservations {
    private static final String POLICY = "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n";

    @Test
    void capsWhatADomainChoosesAndKeepsEqualityAndChangeVisible() {
        String[] hosts = new String[3000];
        for (int index = 0; index < hosts.length; index++) {
            hosts[index] = "mx" + index + ".example.com";
        }
        Observation huge = ObservationBuilder.at("2026-11-28T00:00:00Z")
                .etag("\"" + "x".repeat(50_000) + "\"")
                .mxHosts(hosts)
                .build();
        hosts[2999] = "changed.example.com";
        Observation changed = ObservationBuilder.from(huge).mxHosts(hosts).build();

        Observation capped = Observations.capped(huge);

        assertThat(capped.etag().orElseThrow()).hasSizeLessThanOrEqualTo(Observations.MAX_ETAG_CHARS);
        assertThat(capped.mxHosts()).hasSize(Observations.MAX_MX_ENTRIES);
        assertThat(Observations.stateHash(capped)).isEqualTo(Observations.stateHash(Observations.capped(huge)));
        assertThat(Observations.stateHash(Observations.capped(changed))).isNotEqualTo(Observations.stateHash(capped));
        Observation small =
                ObservationBuilder.at("2026-11-28T00:00:00Z").etag("\"abc\"").build();
        assertThat(Observations.capped(small)).isSameAs(small);
    }

    @Test
    void condenseKeepsTheFirstAndLastOfEachRunOfIdenticalObservations() {
        List<Observation> oldestFirst = List.of(
                observation("2026-01-01T00:00:00Z", "1"),
                observation("2026-01-02T00:00:00Z", "1"),
                observation("2026-01-03T00:00:00Z", "1"),
                observation("2026-01-04T00:00:00Z", "1"),
                observation("2026-01-05T00:00:00Z", "2"),
                observation("2026-01-06T00:00:00Z", "1"),
                observation("2026-01-07T00:00:00Z", "1"));

        assertThat(Observations.condense(oldestFirst))
                .extracting(observation -> observation.checkedAt().toString())
                .containsExactly(
                        "2026-01-01T00:00:00Z",
                        "2026-01-04T00:00:00Z",
                        "2026-01-05T00:00:00Z",
                        "2026-01-06T00:00:00Z",
                        "2026-01-07T00:00:00Z");
        assertThat(Observations.condense(oldestFirst.reversed()))
                .extracting(observation -> observation.checkedAt().toString())
                .containsExactly(
                        "2026-01-07T00:00:00Z",
                        "2026-01-06T00:00:00Z",
                        "2026-01-05T00:00:00Z",
                        "2026-01-04T00:00:00Z",
                        "2026-01-01T00:00:00Z");
    }

    @Test
    void anyDifferenceButTheTimeBreaksARun() {
        Observation base = observation("2026-01-01T00:00:00Z", "1");

        assertThat(Observations.sameState(
                        base,
                        ObservationBuilder.from(base).checkedAt(Instant.EPOCH).build()))
                .isTrue();
        assertThat(Observations.sameState(
                        base,
                        ObservationBuilder.from(base).status(Severity.WARN).build()))
                .isFalse();
        assertThat(Observations.sameState(
                        base, ObservationBuilder.from(base).etag("\"x\"").build()))
                .isFalse();
        assertThat(Observations.sameState(
                        base,
                        ObservationBuilder.from(base).mxHosts("mx9.example.com").build()))
                .isFalse();
        assertThat(Observations.sameState(
                        base,
                        ObservationBuilder.from(base).policy(POLICY + "x: y\n").build()))
                .isFalse();
    }

    @Test
    void httpDatesParseAndJunkIsIgnored() {
        assertThat(Observations.httpDate("Sat, 28 Nov 2026 12:00:00 GMT"))
                .contains(Instant.parse("2026-11-28T12:00:00Z"));
        assertThat(Observations.httpDate("yesterday")).isEqualTo(Optional.empty());
    }

    private static Observation observation(String at, String id) {
        return ObservationBuilder.at(at)
                .id(id)
                .policy(POLICY)
                .mxHosts("mx1.example.com")
                .build();
    }
}
