package dev.mtasts.store.subscription;

import dev.mtasts.store.PostgresDatabases;
import dev.mtasts.store.StoreSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Several scheduler instances sharing a real PostgreSQL database, as a scaled-out deployment runs them. */
final class TestPostgresScheduler extends SchedulerContract {
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
