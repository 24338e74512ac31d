package dev.mtasts.store.subscription;

import dev.mtasts.store.PostgresDatabases;
import dev.mtasts.store.StoreSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The subscription store contract against a real PostgreSQL server, as teams running several instances use it. */
final class TestPostgresSubscriptionStore extends JdbcSubscriptionStoreContract {
    private static PostgresDatabases postgres;

    @BeforeAll
    static void startServer() throws Exception {
        postgres = PostgresDatabases.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    StoreSettings freshSettings() throws Exception {
        return postgres.newDatabase();
    }
}
