package dev.mtasts.store.subscription;

import dev.mtasts.store.StoreSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The subscription store contract against the embedded default: an H2 file database in a data directory. */
final class TestH2SubscriptionStore extends JdbcSubscriptionStoreContract {
    @TempDir
    Path temporary;

    private int stores;

    @Override
    StoreSettings freshSettings() {
        return StoreSettings.embedded(temporary.resolve("data-" + ++stores));
    }
}
