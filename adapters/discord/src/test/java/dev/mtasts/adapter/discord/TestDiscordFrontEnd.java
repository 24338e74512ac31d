package dev.mtasts.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtasts.adapter.discord.FakeDiscord.Call;
import dev.mtasts.core.frontend.FrontEnd;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;

/** Start-up and shutdown of the front end: one connection or JDA's ShardManager, and a rejected token. */
final class TestDiscordFrontEnd {
    /** With {@code discord.shards}, the ShardManager asks {@code /gateway/bot}, then identifies its shard. */
    @Test
    void shardManagerIdentifiesItsShardAndServesCommands() throws Exception {
        try (DiscordHarness harness = DiscordHarness.start("auto")) {
            FakeDiscord discord = harness.discord;

            discord.await("the gateway lookup", call -> call.is("GET", "gateway/bot"));
            DataObject identify = DataObject.fromJson(discord.identifies().getFirst());
            assertThat(identify.getArray("shard").getInt(0)).isZero();
            assertThat(identify.getArray("shard").getInt(1)).isEqualTo(1);
            assertThat(identify.getInt("intents")).isEqualTo(1);
            assertThat(harness.frontEnd.healthy()).isTrue();

            String token = discord.slashCommand("check", Optional.of("example.com"), List.of());
            Call callback =
                    discord.await("the defer", call -> call.is("POST", "interactions/\\d+/" + token + "/callback"));
            assertThat(callback.json().getInt("type")).isEqualTo(5);
            discord.await(
                    "the thread",
                    call -> call.is("POST", "channels/\\d+/messages/" + discord.originalMessageId(token) + "/threads"));
        }
    }

    @Test
    void stoppingTheFrontEndMakesItUnhealthy() throws Exception {
        DiscordHarness harness = DiscordHarness.start(null);
        assertThat(harness.frontEnd.healthy()).isTrue();

        harness.close();

        assertThat(harness.frontEnd.healthy()).isFalse();
        assertThat(List.copyOf(harness.discord.identifies())).hasSize(1);
    }

    @Test
    void aRejectedTokenFailsStartUpWithAClearMessage() throws Exception {
        try (FakeDiscord discord = new FakeDiscord()) {
            DiscordSettings config = new DiscordSettings(
                    discord.apiUrl(), discord.gatewayUrl(), null, null, null, null, DiscordSettings.NONE);
            FrontEnd frontEnd = DiscordHarness.frontEnd(config, "revoked-token");

            assertThatThrownBy(frontEnd::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Discord rejected DISCORD_TOKEN");
            assertThat(frontEnd.healthy()).isFalse();
            assertThat(discord.calls()).singleElement().satisfies(call -> assertThat(call.path())
                    .isEqualTo("users/@me"));
            assertThat(discord.identifies()).isEmpty();
        }
    }
}
