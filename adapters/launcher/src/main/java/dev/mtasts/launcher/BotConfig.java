package dev.mtasts.launcher;

import dev.mtasts.adapter.discord.DiscordConfig;
import dev.mtasts.adapter.slack.SlackSettings;
import dev.mtasts.core.EngineSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The YAML configuration of {@code mtasts serve} (see {@code config/README.md}). Secrets are never here: tokens come
 * from the environment only.
 */
public record BotConfig(Network network, Http http, SlackSettings slack, DiscordConfig discord) {
    public BotConfig {
        network = network == null ? new Network(null, null, null, null) : network;
        http = http == null ? new Http(null, null) : http;
        slack = slack == null ? SlackSettings.defaults() : slack;
        discord = discord == null ? DiscordConfig.defaults() : discord;
    }

    /** DNS, trust and guard settings; the same as the {@code check} flags. */
    public record Network(List<String> resolvers, Path caFile, List<String> allowAddresses, Integer timeoutSeconds) {
        public Network {
            resolvers = resolvers == null ? List.of() : List.copyOf(resolvers);
            allowAddresses = allowAddresses == null ? List.of() : List.copyOf(allowAddresses);
            timeoutSeconds = timeoutSeconds == null ? 30 : timeoutSeconds;
            if (timeoutSeconds < 1 || timeoutSeconds > 600) {
                throw new IllegalArgumentException("network.timeout-seconds must be 1 to 600, not " + timeoutSeconds);
            }
        }

        EngineSettings apply(EngineSettings base) {
            return base.withResolvers(resolvers)
                    .withCaFile(Optional.ofNullable(caFile))
                    .withAllowedRanges(allowAddresses)
                    .withDomainTimeout(Duration.ofSeconds(timeoutSeconds));
        }
    }

    /** The bot's own HTTP server: {@code /healthz}, and Slack's {@code /slack/events} in HTTP mode. */
    public record Http(Integer port, String bindAddress) {
        public Http {
            port = port == null ? 8080 : port;
            bindAddress = bindAddress == null ? "0.0.0.0" : bindAddress;
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("http.port must be 0 to 65535, not " + port);
            }
        }
    }
}
