package dev.mtasts.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The store tests' PostgreSQL server ({@link PostgresServer}) for tests outside this package: one server, a fresh
 * database per call.
 */
public final class PostgresDatabases implements AutoCloseable {
    private final PostgresServer server;

    private PostgresDatabases(PostgresServer server) {
        this.server = server;
    }

    /** Starts a server (skips the calling test where the bundled binaries do not run). */
    public static PostgresDatabases start() throws Exception {
        return new PostgresDatabases(PostgresServer.start());
    }

    /** Store settings for a new, empty database on the server. */
    public StoreSettings newDatabase() throws Exception {
        return StoreSettings.of(
                Optional.of(server.newDatabase()),
                Path.of("unused"),
                StoreSettings.DEFAULT_RETENTION_DAYS,
                name -> switch (name) {
                    case "MTASTS_STORE_USER" -> "postgres";
                    case "MTASTS_STORE_PASSWORD" -> "not-needed-with-trust";
                    default -> null;
                });
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
