package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.config.ConfigException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the Slack front end runs, resolved once at start-up from the {@code slack:} settings and the environment:
 * the transport, the tokens, the API URL and the limits. {@link #toString()} never shows a secret.
 */
public record SlackSetup(
        Transport transport,
        String botToken,
        Optional<String> signingSecret,
        Optional<String> appToken,
        String apiUrl,
        Duration channelInterval,
        int maxConcurrentChecks,
        int recentReports,
        SubscribePermission subscribePermission) {
    public static final String BOT_TOKEN = "SLACK_BOT_TOKEN";
    public static final String SIGNING_SECRET = "SLACK_SIGNING_SECRET";
    public static final String APP_TOKEN = "SLACK_APP_TOKEN";
    public static final String API_URL = "SLACK_API_URL";

    /** How Slack reaches the bot. */
    public enum Transport {
        /** Slack POSTs to {@code /slack/events} on the bot's HTTP server; requests are signed. */
        HTTP,
        /** The bot holds a WebSocket open to Slack with an app-level token; no public endpoint needed. */
        SOCKET_MODE
    }

    /** Who may subscribe and unsubscribe channels ({@code slack.subscribe-permission}). */
    public enum SubscribePermission {
        /** Anyone who can run {@code /mtasts} in the channel. */
        EVERYONE,
        /** Workspace admins and owners only; the bot asks Slack with {@code users.info} (scope {@code users:read}). */
        ADMINS
    }

    public SlackSetup {
        requireNonNull(transport, "transport is null");
        requireNonNull(subscribePermission, "subscribePermission is null");
        requireNonNull(botToken, "botToken is null");
        requireNonNull(signingSecret, "signingSecret is null");
        requireNonNull(appToken, "appToken is null");
        requireNonNull(apiUrl, "apiUrl is null");
        requireNonNull(channelInterval, "channelInterval is null");
        if (botToken.isBlank()) {
            throw new IllegalArgumentException("the bot token is blank");
        }
        switch (transport) {
            case HTTP -> {
                if (signingSecret.filter(secret -> !secret.isBlank()).isEmpty()) {
                    throw new IllegalArgumentException("HTTP mode needs a signing secret");
                }
            }
            case SOCKET_MODE -> {
                if (appToken.filter(token -> !token.isBlank()).isEmpty()) {
                    throw new IllegalArgumentException("Socket Mode needs an app-level token");
                }
            }
        }
        if (channelInterval.isNegative()) {
            throw new IllegalArgumentException("channelInterval is negative");
        }
        if (maxConcurrentChecks < 1 || recentReports < 1) {
            throw new IllegalArgumentException("maxConcurrentChecks and recentReports must be positive");
        }
    }

    /**
     * Resolves the setup from the settings and {@code environment} ({@code SLACK_BOT_TOKEN}, {@code
     * SLACK_SIGNING_SECRET}, {@code SLACK_APP_TOKEN}, {@code SLACK_API_URL}), or fails with one line saying what to
     * set.
     */
    public static SlackSetup resolve(SlackSettings settings, Function<String, String> environment) {
        requireNonNull(settings, "settings is null");
        requireNonNull(environment, "environment is null");
        String botToken = variable(environment, BOT_TOKEN)
                .orElseThrow(() -> new ConfigException(BOT_TOKEN + " is not set; the Slack front end needs the app's"
                        + " bot token (xoxb-…, under OAuth & Permissions)"));
        if (botToken.startsWith("xapp-")) {
            throw new ConfigException(BOT_TOKEN + " holds an app-level token (xapp-…); put that in " + APP_TOKEN
                    + " and the bot token (xoxb-…) in " + BOT_TOKEN);
        }
        Optional<String> signingSecret = variable(environment, SIGNING_SECRET);
        Optional<String> appToken = variable(environment, APP_TOKEN);
        if (appToken.isPresent() && !appToken.get().startsWith("xapp-")) {
            throw new ConfigException(APP_TOKEN + " must be an app-level token (xapp-…, under Basic Information →"
                    + " App-Level Tokens, with the connections:write scope)");
        }
        Transport transport =
                switch (settings.transport()) {
                    case "http" -> Transport.HTTP;
                    case "socket-mode" -> Transport.SOCKET_MODE;
                    default -> appToken.isPresent() ? Transport.SOCKET_MODE : Transport.HTTP;
                };
        if (transport == Transport.HTTP && signingSecret.isEmpty()) {
            throw new ConfigException("Slack HTTP mode needs " + SIGNING_SECRET + " (Basic Information → App"
                    + " Credentials); or set " + APP_TOKEN + " to use Socket Mode instead");
        }
        if (transport == Transport.SOCKET_MODE && appToken.isEmpty()) {
            throw new ConfigException("slack.transport is socket-mode but " + APP_TOKEN + " is not set (an"
                    + " app-level token, xapp-…, with the connections:write scope)");
        }
        String apiUrl;
        try {
            apiUrl = variable(environment, API_URL)
                    .map(url -> SlackSettings.normaliseApiUrl(url, API_URL))
                    .orElse(settings.apiUrl());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(String.valueOf(e.getMessage()));
        }
        return new SlackSetup(
                transport,
                botToken,
                signingSecret,
                appToken,
                apiUrl,
                Duration.ofMillis(settings.channelIntervalMillis()),
                settings.maxConcurrentChecks(),
                settings.recentReports(),
                switch (settings.subscribePermission()) {
                    case "admins" -> SubscribePermission.ADMINS;
                    default -> SubscribePermission.EVERYONE;
                });
    }

    private static Optional<String> variable(Function<String, String> environment, String name) {
        return Optional.ofNullable(environment.apply(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    @Override
    public String toString() {
        return "SlackSetup[transport=" + transport + ", botToken=****, signingSecret="
                + signingSecret.map(secret -> "****").orElse("none") + ", appToken="
                + appToken.map(token -> "****").orElse("none") + ", apiUrl=" + apiUrl + ", channelInterval="
                + channelInterval + ", maxConcurrentChecks=" + maxConcurrentChecks + ", recentReports="
                + recentReports + ", subscribePermission=" + subscribePermission + "]";
    }
}
