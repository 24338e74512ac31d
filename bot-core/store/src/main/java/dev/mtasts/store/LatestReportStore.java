package dev.mtasts.store;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.Report;
import dev.mtasts.core.ReportJson;
import dev.mtasts.core.ReportText;
import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.core.history.HistoryStoreException;
import dev.mtasts.core.history.StoredReport;
import dev.mtasts.spi.Observation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link HistoryStore} that also keeps each domain's latest full report (table {@code mtasts_latest_report},
 * migration V300), for the web permalink; everything else goes to the store it wraps. {@code serve} and {@code demo}
 * use it; one-shot commands do not pay for it.
 */
public final class LatestReportStore implements HistoryStore {
    /** A report's text or JSON beyond this is cut: a permalink is a page, not an archive. */
    static final int MAX_CHARS = 512 * 1024;

    private final HistoryStore history;
    private final JdbcRetry jdbc;

    /** Keeps latest reports in {@code history}'s own database. */
    public static LatestReportStore over(JdbcHistoryStore history) {
        return new LatestReportStore(history, history.dataSource(), history.describe());
    }

    public LatestReportStore(HistoryStore history, DataSource dataSource, String description) {
        this.history = requireNonNull(history, "history is null");
        this.jdbc = new JdbcRetry(dataSource, description, HistoryStoreException::new);
    }

    @Override
    public void recordReport(Report report) {
        requireNonNull(report, "report is null");
        String text = cut(new ReportText(false).render(report));
        String json = cut(ReportJson.toLine(report));
        Timestamp checkedAt = Timestamp.from(report.checkedAt());
        String status = report.status().label();
        jdbc.retrying("keep the latest report of " + report.domain(), connection -> {
            if (update(connection, report.domain(), checkedAt, status, text, json) > 0) {
                return Boolean.TRUE;
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO mtasts_latest_report"
                    + " (domain_name, checked_at, status, report_text, report_json) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, report.domain());
                insert.setTimestamp(2, checkedAt);
                insert.setString(3, status);
                insert.setString(4, text);
                insert.setString(5, json);
                insert.executeUpdate();
            } catch (SQLException e) {
                // A newer report is already there (the update matched nothing), or another writer inserted first.
                if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                    throw e;
                }
                update(connection, report.domain(), checkedAt, status, text, json);
            }
            return Boolean.TRUE;
        });
    }

    /** Replaces the stored report unless the stored one is newer (checks finishing out of order). */
    private static int update(
            Connection connection, String domain, Timestamp checkedAt, String status, String text, String json)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE mtasts_latest_report SET checked_at = ?,"
                + " status = ?, report_text = ?, report_json = ? WHERE domain_name = ? AND checked_at <= ?")) {
            update.setTimestamp(1, checkedAt);
            update.setString(2, status);
            update.setString(3, text);
            update.setString(4, json);
            update.setString(5, domain);
            update.setTimestamp(6, checkedAt);
            return update.executeUpdate();
        }
    }

    @Override
    public Optional<StoredReport> latestReport(String domain) {
        requireNonNull(domain, "domain is null");
        return jdbc.retrying("read the latest report of " + domain, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT checked_at, status, report_text,"
                    + " report_json FROM mtasts_latest_report WHERE domain_name = ?")) {
                select.setString(1, domain);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<StoredReport>empty();
                    }
                    return Optional.of(new StoredReport(
                            domain,
                            rows.getTimestamp(1).toInstant(),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getString(4)));
                }
            }
        });
    }

    private static String cut(String text) {
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "\n… (cut)";
    }

    @Override
    public List<Observation> recent(String domain, int limit) {
        return history.recent(domain, limit);
    }

    @Override
    public List<Observation> changes(String domain, int limit) {
        return history.changes(domain, limit);
    }

    @Override
    public void record(String domain, Observation observation) {
        history.record(domain, observation);
    }

    @Override
    public List<Observation> timeline(String domain) {
        return history.timeline(domain);
    }

    @Override
    public String describe() {
        return history.describe();
    }

    @Override
    public void close() {
        history.close();
    }
}
