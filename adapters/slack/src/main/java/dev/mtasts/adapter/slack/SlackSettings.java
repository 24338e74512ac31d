package dev.mtasts.adapter.slack;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The {@code slack:} section of the bot's YAML configuration. Every key is optional; tokens are never here (they come
 * from the environment, see {@link SlackSetup}).
 *
 * @param transport {@code auto} (Socket Mode when {@code SLACK_APP_TOKEN} is set, HTTP otherwise), {@code http} or
 *     {@code socket-mode}
 * @param apiUrl the Slack Web API base URL, for a proxy or a test double; {@code SLACK_API_URL} overrides it
 * @param channelIntervalMillis the least time between two messages to one channel (Slack allows about one a second)
 * @param maxConcurrentChecks checks running at once; more wait their turn
 * @param recentReports reports kept per workspace for the App Home tab
 * @param subscribePermission who may subscribe and unsubscribe channels: {@code everyone} who can run the command,
 *     or workspace {@code admins} and owners (needs the {@code users:read} scope)
 */
public record SlackSettings(
        String transport,
        String apiUrl,
        Integer channelIntervalMillis,
        Integer maxConcurrentChecks,
        Integer recentReports,
        String subscribePermission) {
    public static final String DEFAULT_API_URL = "https://slack.com/api/";

    public SlackSettings {
        transport = transport == null ? "auto" : transport.strip().toLowerCase(Locale.ROOT);
        if (!transport.equals("auto") && !transport.equals("http") && !transport.equals("socket-mode")) {
            throw new IllegalArgumentException(
                    "slack.transport must be auto, http or socket-mode, not '" + transport + "'");
        }
        apiUrl = apiUrl == null ? DEFAULT_API_URL : normaliseApiUrl(apiUrl, "slack.api-url");
        channelIntervalMillis = channelIntervalMillis == null ? 1000 : channelIntervalMillis;
        if (channelIntervalMillis < 0 || channelIntervalMillis > 60_000) {
            throw new IllegalArgumentException(
                    "slack.channel-interval-millis must be 0 to 60000, not " + channelIntervalMillis);
        }
        maxConcurrentChecks = maxConcurrentChecks == null ? 8 : maxConcurrentChecks;
        if (maxConcurrentChecks < 1 || maxConcurrentChecks > 256) {
            throw new IllegalArgumentException(
                    "slack.max-concurrent-checks must be 1 to 256, not " + maxConcurrentChecks);
        }
        recentReports = recentReports == null ? 20 : recentReports;
        if (recentReports < 1 || recentReports > 90) {
            throw new IllegalArgumentException("slack.recent-reports must be 1 to 90, not " + recentReports);
        }
        subscribePermission = subscribePermission == null
                ? "everyone"
                : subscribePermission.strip().toLowerCase(Locale.ROOT);
        if (!subscribePermission.equals("everyone") && !subscribePermission.equals("admins")) {
            throw new IllegalArgumentException(
                    "slack.subscribe-permission must be everyone or admins, not '" + subscribePermission + "'");
        }
    }

    /** Settings where everyone may manage subscriptions. */
    // Jackson's convention in the config records: a null component means "not in the file", and each compact
    // constructor puts the documented default in its place.
    @SuppressWarnings("NullAway")
    public SlackSettings(
            String transport,
            String apiUrl,
            Integer channelIntervalMillis,
            Integer maxConcurrentChecks,
            Integer recentReports) {
        this(transport, apiUrl, channelIntervalMillis, maxConcurrentChecks, recentReports, null);
    }

    // Jackson's convention in the config records: a null component means "not in the file", and each compact
    // constructor puts the documented default in its place.
    @SuppressWarnings("NullAway")
    public static SlackSettings defaults() {
        return new SlackSettings(null, null, null, null, null, null);
    }

    /** An absolute http(s) URL ending in {@code /}, as the Slack SDK wants its methods prefix. */
    static String normaliseApiUrl(String value, String name) {
        String url = value.strip();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        name + " must be an http(s) URL such as " + DEFAULT_API_URL + ", not '" + value + "'");
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException(name + " must not have a query or fragment: '" + value + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a URL: '" + value + "'", e);
        }
        return url.endsWith("/") ? url : url + "/";
    }
}
