package dev.mtasts.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtasts.core.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TestSlackSetup {
    private static SlackSetup resolve(SlackSettings settings, Map<String, String> environment) {
        return SlackSetup.resolve(settings, environment::get);
    }

    @Test
    void httpModeNeedsTheSigningSecret() {
        SlackSetup setup = resolve(
                SlackSettings.defaults(), Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "secret"));
        assertThat(setup.transport()).isEqualTo(SlackSetup.Transport.HTTP);
        assertThat(setup.apiUrl()).isEqualTo("https://slack.com/api/");
        assertThat(setup.channelInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> resolve(SlackSettings.defaults(), Map.of("SLACK_BOT_TOKEN", "xoxb-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SLACK_SIGNING_SECRET");
    }

    @Test
    void anAppTokenChoosesSocketModeUnlessConfiguredOtherwise() {
        Map<String, String> environment = Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1");
        assertThat(resolve(SlackSettings.defaults(), environment).transport())
                .isEqualTo(SlackSetup.Transport.SOCKET_MODE);
        assertThatThrownBy(() -> resolve(new SlackSettings("http", null, null, null, null), environment))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SLACK_SIGNING_SECRET");
        assertThatThrownBy(() -> resolve(
                        new SlackSettings("socket-mode", null, null, null, null),
                        Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SLACK_APP_TOKEN");
    }

    @Test
    void swappedTokensAreNamed() {
        assertThatThrownBy(() -> resolve(SlackSettings.defaults(), Map.of("SLACK_BOT_TOKEN", "xapp-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("app-level token");
        assertThatThrownBy(() -> resolve(
                        SlackSettings.defaults(), Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xoxb-2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("xapp-");
    }

    @Test
    void theApiUrlComesFromTheEnvironmentFirstThenTheConfiguration() {
        Map<String, String> environment = Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s");
        assertThat(resolve(new SlackSettings(null, "http://127.0.0.1:9000/api", null, null, null), environment)
                        .apiUrl())
                .isEqualTo("http://127.0.0.1:9000/api/");
        Map<String, String> withUrl = Map.of(
                "SLACK_BOT_TOKEN",
                "xoxb-1",
                "SLACK_SIGNING_SECRET",
                "s",
                "SLACK_API_URL",
                "https://proxy.example/api/");
        assertThat(resolve(new SlackSettings(null, "http://127.0.0.1:9000/api", null, null, null), withUrl)
                        .apiUrl())
                .isEqualTo("https://proxy.example/api/");
        assertThatThrownBy(() -> resolve(
                        SlackSettings.defaults(),
                        Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s", "SLACK_API_URL", "ftp://x/")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SLACK_API_URL");
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new SlackSettings("carrier-pigeon", null, null, null, null))
                .hasMessageContaining("slack.transport");
        assertThatThrownBy(() -> new SlackSettings(null, null, -1, null, null))
                .hasMessageContaining("slack.channel-interval-millis");
        assertThatThrownBy(() -> new SlackSettings(null, null, null, 0, null))
                .hasMessageContaining("slack.max-concurrent-checks");
        assertThatThrownBy(() -> new SlackSettings(null, "not a url", null, null, null))
                .hasMessageContaining("slack.api-url");
    }

    @Test
    void neverShowsSecrets() {
        SlackSetup setup = resolve(
                SlackSettings.defaults(),
                Map.of("SLACK_BOT_TOKEN", "xoxb-secret-1", "SLACK_SIGNING_SECRET", "signing-secret-2"));
        assertThat(setup.toString()).doesNotContain("secret-1").doesNotContain("signing-secret-2");
    }
}
