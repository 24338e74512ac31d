package dev.mtasts.store;

import dev.mtasts.testing.ObservationBuilder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * A separate process for the durability tests: records observations into an embedded store and prints
 * {@code committed N} on stdout after each {@code record} returns. Arguments: data directory, writer name, count
 * ({@code 0} writes until killed).
 */
public final class StoreWriter {
    private StoreWriter() {}

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        String writer = args[1];
        int count = Integer.parseInt(args[2]);
        PrintStream out = System.out;
        Instant start = Instant.parse("2026-11-28T00:00:00Z");
        try (JdbcHistoryStore store = JdbcHistoryStore.open(StoreSettings.embedded(directory), Clock.systemUTC())) {
            out.println("open");
            out.flush();
            for (int index = 0; count == 0 || index < count; index++) {
                store.record(
                        "example.com",
                        ObservationBuilder.at(start.plusMillis(index))
                                .id(writer + "x" + index)
                                .policy(HistoryStoreContract.POLICY + "writer: " + writer + "\n")
                                .build());
                out.println("committed " + index);
                out.flush();
            }
        }
    }
}
