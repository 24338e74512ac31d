package dev.mtasts.tlsrpt;

import dev.mtasts.store.StoreSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The report store on the embedded default: the H2 history database in a data directory. */
final class TestH2TlsRptStore extends TlsRptStoreContract {
    @TempDir
    Path temporary;

    private int stores;

    @Override
    StoreSettings freshSettings() {
        return StoreSettings.embedded(temporary.resolve("data-" + ++stores));
    }
}
