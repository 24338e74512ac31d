package dev.mtasts.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where and how long history is kept.
 *
 * @param jdbcUrl a {@code jdbc:postgresql:} (or {@code jdbc:h2:}) URL; empty selects the embedded H2 database in
 *     {@code dataDirectory}
 * @param user the database user for {@code jdbcUrl}, from {@code MTASTS_STORE_USER}
 * @param password the database password for {@code jdbcUrl}, from {@code MTASTS_STORE_PASSWORD}; never printed
 * @param dataDirectory where the embedded database lives
 * @param retentionDays observations older than this are deleted
 */
public record StoreSettings(
        Optional<String> jdbcUrl,
        Optional<String> user,
        Optional<String> password,
        Path dataDirectory,
        int retentionDays) {
    public static final int DEFAULT_RETENTION_DAYS = 365;
    /** Ten years: longer is a typo, not a policy. */
    public static final int MAX_RETENTION_DAYS = 3650;

    public StoreSettings {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        jdbcUrl = jdbcUrl.map(String::strip).filter(url -> !url.isEmpty());
        if (jdbcUrl.isPresent()) {
            String lower = jdbcUrl.get().toLowerCase(Locale.ROOT);
            if (!lower.startsWith("jdbc:postgresql:") && !lower.startsWith("jdbc:h2:")) {
                throw new IllegalArgumentException(
                        "the store's JDBC URL must start with jdbc:postgresql: (or jdbc:h2:)," + " not "
                                + JdbcUrls.redact(jdbcUrl.get()));
            }
        }
        if (retentionDays < 1 || retentionDays > MAX_RETENTION_DAYS) {
            throw new IllegalArgumentException(
                    "store retention must be 1 to " + MAX_RETENTION_DAYS + " days, not " + retentionDays);
        }
    }

    /**
     * Settings from the environment: {@code MTASTS_STORE_JDBC_URL}, {@code MTASTS_STORE_USER},
     * {@code MTASTS_STORE_PASSWORD}, {@code MTASTS_STORE_RETENTION_DAYS} and the data directory (see
     * {@link DataDirectory#resolve}).
     */
    public static StoreSettings fromEnvironment(Optional<Path> dataDirectory, Function<String, String> environment) {
        Optional<String> retention = variable(environment, "MTASTS_STORE_RETENTION_DAYS");
        int retentionDays;
        try {
            retentionDays = retention.map(String::strip).map(Integer::parseInt).orElse(DEFAULT_RETENTION_DAYS);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "MTASTS_STORE_RETENTION_DAYS must be a number of days, not '" + retention.get() + "'");
        }
        return of(
                variable(environment, "MTASTS_STORE_JDBC_URL"),
                DataDirectory.resolve(dataDirectory, environment),
                retentionDays,
                environment);
    }

    /** Settings with the credentials taken from {@code MTASTS_STORE_USER} and {@code MTASTS_STORE_PASSWORD}. */
    public static StoreSettings of(
            Optional<String> jdbcUrl, Path dataDirectory, int retentionDays, Function<String, String> environment) {
        return new StoreSettings(
                jdbcUrl,
                variable(environment, "MTASTS_STORE_USER"),
                variable(environment, "MTASTS_STORE_PASSWORD"),
                dataDirectory,
                retentionDays);
    }

    /** The embedded default: an H2 database in {@code dataDirectory}. */
    public static StoreSettings embedded(Path dataDirectory) {
        return new StoreSettings(
                Optional.empty(), Optional.empty(), Optional.empty(), dataDirectory, DEFAULT_RETENTION_DAYS);
    }

    public StoreSettings withJdbcUrl(Optional<String> jdbcUrl) {
        return new StoreSettings(jdbcUrl, user, password, dataDirectory, retentionDays);
    }

    public StoreSettings withRetentionDays(int retentionDays) {
        return new StoreSettings(jdbcUrl, user, password, dataDirectory, retentionDays);
    }

    public boolean embedded() {
        return jdbcUrl.isEmpty();
    }

    /** The embedded database's file in the data directory (whether or not it exists yet). */
    public Path embeddedDatabaseFile() {
        return EmbeddedDatabase.file(dataDirectory);
    }

    private static Optional<String> variable(Function<String, String> environment, String name) {
        return Optional.ofNullable(environment.apply(name)).filter(value -> !value.isBlank());
    }

    /** Never shows the password, nor one embedded in the URL. */
    @Override
    public String toString() {
        return "StoreSettings[jdbcUrl=" + jdbcUrl.map(JdbcUrls::redact).orElse("(embedded)") + ", user="
                + user.orElse("") + ", password=" + (password.isPresent() ? "****" : "") + ", dataDirectory="
                + dataDirectory + ", retentionDays=" + retentionDays + "]";
    }
}
