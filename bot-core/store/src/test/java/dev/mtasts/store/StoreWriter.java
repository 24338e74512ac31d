package dev.mtasts.store;

import dev.mtasts.core.subscription.ChannelRef;
import dev.mtasts.core.subscription.Platform;
import dev.mtasts.core.subscription.SubscriptionLimits;
import dev.mtasts.store.subscription.JdbcSubscriptionStore;
import dev.mtasts.testing.ObservationBuilder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A separate process for the durability tests: records observations (or subscriptions) into a store and prints
 * {@code committed N} on stdout after each write returns. Arguments: data directory or PostgreSQL JDBC URL, writer
 * name, count ({@code 0} writes until killed), and optionally {@code subscriptions} to subscribe a channel to domain
 * after domain instead of recording observations.
 */
public final class StoreWriter {
    private StoreWriter() {}

    public static void main(String[] args) {
        String target = args[0];
        String writer = args[1];
        int count = Integer.parseInt(args[2]);
        boolean subscriptions = args.length > 3 && args[3].equals("subscriptions");
        PrintStream out = System.out;
        Instant start = Instant.parse("2026-11-28T00:00:00Z");
        try (JdbcHistoryStore store = JdbcHistoryStore.open(settings(target), Clock.systemUTC())) {
            JdbcSubscriptionStore subscriptionStore = new JdbcSubscriptionStore(store.dataSource(), store.describe());
            ChannelRef channel = new ChannelRef(Platform.SLACK, "T" + writer, "C" + writer);
            SubscriptionLimits limits = new SubscriptionLimits(1_000_000, 1_000_000);
            out.println("open");
            out.flush();
            for (int index = 0; count == 0 || index < count; index++) {
                if (subscriptions) {
                    subscriptionStore.subscribe(
                            channel, domain(writer, index), "U1", limits, start, start.plusSeconds(index));
                } else {
                    store.record(
                            "example.com",
                            ObservationBuilder.at(start.plusMillis(index))
                                    .id(writer + "x" + index)
                                    .policy(HistoryStoreContract.POLICY + "writer: " + writer + "\n")
                                    .build());
                }
                out.println("committed " + index);
                out.flush();
            }
        }
    }

    static String domain(String writer, int index) {
        return writer + index + ".example.com";
    }

    static StoreSettings settings(String target) {
        if (!target.startsWith("jdbc:")) {
            return StoreSettings.embedded(Path.of(target));
        }
        return StoreSettings.of(
                Optional.of(target), Path.of("unused"), StoreSettings.DEFAULT_RETENTION_DAYS, name -> switch (name) {
                    case "MTASTS_STORE_USER" -> "postgres";
                    case "MTASTS_STORE_PASSWORD" -> "not-needed-with-trust";
                    default -> null;
                });
    }
}
