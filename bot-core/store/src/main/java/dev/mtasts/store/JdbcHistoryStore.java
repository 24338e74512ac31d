package dev.mtasts.store;

import static dev.mtasts.store.JdbcValues.instant;
import static dev.mtasts.store.JdbcValues.json;
import static dev.mtasts.store.JdbcValues.setString;
import static dev.mtasts.store.JdbcValues.setTimestamp;
import static dev.mtasts.store.JdbcValues.strings;
import static dev.mtasts.store.JdbcValues.timestamp;
import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.core.history.HistoryStoreException;
import dev.mtasts.core.history.Observations;
import dev.mtasts.spi.Observation;
import dev.mtasts.spi.Severity;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history store over JDBC: the embedded H2 database by default, PostgreSQL when a URL says so. The schema is
 * migrated by Flyway when the store opens. Every {@link #record} (and {@link #recordAll}) is one transaction, committed
 * before it returns;
 * a write that loses a race with another writer (or with retention) is retried.
 *
 * <p>Times are kept to the microsecond, the precision both databases share.
 */
public final class JdbcHistoryStore implements HistoryStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcHistoryStore.class);
    private static final int QUERY_TIMEOUT_SECONDS = 30;
    /** Bodies are loaded by hash in batches of this size. */
    private static final int BODY_BATCH = 100;
    /** An observation that saw the same as the domain's latest one within this time is not stored again. */
    static final Duration UNCHANGED_INTERVAL = Duration.ofHours(1);
    /** {@link #changes} attaches the bodies of this many distinct policies, the newest; the rest keep their hash. */
    static final int BODIES_LOADED = 8;
    /** Rows hashed per transaction when the store opens over observations written before the state hash existed. */
    private static final int BACKFILL_BATCH = 500;

    private static final String COLUMNS = "checked_at, record_id, body_sha256, last_modified, etag, policy_mode,"
            + " max_age, mx_patterns, mx_hosts, certificate_not_after, status, finding_codes";

    private static final String LATEST_STATE = "SELECT checked_at, state_sha256 FROM mtasts_observation"
            + " WHERE domain_name = ? ORDER BY checked_at DESC, id DESC FETCH FIRST 1 ROWS ONLY";
    private static final String INSERT_BODY = "INSERT INTO mtasts_policy_body (sha256, body)"
            + " SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM mtasts_policy_body WHERE sha256 = ?)";
    private static final String INSERT_OBSERVATION = "INSERT INTO mtasts_observation (domain_name, " + COLUMNS
            + ", state_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String SCHEMA_HISTORY = "mtasts_schema_history";

    private final HikariDataSource dataSource;
    private final String description;
    private final JdbcRetry jdbc;
    private final Retention retention;
    private final boolean embedded;
    private volatile boolean compactWhenClosed;

    private JdbcHistoryStore(
            HikariDataSource dataSource, String description, boolean embedded, Duration retention, Clock clock) {
        this.dataSource = dataSource;
        this.description = description;
        this.embedded = embedded;
        this.jdbc = new JdbcRetry(dataSource, description, HistoryStoreException::new);
        this.retention = new Retention(retention, clock, "the history in " + description);
    }

    /**
     * Opens the store: creates the data directory for the embedded database, connects, migrates the schema and
     * applies retention. Fails with a {@link HistoryStoreException} that says what to change.
     */
    public static JdbcHistoryStore open(StoreSettings settings, Clock clock) {
        requireNonNull(settings, "settings is null");
        requireNonNull(clock, "clock is null");
        HikariConfig config = new HikariConfig();
        String description;
        if (settings.embedded()) {
            description = "H2 database " + EmbeddedDatabase.file(settings.dataDirectory());
            try {
                EmbeddedDatabase.prepare(settings.dataDirectory());
                config.setJdbcUrl(EmbeddedDatabase.jdbcUrl(settings.dataDirectory()));
                config.setUsername(EmbeddedDatabase.USER);
                config.setPassword(EmbeddedDatabase.password(settings.dataDirectory()));
            } catch (IOException e) {
                throw new HistoryStoreException(
                        "cannot use the data directory " + settings.dataDirectory() + " (" + e.getMessage()
                                + "); give a writable one with --data-dir or MTASTS_DATA_DIR",
                        e);
            }
            config.setMaximumPoolSize(4);
        } else {
            String url = settings.jdbcUrl().orElseThrow();
            description = (url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:") ? "PostgreSQL " : "database ")
                    + JdbcUrls.redact(url);
            config.setJdbcUrl(url);
            settings.user().ifPresent(config::setUsername);
            settings.password().ifPresent(config::setPassword);
            config.setMaximumPoolSize(8);
        }
        config.setPoolName("mtasts-history");
        // Embedded: the connection the pool opens to fail fast stays as its idle one. With none kept, H2 would close
        // the
        // database file behind it and the schema check would open it (and its server socket) a second time.
        config.setMinimumIdle(settings.embedded() ? 1 : 0);
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        config.setInitializationFailTimeout(1);
        config.setAutoCommit(true);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new HistoryStoreException("cannot connect to " + description + ": " + JdbcRetry.rootMessage(e), e);
        }
        try {
            // the common case: nothing to migrate, decided without loading Flyway
            if (!SchemaVersions.current(dataSource, SCHEMA_HISTORY, JdbcHistoryStore.class.getClassLoader())) {
                migrate(dataSource);
            }
        } catch (FlywayException e) {
            dataSource.close();
            throw new HistoryStoreException(
                    "cannot open the history in " + description + ": " + JdbcRetry.rootMessage(e), e);
        }
        if (settings.embedded()) {
            try {
                EmbeddedDatabase.tighten(settings.dataDirectory());
            } catch (IOException e) {
                LOG.warn("cannot restrict the permissions of the files in {}", settings.dataDirectory(), e);
            }
        }
        JdbcHistoryStore store = new JdbcHistoryStore(
                dataSource, description, settings.embedded(), Duration.ofDays(settings.retentionDays()), clock);
        store.backfillStateHashes();
        store.retention.applyIfDue(store::prune);
        LOG.debug("history store open: {}", description);
        return store;
    }

    /** Applies the migrations the database does not have yet (Flyway loads only here). */
    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:" + SchemaVersions.LOCATION)
                .table(SCHEMA_HISTORY)
                .baselineOnMigrate(false)
                .load()
                .migrate();
    }

    @Override
    public List<Observation> recent(String domain, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, not " + limit);
        }
        return query(
                "SELECT " + COLUMNS + " FROM mtasts_observation WHERE domain_name = ?"
                        + " ORDER BY checked_at DESC, id DESC FETCH FIRST " + limit + " ROWS ONLY",
                key(domain));
    }

    @Override
    public List<Observation> timeline(String domain) {
        return query(
                "SELECT " + COLUMNS + " FROM mtasts_observation WHERE domain_name = ? ORDER BY checked_at, id",
                key(domain));
    }

    @Override
    public void record(String domain, Observation observation) {
        requireNonNull(observation, "observation is null");
        recordAll(List.of(new Entry(domain, observation)));
    }

    /**
     * One transaction for all of {@code entries} (a bulk run's write-behind queue hands over hundreds at once: one
     * commit instead of one per domain); each is skipped or stored exactly as {@link #record} would.
     */
    @Override
    public void recordAll(List<Entry> entries) {
        requireNonNull(entries, "entries is null");
        if (entries.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(entries.size());
        List<Observation> capped = new ArrayList<>(entries.size());
        List<String> states = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            keys.add(key(entry.domain()));
            // A domain chooses its ETag and how many MX records it has: rows stay bounded whatever it publishes.
            Observation observation = Observations.capped(entry.observation());
            capped.add(observation);
            states.add(Observations.stateHash(observation));
        }
        String what = entries.size() == 1
                ? "record an observation of " + keys.getFirst()
                : "record " + entries.size() + " observations";
        int stored = jdbc.retrying(what, connection -> {
            connection.setAutoCommit(false);
            int inserted = 0;
            // prepared once for the whole batch: parsing the SQL again for each domain was a visible part of a bulk run
            try (PreparedStatement latest = connection.prepareStatement(LATEST_STATE);
                    PreparedStatement body = connection.prepareStatement(INSERT_BODY);
                    PreparedStatement row = connection.prepareStatement(INSERT_OBSERVATION)) {
                for (int index = 0; index < keys.size(); index++) {
                    String key = keys.get(index);
                    Observation observation = capped.get(index);
                    String state = states.get(index);
                    if (unchangedWithinInterval(latest, key, observation, state)) {
                        LOG.debug(
                                "{} unchanged since its latest observation less than {} ago: not stored",
                                key,
                                UNCHANGED_INTERVAL);
                        continue;
                    }
                    if (observation.body().isPresent()) {
                        insertBody(
                                body,
                                observation.bodySha256().orElseThrow(),
                                observation.body().get());
                    }
                    insertObservation(row, key, observation, state);
                    inserted++;
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
            return inserted;
        });
        if (stored > 0) {
            retention.applyIfDue(this::prune);
        }
    }

    /**
     * One per change plus one per hour: whether the domain's latest observation saw the same and is less than
     * {@link #UNCHANGED_INTERVAL} older, so that checking a domain thousands of times does not grow its history.
     */
    private static boolean unchangedWithinInterval(
            PreparedStatement statement, String domain, Observation observation, String state) throws SQLException {
        statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        statement.setString(1, domain);
        try (ResultSet result = statement.executeQuery()) {
            if (!result.next()) {
                return false;
            }
            Instant latest = instant(result, "checked_at").orElseThrow();
            Instant now = observation.checkedAt().truncatedTo(ChronoUnit.MICROS);
            return state.equals(result.getString("state_sha256"))
                    && !now.isBefore(latest)
                    && now.isBefore(latest.plus(UNCHANGED_INTERVAL));
        }
    }

    /**
     * Condensed by ids and state hashes first (a few bytes per row, at most {@link #SCAN_LIMIT} rows), then only the
     * kept rows are loaded, and the bodies of the newest {@link #BODIES_LOADED} distinct policies.
     */
    @Override
    public List<Observation> changes(String domain, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, not " + limit);
        }
        String key = key(domain);
        return jdbc.retrying("read the history of " + key, connection -> {
            List<Long> ids = new ArrayList<>();
            List<String> states = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, state_sha256"
                    + " FROM mtasts_observation WHERE domain_name = ? ORDER BY checked_at DESC, id DESC"
                    + " FETCH FIRST " + SCAN_LIMIT + " ROWS ONLY")) {
                statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                statement.setString(1, key);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        long id = result.getLong(1);
                        String state = result.getString(2);
                        ids.add(id);
                        states.add(state == null ? "row " + id : state);
                    }
                }
            }
            List<Long> kept = new ArrayList<>();
            for (int index = 0; index < ids.size() && kept.size() < limit; index++) {
                boolean sameAsNewer = index > 0 && states.get(index - 1).equals(states.get(index));
                boolean sameAsOlder =
                        index + 1 < ids.size() && states.get(index + 1).equals(states.get(index));
                if (!(sameAsNewer && sameAsOlder)) {
                    kept.add(ids.get(index));
                }
            }
            Map<Long, Observation> rows = rowsById(connection, kept);
            List<String> newestBodies = kept.stream()
                    .map(rows::get)
                    .filter(java.util.Objects::nonNull)
                    .flatMap(row -> row.bodySha256().stream())
                    .distinct()
                    .limit(BODIES_LOADED)
                    .toList();
            Map<String, String> bodies = bodies(connection, newestBodies);
            return kept.stream()
                    .map(rows::get)
                    .filter(java.util.Objects::nonNull)
                    .map(row -> withBody(row, bodies))
                    .toList();
        });
    }

    private static Map<Long, Observation> rowsById(Connection connection, List<Long> ids) throws SQLException {
        Map<Long, Observation> rows = new HashMap<>();
        selectIn(
                connection,
                "SELECT id, " + COLUMNS + " FROM mtasts_observation WHERE id IN",
                ids,
                result -> rows.put(result.getLong("id"), row(result)));
        return rows;
    }

    /** Runs {@code select (?, ?, ...)} for the keys, {@link #BODY_BATCH} at a time, and reads every row. */
    private static void selectIn(Connection connection, String select, List<?> keys, RowReader reader)
            throws SQLException {
        for (int from = 0; from < keys.size(); from += BODY_BATCH) {
            List<?> batch = keys.subList(from, Math.min(keys.size(), from + BODY_BATCH));
            String placeholders = String.join(", ", Collections.nCopies(batch.size(), "?"));
            try (PreparedStatement statement = connection.prepareStatement(select + " (" + placeholders + ")")) {
                statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                for (int index = 0; index < batch.size(); index++) {
                    statement.setObject(index + 1, batch.get(index));
                }
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        reader.read(result);
                    }
                }
            }
        }
    }

    /** Gives rows written before the state hash existed theirs, in small transactions. */
    private void backfillStateHashes() {
        while (true) {
            int hashed = jdbc.retrying("hash the observations written before version 2", connection -> {
                Map<Long, Observation> rows = new HashMap<>();
                try (PreparedStatement statement = connection.prepareStatement("SELECT id, " + COLUMNS
                        + " FROM mtasts_observation WHERE state_sha256 IS NULL FETCH FIRST " + BACKFILL_BATCH
                        + " ROWS ONLY")) {
                    statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                    try (ResultSet result = statement.executeQuery()) {
                        while (result.next()) {
                            rows.put(result.getLong("id"), row(result));
                        }
                    }
                }
                if (rows.isEmpty()) {
                    return 0;
                }
                connection.setAutoCommit(false);
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE mtasts_observation SET state_sha256 = ? WHERE id = ? AND state_sha256 IS NULL")) {
                    update.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                    for (Map.Entry<Long, Observation> entry : rows.entrySet()) {
                        update.setString(1, Observations.stateHash(entry.getValue()));
                        update.setLong(2, entry.getKey());
                        update.addBatch();
                    }
                    update.executeBatch();
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    rollback(connection, e);
                    throw e;
                }
                return rows.size();
            });
            if (hashed < BACKFILL_BATCH) {
                return;
            }
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Deletes observations older than the retention period, the bodies no observation refers to any more, and latest
     * reports older than the retention period.
     */
    public int prune() {
        Instant cutoff = retention.cutoff();
        return jdbc.retrying("apply retention", connection -> {
            int deleted;
            try (PreparedStatement statement =
                    connection.prepareStatement("DELETE FROM mtasts_observation WHERE checked_at < ?")) {
                statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                statement.setObject(1, timestamp(cutoff));
                deleted = statement.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM mtasts_policy_body b"
                    + " WHERE NOT EXISTS (SELECT 1 FROM mtasts_observation o WHERE o.body_sha256 = b.sha256)")) {
                statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                statement.executeUpdate();
            }
            // The web permalink's latest reports (V300) follow the same retention: a domain nobody checked for that
            // long has no latest report any more.
            try (PreparedStatement statement =
                    connection.prepareStatement("DELETE FROM mtasts_latest_report WHERE checked_at < ?")) {
                statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                statement.setObject(1, timestamp(cutoff));
                statement.executeUpdate();
            }
            if (deleted > 0) {
                LOG.info("history retention: deleted {} observations older than {}", deleted, cutoff);
            }
            return deleted;
        });
    }

    @Override
    public String describe() {
        return description;
    }

    /**
     * The connection pool to the history database, for what lives next to the history (subscriptions, whose tables
     * the same migration run creates). It belongs to this store: {@link #close()} closes it.
     */
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
        if (compactWhenClosed && embedded) {
            compactIfAlone();
        }
    }

    /**
     * Has {@link #close()} compact the embedded database's file, for a bulk run: H2 writes every commit to new pages and
     * otherwise reclaims the superseded ones about 200 ms at a time at each later close, so every short command after
     * a bulk run paid for it (a file of 9.5 MB after 12,000 domains compacts to 1.8 MB in about 0.3 s). Nothing happens
     * when another process has the database open, nor for PostgreSQL.
     */
    public JdbcHistoryStore compactWhenClosed() {
        compactWhenClosed = true;
        return this;
    }

    /**
     * After the pool has closed: one connection of its own, and {@code SHUTDOWN COMPACT} if it is the only session (with
     * another process connected, the database stays as it is). Outside the pool, so that no pooled connection outlives
     * the shutdown.
     */
    private void compactIfAlone() {
        try (Connection connection = DriverManager.getConnection(
                        dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
                Statement statement = connection.createStatement()) {
            try (ResultSet sessions = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
                if (!sessions.next() || sessions.getInt(1) > 1) {
                    LOG.debug("not compacting {}: another process has it open", description);
                    return;
                }
            }
            statement.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            LOG.debug("could not compact {}", description, e);
        }
    }

    private List<Observation> query(String sql, String domain) {
        return jdbc.retrying("read the history of " + domain, connection -> {
            List<Observation> rows = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                statement.setString(1, domain);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(row(result));
                    }
                }
            }
            Set<String> hashes = new LinkedHashSet<>();
            rows.forEach(row -> row.bodySha256().ifPresent(hashes::add));
            Map<String, String> bodies = bodies(connection, List.copyOf(hashes));
            return rows.stream().map(row -> withBody(row, bodies)).toList();
        });
    }

    private static Map<String, String> bodies(Connection connection, List<String> hashes) throws SQLException {
        Map<String, String> bodies = new HashMap<>();
        selectIn(
                connection,
                "SELECT sha256, body FROM mtasts_policy_body WHERE sha256 IN",
                hashes,
                result -> bodies.put(result.getString(1), result.getString(2)));
        return bodies;
    }

    /** Inserts the body unless a row with its hash exists; a concurrent insert of the same body is retried. */
    private static void insertBody(PreparedStatement statement, String sha256, String body) throws SQLException {
        statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        statement.setString(1, sha256);
        statement.setString(2, body);
        statement.setString(3, sha256);
        statement.executeUpdate();
    }

    private static void insertObservation(
            PreparedStatement statement, String domain, Observation observation, String state) throws SQLException {
        statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        statement.setString(1, domain);
        statement.setObject(2, timestamp(observation.checkedAt()));
        setString(statement, 3, observation.recordId());
        setString(statement, 4, observation.bodySha256());
        setTimestamp(statement, 5, observation.lastModified());
        setString(statement, 6, observation.etag());
        setString(statement, 7, observation.mode());
        if (observation.maxAge().isPresent()) {
            statement.setLong(8, observation.maxAge().get());
        } else {
            statement.setNull(8, Types.BIGINT);
        }
        statement.setString(9, json(observation.mxPatterns()));
        statement.setString(10, json(observation.mxHosts()));
        setTimestamp(statement, 11, observation.certificateNotAfter());
        statement.setString(12, observation.status().label());
        statement.setString(13, json(observation.findingCodes()));
        statement.setString(14, state);
        statement.executeUpdate();
    }

    /** The observation in the current row, without its body: bodies are read apart, one per hash. */
    private static Observation row(ResultSet result) throws SQLException {
        long maxAge = result.getLong("max_age");
        boolean maxAgeNull = result.wasNull();
        return new Observation(
                instant(result, "checked_at").orElseThrow(),
                Optional.ofNullable(result.getString("record_id")),
                Optional.ofNullable(result.getString("body_sha256")),
                Optional.empty(),
                instant(result, "last_modified"),
                Optional.ofNullable(result.getString("etag")),
                Optional.ofNullable(result.getString("policy_mode")),
                maxAgeNull ? Optional.empty() : Optional.of(maxAge),
                strings(result.getString("mx_patterns")),
                strings(result.getString("mx_hosts")),
                instant(result, "certificate_not_after"),
                Severity.valueOf(result.getString("status").toUpperCase(Locale.ROOT)),
                strings(result.getString("finding_codes")));
    }

    /** The observation with its body, when {@code bodies} holds the body of its hash. */
    private static Observation withBody(Observation row, Map<String, String> bodies) {
        Optional<String> body = row.bodySha256().map(bodies::get);
        return body.isEmpty() ? row : Observations.withBody(row, body);
    }

    private static String key(String domain) {
        requireNonNull(domain, "domain is null");
        String lower = domain.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
