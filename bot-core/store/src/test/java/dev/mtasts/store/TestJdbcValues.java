package dev.mtasts.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestJdbcValues {
    @Test
    void listsOfStringsRoundTripThroughJson() throws SQLException {
        List<String> hosts = List.of("mx1.example.com", "*.example.net", "quote\"and,comma");

        String stored = JdbcValues.json(hosts);

        assertThat(stored).startsWith("[").endsWith("]");
        assertThat(JdbcValues.strings(stored)).isEqualTo(hosts);
        assertThat(JdbcValues.strings("[]")).isEmpty();
    }

    @Test
    void aCorruptListIsAnSqlErrorThatSaysSo() {
        assertThatThrownBy(() -> JdbcValues.strings("[\"mx1.example.com\""))
                .isInstanceOf(SQLException.class)
                .hasMessageStartingWith("a stored list is not valid JSON");
        assertThatThrownBy(() -> JdbcValues.strings("{\"not\": \"a list\"}")).isInstanceOf(SQLException.class);
    }

    @Test
    void timestampsAreUtcToTheMicrosecond() {
        Instant instant = Instant.parse("2026-12-05T07:30:00.123456789Z");

        assertThat(JdbcValues.timestamp(instant).getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(JdbcValues.timestamp(instant).toInstant()).isEqualTo(Instant.parse("2026-12-05T07:30:00.123456Z"));
    }
}
