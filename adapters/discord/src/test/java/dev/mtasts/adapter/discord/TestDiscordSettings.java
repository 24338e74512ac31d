package dev.mtasts.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtasts.core.config.ConfigException;
import dev.mtasts.core.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestDiscordSettings {
    /** The launcher's BotConfig has a {@code discord} section of this type; this stands in for it. */
    record Root(DiscordSettings discord) {
        Root {
            discord = discord == null ? DiscordSettings.defaults() : discord;
        }
    }

    @TempDir
    Path directory;

    @Test
    void defaultsTalkToDiscordWithOneConnection() {
        DiscordSettings config = DiscordSettings.defaults();

        assertThat(config.apiUrl()).isEqualTo("https://discord.com/api/v10/");
        assertThat(config.gatewayUrl()).isEqualTo("wss://gateway.discord.gg/");
        assertThat(config.sharded()).isFalse();
        assertThat(config.subscribeRoleName()).isEmpty();
        assertThat(config.maxConcurrentChecks()).isEqualTo(16);
        assertThat(config.compression()).isEqualTo("zlib-stream");
        assertThat(config.gatewayOverridden()).isFalse();
    }

    @Test
    void theSubscribeRoleIsAnIdNotAName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new DiscordSettings(null, null, "Mail admins", null, null, null, null))
                .hasMessageStartingWith("discord.subscribe-role must be a role id")
                .hasMessageContaining("'Mail admins'");
    }

    @Test
    void readsEveryKeyFromYaml() throws IOException {
        Path file = Files.writeString(directory.resolve("mtasts.yml"), """
                discord:
                  api-url: http://proxy.internal:8080/api/v10
                  gateway-url: ws://proxy.internal:8081
                  subscribe-role: "1100000000000000600"
                  shards: 8
                  shard-ids: [0, 1, 2, 3]
                  max-concurrent-checks: 4
                  compression: none
                """);

        DiscordSettings config = new ConfigLoader(Map.<String, String>of()::get)
                .load(Optional.of(file), Root.class)
                .discord();

        assertThat(config)
                .isEqualTo(new DiscordSettings(
                        "http://proxy.internal:8080/api/v10/",
                        "ws://proxy.internal:8081/",
                        "1100000000000000600",
                        "8",
                        List.of(0, 1, 2, 3),
                        4,
                        "none"));
        assertThat(config.shardTotal()).isEqualTo(OptionalInt.of(8));
        assertThat(config.gatewayOverridden()).isTrue();
    }

    @Test
    void theDocumentedVariablesWinOverTheFileAndTheGenericOverrides() {
        Map<String, String> environment = Map.of(
                "MTASTS_DISCORD_API_URL", "http://generic:1/api/v10/",
                "MTASTS_DISCORD_SHARDS", "auto",
                "DISCORD_API_URL", "http://127.0.0.1:9/api/v10/",
                "DISCORD_GATEWAY_URL", "ws://127.0.0.1:10/");

        DiscordSettings config = new ConfigLoader(environment::get)
                .load(Optional.empty(), Root.class)
                .discord()
                .withEnvironment(environment::get);

        assertThat(config.apiUrl()).isEqualTo("http://127.0.0.1:9/api/v10/");
        assertThat(config.gatewayUrl()).isEqualTo("ws://127.0.0.1:10/");
        assertThat(config.sharded()).isTrue();
        assertThat(config.shardTotal()).isEmpty();
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> config("ftp://x/", null, null, null, null))
                .hasMessageContaining("discord.api-url must be an absolute http or https URL");
        assertThatThrownBy(() -> config(null, "https://gateway/", null, null, null))
                .hasMessageContaining("discord.gateway-url must be an absolute ws or wss URL");
        assertThatThrownBy(() -> config(null, null, "many", null, null))
                .hasMessage("discord.shards must be 'auto' or a shard count, not 'many'");
        assertThatThrownBy(() -> config(null, null, "0", null, null))
                .hasMessage("discord.shards must be 1 to 100000, not 0");
        assertThatThrownBy(() -> config(null, null, "4", List.of(4), null))
                .hasMessage("discord.shard-ids: shard 4 is outside 0 to 3");
        assertThatThrownBy(() -> config(null, null, "auto", List.of(0), null))
                .hasMessageContaining("needs a fixed discord.shards total");
        assertThatThrownBy(() -> config(null, null, "4", List.of(1, 1), null))
                .hasMessage("discord.shard-ids lists a shard twice: [1, 1]");
        assertThatThrownBy(() -> config(null, null, null, null, 0))
                .hasMessage("discord.max-concurrent-checks must be 1 to 1000, not 0");
        assertThatThrownBy(() -> new DiscordSettings(null, null, null, null, null, null, "gzip"))
                .hasMessage("discord.compression must be 'zlib-stream' or 'none', not 'gzip'");
    }

    @Test
    void theDocumentedExampleLoadsAsTheDefaults() throws IOException {
        String reference = Files.readString(Path.of("..", "..", "config", "README.md"));
        int section = reference.indexOf("## `discord`");
        int start = reference.indexOf("```yaml\n", section) + "```yaml\n".length();
        String example = reference.substring(start, reference.indexOf("```", start));
        Path file = Files.writeString(directory.resolve("example.yml"), example);

        DiscordSettings config = new ConfigLoader(Map.<String, String>of()::get)
                .load(Optional.of(file), Root.class)
                .discord();

        assertThat(config).isEqualTo(DiscordSettings.defaults());
    }

    @Test
    void aTypoInTheFileIsNamed() throws IOException {
        Path file = Files.writeString(directory.resolve("mtasts.yml"), "discord:\n  shard: 4\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.<String, String>of()::get).load(Optional.of(file), Root.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown configuration key 'discord.shard'");
    }

    @Test
    void theTokenIsNeverPrinted() {
        assertThat(new DiscordToken(" secret-token ").value()).isEqualTo("secret-token");
        assertThat(new DiscordToken("secret-token").toString()).doesNotContain("secret");
        assertThatThrownBy(() -> new DiscordToken("  ")).hasMessage("DISCORD_TOKEN is empty");
    }

    private static DiscordSettings config(
            String api, String gateway, String shards, List<Integer> shardIds, Integer maxConcurrentChecks) {
        return new DiscordSettings(api, gateway, null, shards, shardIds, maxConcurrentChecks, null);
    }
}
