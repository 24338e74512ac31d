package dev.mtasts.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract against a real PostgreSQL server, selected by a JDBC URL as teams configure it. */
final class TestPostgresHistoryStore extends HistoryStoreContract {
    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    StoreSettings freshSettings() throws Exception {
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
    Connection connect(StoreSettings settings) throws Exception {
        return DriverManager.getConnection(settings.jdbcUrl().orElseThrow(), "postgres", "");
    }
}
