package dev.mtasts.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TestSqlStates {
    @ParameterizedTest(name = "{0} retryable: {1}")
    @CsvSource({
        "23505, true", // unique violation: a concurrent writer won the race
        "40001, true", // serialization failure
        "40P01, true", // PostgreSQL deadlock
        "08006, true", // connection failure
        "HYT00, true", // H2 lock timeout
        "90067, true", // H2 connection broken
        "42P01, false", // undefined table: a bug, not a race
        "22001, false", // value too long
    })
    void classifiesSqlStates(String state, boolean retryable) {
        assertThat(SqlStates.retryable(new SQLException("x", state))).isEqualTo(retryable);
    }
}
