package dev.mtasts.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * How every JDBC store (history, subscriptions, TLS-RPT reports) writes and reads the values it shares: instants as
 * {@code TIMESTAMP WITH TIME ZONE} in UTC to the microsecond (what H2 and PostgreSQL both keep), absent values as SQL
 * {@code NULL}, and lists of strings as a JSON array in a text column.
 */
public final class JdbcValues {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private JdbcValues() {}

    /** {@code instant} as a UTC timestamp, truncated to the microsecond both databases store. */
    public static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    public static void setTimestamp(PreparedStatement statement, int index, Optional<Instant> value)
            throws SQLException {
        if (value.isPresent()) {
            statement.setObject(index, timestamp(value.get()));
        } else {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    public static void setString(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    /** A timestamp column that may be {@code NULL}. */
    public static Optional<Instant> instant(ResultSet result, String column) throws SQLException {
        return Optional.ofNullable(result.getObject(column, OffsetDateTime.class))
                .map(OffsetDateTime::toInstant);
    }

    /** A timestamp column that may be {@code NULL}, such as an aggregate over no rows. */
    public static Optional<Instant> instant(ResultSet result, int column) throws SQLException {
        return Optional.ofNullable(result.getObject(column, OffsetDateTime.class))
                .map(OffsetDateTime::toInstant);
    }

    /** A list of strings as the JSON array stored in a text column. */
    public static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a list of strings", e);
        }
    }

    /**
     * The list stored by {@link #json}.
     *
     * @throws SQLException when the column does not hold a JSON array of strings (the store reports it as its own)
     */
    public static List<String> strings(String json) throws SQLException {
        try {
            return List.copyOf(JSON.readValue(json, STRINGS));
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored list is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
