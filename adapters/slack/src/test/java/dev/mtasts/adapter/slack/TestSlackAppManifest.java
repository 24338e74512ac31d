package dev.mtasts.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped app manifest ({@code config/slack-app-manifest.yml}) matches what the code serves and needs. */
final class TestSlackAppManifest {
    private static final Path MANIFEST = Path.of("../../config/slack-app-manifest.yml");

    @Test
    void declaresTheCommandScopesInteractivityHomeAndEvents() throws Exception {
        assertThat(MANIFEST).as("run from adapters/slack").exists();
        JsonNode manifest = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(MANIFEST));

        JsonNode command = manifest.at("/features/slash_commands/0");
        assertThat(command.get("command").asText()).isEqualTo(SlackBoltApp.COMMAND);
        assertThat(command.get("should_escape").asBoolean()).isFalse();
        assertThat(strings(manifest.at("/oauth_config/scopes/bot")))
                .containsExactly(
                        "commands",
                        "chat:write",
                        "chat:write.public",
                        // App Home privacy (users.conversations), notification de-duplication, manager checks
                        "channels:read",
                        "groups:read",
                        "im:read",
                        "mpim:read",
                        "channels:history",
                        "groups:history",
                        "users:read");
        assertThat(manifest.at("/settings/interactivity/is_enabled").asBoolean())
                .isTrue();
        assertThat(manifest.at("/features/app_home/home_tab_enabled").asBoolean())
                .isTrue();
        assertThat(strings(manifest.at("/settings/event_subscriptions/bot_events")))
                .containsExactly("app_home_opened");
        assertThat(manifest.at("/settings/socket_mode_enabled").isBoolean()).isTrue();
        for (String url : List.of(
                command.get("url").asText(),
                manifest.at("/settings/interactivity/request_url").asText(),
                manifest.at("/settings/event_subscriptions/request_url").asText())) {
            assertThat(url).startsWith("https://").endsWith(SlackEventsHandler.PATH);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
