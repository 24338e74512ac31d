package dev.mtasts.tlsrpt;

import static java.util.Objects.requireNonNull;

import dev.mtasts.store.JdbcRetry;
import dev.mtasts.store.JdbcValues;
import dev.mtasts.store.Retention;
import dev.mtasts.store.RowReader;
import dev.mtasts.store.SqlStates;
import dev.mtasts.tlsrpt.TlsRptReport.FailureDetail;
import dev.mtasts.tlsrpt.TlsRptReport.PolicyResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS-RPT reports over JDBC, in the history database (the tables come from the store's V200 migration, which runs when
 * {@link dev.mtasts.store.JdbcHistoryStore#open} opens it). H2 and PostgreSQL alike.
 *
 * <p>A report is identified by (organisation, report-id): storing it again is {@link Outcome#DUPLICATE} and changes
 * nothing. Reports whose date range ended longer ago than the retention are deleted on open and, in a long-running
 * process, at most hourly as reports arrive.
 */
public final class JdbcTlsRptStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcTlsRptStore.class);
    private static final int QUERY_TIMEOUT_SECONDS = 30;

    private final DataSource dataSource;
    private final JdbcRetry jdbc;
    private final Retention retention;
    private final Clock clock;

    /** What storing a report did. */
    public enum Outcome {
        STORED,
        /** The same organisation sent a report with this id before: counted once, nothing changed. */
        DUPLICATE
    }

    /**
     * @param dataSource the history database ({@link dev.mtasts.store.JdbcHistoryStore#dataSource()}), migrated
     * @param retention reports that ended longer ago are deleted (the history's retention)
     */
    public JdbcTlsRptStore(DataSource dataSource, Duration retention, Clock clock) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.jdbc = new JdbcRetry(dataSource, "the TLS-RPT report store", TlsRptStoreException::new);
        this.retention = new Retention(retention, clock, "the TLS-RPT reports");
        this.clock = clock;
    }

    /** Stores {@code report} (one transaction), unless its organisation sent it before. */
    public Outcome store(TlsRptReport report, String source) {
        requireNonNull(report, "report is null");
        requireNonNull(source, "source is null");
        Outcome outcome = jdbc.retrying("store a report", connection -> {
            if (exists(connection, report)) {
                return Outcome.DUPLICATE;
            }
            connection.setAutoCommit(false);
            try {
                long reportKey = insertReport(connection, report, source);
                for (PolicyResult policy : report.policies()) {
                    long policyKey = insertPolicy(connection, reportKey, report, policy);
                    insertFailures(connection, policyKey, policy);
                }
                connection.commit();
                return Outcome.STORED;
            } catch (SQLException e) {
                connection.rollback();
                if (SqlStates.retryable(e) && exists(connection, report)) {
                    return Outcome.DUPLICATE; // a concurrent delivery of the same report won
                }
                throw e;
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
        retention.applyIfDue(this::prune);
        return outcome;
    }

    /** The stored policies entries about {@code domain} from reports starting in [{@code from}, {@code to}). */
    public List<StoredPolicy> policies(String domain, Instant from, Instant to) {
        return select(domain, "r.start_at", from, to);
    }

    /** The stored policies entries about {@code domain} from reports this bot received in [{@code from}, {@code to}). */
    public List<StoredPolicy> policiesReceived(String domain, Instant from, Instant to) {
        return select(domain, "r.received_at", from, to);
    }

    private List<StoredPolicy> select(String domain, String timeColumn, Instant from, Instant to) {
        String key = Domains.normalise(domain).orElse(domain);
        return jdbc.retrying("read the reports of " + key, connection -> {
            Window window = new Window(key, timeColumn, from, to);
            // The entries first, then the failures of those entries only: a report stored between the two queries is
            // left out whole rather than read without its failures. Each entry is built once, with its failures.
            Map<Long, Function<List<StoredPolicy.Failure>, StoredPolicy>> entries = new LinkedHashMap<>();
            inWindow(
                    connection,
                    "SELECT p.id, r.organization, r.report_id, r.start_at, r.end_at, r.received_at, p.policy_type,"
                            + " p.mx_hosts, p.successful, p.failed FROM mtasts_tlsrpt_policy p"
                            + " JOIN mtasts_tlsrpt_report r ON r.id = p.report",
                    "r.start_at, r.id, p.id",
                    window,
                    result -> {
                        String organization = result.getString(2);
                        String reportId = result.getString(3);
                        Instant start = instant(result, 4);
                        Instant end = instant(result, 5);
                        Instant receivedAt = instant(result, 6);
                        String policyType = result.getString(7);
                        List<String> mxHosts = JdbcValues.strings(result.getString(8));
                        long successful = result.getLong(9);
                        long failed = result.getLong(10);
                        entries.put(
                                result.getLong(1),
                                failures -> new StoredPolicy(
                                        organization,
                                        reportId,
                                        start,
                                        end,
                                        receivedAt,
                                        policyType,
                                        mxHosts,
                                        successful,
                                        failed,
                                        failures));
                    });
            Map<Long, List<StoredPolicy.Failure>> failures = new HashMap<>();
            inWindow(
                    connection,
                    "SELECT f.policy, f.result_type, f.mx_host, f.failed_sessions FROM mtasts_tlsrpt_failure f"
                            + " JOIN mtasts_tlsrpt_policy p ON p.id = f.policy"
                            + " JOIN mtasts_tlsrpt_report r ON r.id = p.report",
                    "f.id",
                    window,
                    result -> {
                        long entry = result.getLong(1);
                        if (entries.containsKey(entry)) {
                            failures.computeIfAbsent(entry, id -> new ArrayList<>())
                                    .add(new StoredPolicy.Failure(
                                            result.getString(2),
                                            Optional.ofNullable(result.getString(3)),
                                            result.getLong(4)));
                        }
                    });
            List<StoredPolicy> policies = new ArrayList<>(entries.size());
            entries.forEach((id, entry) -> policies.add(entry.apply(failures.getOrDefault(id, List.of()))));
            return policies;
        });
    }

    /** One domain's report entries whose {@code timeColumn} lies in [{@code from}, {@code to}). */
    private record Window(String domain, String timeColumn, Instant from, Instant to) {}

    /** Runs {@code select} over the window's entries, in {@code orderBy} order, with the store's query timeout. */
    private static void inWindow(Connection connection, String select, String orderBy, Window window, RowReader reader)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(select + " WHERE p.domain_name = ? AND "
                + window.timeColumn() + " >= ? AND " + window.timeColumn() + " < ? ORDER BY " + orderBy)) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.setString(1, window.domain());
            statement.setObject(2, JdbcValues.timestamp(window.from()));
            statement.setObject(3, JdbcValues.timestamp(window.to()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    reader.read(result);
                }
            }
        }
    }

    /** When the latest report about {@code domain} was stored. */
    public Optional<Instant> lastReceived(String domain) {
        String key = Domains.normalise(domain).orElse(domain);
        return jdbc.retrying("read the reports of " + key, connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT MAX(r.received_at) FROM mtasts_tlsrpt_report r"
                            + " JOIN mtasts_tlsrpt_policy p ON p.report = r.id WHERE p.domain_name = ?")) {
                statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                statement.setString(1, key);
                try (ResultSet result = statement.executeQuery()) {
                    return result.next() ? JdbcValues.instant(result, 1) : Optional.empty();
                }
            }
        });
    }

    /** Deletes the reports whose date range ended before the retention period; returns how many. */
    public int prune() {
        Instant cutoff = retention.cutoff();
        int deleted = jdbc.retrying("apply report retention", connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("DELETE FROM mtasts_tlsrpt_report WHERE end_at < ?")) {
                statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                statement.setObject(1, JdbcValues.timestamp(cutoff));
                return statement.executeUpdate();
            }
        });
        if (deleted > 0) {
            LOG.info("TLS-RPT retention: deleted {} reports that ended before {}", deleted, cutoff);
        }
        return deleted;
    }

    private static boolean exists(Connection connection, TlsRptReport report) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM mtasts_tlsrpt_report WHERE organization = ? AND report_id = ?")) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.setString(1, cut(report.organization(), 1000));
            statement.setString(2, cut(report.reportId(), 1000));
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private long insertReport(Connection connection, TlsRptReport report, String source) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO mtasts_tlsrpt_report (organization, report_id, start_at, end_at, contact_info,"
                        + " received_at, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.setString(1, cut(report.organization(), 1000));
            statement.setString(2, cut(report.reportId(), 1000));
            statement.setObject(3, JdbcValues.timestamp(report.start()));
            statement.setObject(4, JdbcValues.timestamp(report.end()));
            JdbcValues.setString(statement, 5, report.contactInfo().map(text -> cut(text, 1000)));
            statement.setObject(6, JdbcValues.timestamp(clock.instant()));
            statement.setString(7, cut(source, 1000));
            statement.executeUpdate();
            return generatedKey(statement);
        }
    }

    private static long insertPolicy(Connection connection, long reportKey, TlsRptReport report, PolicyResult policy)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO mtasts_tlsrpt_policy (report, domain_name, report_day, policy_type, mx_hosts,"
                        + " successful, failed) VALUES (?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.setLong(1, reportKey);
            statement.setString(2, policy.policyDomain());
            statement.setObject(3, LocalDate.ofInstant(report.start(), ZoneOffset.UTC));
            statement.setString(4, cut(policy.policyType(), 100));
            statement.setString(5, JdbcValues.json(policy.mxHosts()));
            statement.setLong(6, policy.successful());
            statement.setLong(7, policy.failed());
            statement.executeUpdate();
            return generatedKey(statement);
        }
    }

    private static void insertFailures(Connection connection, long policyKey, PolicyResult policy) throws SQLException {
        if (policy.failures().isEmpty()) {
            return;
        }
        Optional<String> single =
                policy.mxHosts().size() == 1 ? Optional.of(policy.mxHosts().getFirst()) : Optional.empty();
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO mtasts_tlsrpt_failure (policy, result_type, mx_host, sending_mta_ip, receiving_ip,"
                        + " receiving_mx_helo, failed_sessions, additional_information, failure_reason_code)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            for (FailureDetail failure : policy.failures()) {
                Optional<String> mx = failure.receivingMxHostname()
                        .or(() -> failure.receivingMxHelo().flatMap(Domains::normalise))
                        .or(() -> single);
                statement.setLong(1, policyKey);
                statement.setString(2, cut(failure.resultType(), 200));
                JdbcValues.setString(statement, 3, mx.map(text -> cut(text, 253)));
                JdbcValues.setString(statement, 4, failure.sendingMtaIp().map(text -> cut(text, 100)));
                JdbcValues.setString(statement, 5, failure.receivingIp().map(text -> cut(text, 100)));
                JdbcValues.setString(statement, 6, failure.receivingMxHelo().map(text -> cut(text, 1000)));
                statement.setLong(7, failure.failedSessions());
                JdbcValues.setString(
                        statement, 8, failure.additionalInformation().map(text -> cut(text, 2000)));
                JdbcValues.setString(statement, 9, failure.failureReasonCode().map(text -> cut(text, 2000)));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static long generatedKey(PreparedStatement statement) throws SQLException {
        try (ResultSet keys = statement.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the database returned no generated key");
            }
            return keys.getLong(1);
        }
    }

    /** Column limits: untrusted text longer than a column is cut, never rejected by the database. */
    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    private static Instant instant(ResultSet result, int column) throws SQLException {
        OffsetDateTime value = result.getObject(column, OffsetDateTime.class);
        if (value == null) {
            throw new SQLException("a timestamp column (" + column + ") is null");
        }
        return value.toInstant();
    }
}
