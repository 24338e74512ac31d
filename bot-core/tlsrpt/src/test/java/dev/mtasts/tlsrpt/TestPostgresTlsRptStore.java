package dev.mtasts.tlsrpt;

import dev.mtasts.store.PostgresDatabases;
import dev.mtasts.store.StoreSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The report store on a real PostgreSQL server (the store tests' fixture, run as an unprivileged user). */
final class TestPostgresTlsRptStore extends TlsRptStoreContract {
    private static PostgresDatabases postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresDatabases.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    StoreSettings freshSettings() throws Exception {
        return postgres.newDatabase();
    }
}
