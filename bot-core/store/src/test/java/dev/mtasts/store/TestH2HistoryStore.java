package dev.mtasts.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.io.TempDir;

/** The store contract against the embedded default: an H2 file database in a data directory. */
final class TestH2HistoryStore extends HistoryStoreContract {
    @TempDir
    Path temporary;

    private int stores;

    @Override
    StoreSettings freshSettings() {
        return StoreSettings.embedded(temporary.resolve("data-" + ++stores));
    }

    @Override
    Connection connect(StoreSettings settings) throws Exception {
        return DriverManager.getConnection(
                EmbeddedDatabase.jdbcUrl(settings.dataDirectory()),
                EmbeddedDatabase.USER,
                EmbeddedDatabase.password(settings.dataDirectory()));
    }
}
