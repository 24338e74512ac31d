package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code network.refuse-suffixes}: serve refuses internal names by default; the file and environment change it. */
final class TestRefuseSuffixesConfig {
    @TempDir
    Path directory;

    @Test
    void serveRefusesTheInternalSuffixesByDefault() throws Exception {
        BotConfig config = new ConfigLoader(name -> null).load(Optional.empty(), BotConfig.class);
        BotConfig shipped = new ConfigLoader(name -> null)
                .load(Optional.of(Path.of("..", "..", "config", "mtasts.yml")), BotConfig.class);

        assertThat(config.network().apply(EngineSettings.defaults()).refusedSuffixes())
                .containsExactly("local", "internal", "lan", "home.arpa", "cluster.local");
        assertThat(shipped.network().apply(EngineSettings.defaults()).refusedSuffixes())
                .containsExactlyElementsOf(EngineSettings.INTERNAL_SUFFIXES);
        assertThat(EngineSettings.defaults().refusedSuffixes())
                .as("mtasts check")
                .isEmpty();
    }

    @Test
    void theCommandLineOffersTheSameGuard() {
        NetworkOptions options = new NetworkOptions();
        options.refuseSuffixes = java.util.List.of("internal", "corp");

        assertThat(options.apply(EngineSettings.defaults()).refusedSuffixes()).containsExactly("internal", "corp");
        assertThat(new NetworkOptions().apply(EngineSettings.defaults()).refusedSuffixes())
                .isEmpty();
    }

    @Test
    void fileAndEnvironmentReplaceTheList() throws Exception {
        Path file = Files.writeString(
                directory.resolve("mtasts.yml"), "network:\n  refuse-suffixes: [.Corp, example.test]\n");

        BotConfig fromFile = new ConfigLoader(name -> null).load(Optional.of(file), BotConfig.class);
        BotConfig fromEnvironment = new ConfigLoader(Map.of("MTASTS_NETWORK_REFUSE_SUFFIXES", "intra,lan")::get)
                .load(Optional.of(file), BotConfig.class);

        assertThat(fromFile.network().apply(EngineSettings.defaults()).refusedSuffixes())
                .containsExactly("corp", "example.test");
        assertThat(fromEnvironment.network().apply(EngineSettings.defaults()).refusedSuffixes())
                .containsExactly("intra", "lan");
    }
}
