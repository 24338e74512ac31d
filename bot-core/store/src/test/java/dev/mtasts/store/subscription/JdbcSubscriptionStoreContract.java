package dev.mtasts.store.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.subscription.ChannelRef;
import dev.mtasts.core.subscription.SubscriptionStore;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The subscription store contract over a freshly migrated database (H2 or PostgreSQL). */
abstract class JdbcSubscriptionStoreContract extends SubscriptionStoreContract {
    private final List<JdbcHistoryStore> opened = new ArrayList<>();

    /** Settings for a new, empty database. */
    abstract StoreSettings freshSettings() throws Exception;

    @Override
    final JdbcSubscriptionStore freshStore() throws Exception {
        JdbcHistoryStore history = JdbcHistoryStore.open(freshSettings(), Clock.systemUTC());
        opened.add(history);
        return new JdbcSubscriptionStore(history.dataSource(), history.describe());
    }

    /** Pauses the channel's subscription behind the store's back, as five failed deliveries would have. */
    @Override
    final void pause(SubscriptionStore store, ChannelRef channel, String domain) throws Exception {
        try (Connection connection = opened.getLast().dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("UPDATE mtasts_subscription SET state ="
                        + " 'PAUSED', consecutive_failures = 1, last_failure = 'channel_not_found' WHERE platform = ?"
                        + " AND workspace_id = ? AND channel_id = ? AND domain_name = ?")) {
            statement.setString(1, channel.platform().name());
            statement.setString(2, channel.workspaceId());
            statement.setString(3, channel.channelId());
            statement.setString(4, domain);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    @AfterEach
    final void closeStores() {
        opened.forEach(JdbcHistoryStore::close);
    }
}
