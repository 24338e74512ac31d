package dev.mtasts.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestConfigLoader {
    record Root(Section section, Integer top) {
        Root {
            section = section == null ? new Section(null, null) : section;
            top = top == null ? 7 : top;
        }
    }

    record Section(String apiUrl, List<String> hosts) {
        Section {
            apiUrl = apiUrl == null ? "https://default.example/" : apiUrl;
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }
    }

    @TempDir
    Path directory;

    @Test
    void missingFileGivesDefaults() {
        Root root = new ConfigLoader(Map.<String, String>of()::get).load(Optional.empty(), Root.class);

        assertThat(root.top()).isEqualTo(7);
        assertThat(root.section().apiUrl()).isEqualTo("https://default.example/");
    }

    @Test
    void readsKebabCaseKeys() throws IOException {
        Path file = write("section:\n  api-url: http://127.0.0.1:9/api/\n  hosts: [a, b]\ntop: 3\n");

        Root root = new ConfigLoader(Map.<String, String>of()::get).load(Optional.of(file), Root.class);

        assertThat(root.section().apiUrl()).isEqualTo("http://127.0.0.1:9/api/");
        assertThat(root.section().hosts()).containsExactly("a", "b");
        assertThat(root.top()).isEqualTo(3);
    }

    @Test
    void environmentOverridesEveryLeafKey() throws IOException {
        Path file = write("section:\n  api-url: http://file/\n");
        Map<String, String> environment = Map.of(
                "MTASTS_SECTION_API_URL", "http://env/",
                "MTASTS_SECTION_HOSTS", "x, y",
                "MTASTS_TOP", "11");

        Root root = new ConfigLoader(environment::get).load(Optional.of(file), Root.class);

        assertThat(root.section().apiUrl()).isEqualTo("http://env/");
        assertThat(root.section().hosts()).containsExactly("x", "y");
        assertThat(root.top()).isEqualTo(11);
    }

    @Test
    void unknownKeyFailsWithSuggestion() throws IOException {
        Path file = write("section:\n  api-ulr: http://x/\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.<String, String>of()::get).load(Optional.of(file), Root.class))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown configuration key 'section.api-ulr'; did you mean 'api-url'?");
    }

    @Test
    void wrongTypeNamesTheKey() throws IOException {
        Path file = write("top: seven\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.<String, String>of()::get).load(Optional.of(file), Root.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'top'");
    }

    @Test
    void invalidYamlIsOneLine() throws IOException {
        Path file = write("section: [unclosed\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.<String, String>of()::get).load(Optional.of(file), Root.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML")
                .hasMessageNotContaining("\n");
    }

    @Test
    void environmentNameFollowsTheKeyPath() {
        assertThat(ConfigLoader.environmentName("slack.api-url")).isEqualTo("MTASTS_SLACK_API_URL");
    }

    private Path write(String yaml) throws IOException {
        Path file = directory.resolve("config.yml");
        Files.writeString(file, yaml);
        return file;
    }
}
