package dev.mtasts.launcher;

import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.core.history.HistoryStoreException;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Where the commands keep history: the {@code --jdbc-url} flag over the environment and configuration. */
public final class StoreOptions {
    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            description = "keep history in this PostgreSQL database (jdbc:postgresql://host/db; user and password from"
                    + " MTASTS_STORE_USER and MTASTS_STORE_PASSWORD); default: $MTASTS_STORE_JDBC_URL, else an"
                    + " embedded database in the data directory")
    String jdbcUrl;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "where the embedded database keeps history, subscriptions and TLS-RPT reports (default:"
                    + " store.data-dir of the configuration where the command reads one, else $MTASTS_DATA_DIR, else"
                    + " the user's data directory)")
    Path dataDir;

    /** For the commands without a configuration: the flags over {@code MTASTS_STORE_*} and the data directory. */
    StoreSettings settings(Function<String, String> environment) {
        try {
            StoreSettings settings = StoreSettings.fromEnvironment(Optional.ofNullable(dataDir), environment);
            return jdbcUrl == null ? settings : settings.withJdbcUrl(Optional.of(jdbcUrl));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** For {@code serve} and {@code subscriptions}: the flags over the {@code store} configuration (which has its
     * environment overrides). */
    StoreSettings settings(BotConfig.Store config, Function<String, String> environment) {
        try {
            StoreSettings settings = config.settings(Optional.ofNullable(dataDir), environment);
            return jdbcUrl == null ? settings : settings.withJdbcUrl(Optional.of(jdbcUrl));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Opens the store for a command that is useful without history ({@code check}): a store that cannot be opened
     * turns history off for this run, said once on stderr. A {@code bulk} run leaves the embedded database compact
     * when it closes ({@link JdbcHistoryStore#compactWhenClosed()}).
     */
    static HistoryStore openOrWarn(StoreSettings settings, boolean bulk, PrintWriter err) {
        try {
            JdbcHistoryStore store = JdbcHistoryStore.open(settings, Clock.systemUTC());
            return bulk ? store.compactWhenClosed() : store;
        } catch (HistoryStoreException e) {
            err.println("mtasts: history is off for this run (id-sync compares with nothing): " + e.getMessage());
            err.flush();
            return HistoryStore.none();
        }
    }
}
