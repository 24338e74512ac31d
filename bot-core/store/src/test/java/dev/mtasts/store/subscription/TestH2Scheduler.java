package dev.mtasts.store.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.subscription.ChannelRef;
import dev.mtasts.core.subscription.Platform;
import dev.mtasts.core.subscription.SubscriptionScheduler;
import dev.mtasts.core.subscription.SubscriptionStore;
import dev.mtasts.store.StoreSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedulers on the embedded default, including a restart of the process that holds the database. */
final class TestH2Scheduler extends SchedulerContract {
    @TempDir
    Path temporary;

    private int stores;

    @Override
    StoreSettings freshSettings() {
        return StoreSettings.embedded(temporary.resolve("data-" + ++stores));
    }

    @Test
    void aSubscriptionMadeBeforeARestartIsCheckedAfterIt() throws Exception {
        StoreSettings database = freshSettings();
        SubscriptionStore before = open(database);
        subscribe(before, new ChannelRef(Platform.DISCORD, "G1", "D1"), "example.com");
        closeAllStores();

        SubscriptionStore after = open(database);
        checker.answer("example.com", "2");
        clock.advance(INTERVAL);
        SubscriptionScheduler.Pass pass = scheduler(after, "restarted").runOnce();

        assertThat(pass.checked()).isEqualTo(1);
        assertThat(pass.delivered())
                .as("the change since the baseline taken before the restart")
                .isEqualTo(1);
        assertThat(discord.posts()).containsExactly(new ChannelRef(Platform.DISCORD, "G1", "D1"));
    }
}
