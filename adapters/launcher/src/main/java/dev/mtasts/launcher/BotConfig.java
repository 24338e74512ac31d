package dev.mtasts.launcher;

import dev.mtasts.adapter.discord.DiscordConfig;
import dev.mtasts.adapter.slack.SlackSettings;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.smtp.SmtpSettings;
import dev.mtasts.core.subscription.SubscriptionLimits;
import dev.mtasts.core.subscription.SubscriptionSettings;
import dev.mtasts.store.DataDirectory;
import dev.mtasts.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The YAML configuration of {@code mtasts serve} (see {@code config/README.md}). Secrets are never here: tokens come
 * from the environment only.
 */
public record BotConfig(
        Network network,
        Http http,
        SlackSettings slack,
        DiscordConfig discord,
        Store store,
        MxProbe mxProbe,
        Subscriptions subscriptions) {
    public BotConfig {
        network = network == null ? new Network(null, null, null, null, null) : network;
        http = http == null ? new Http(null, null) : http;
        slack = slack == null ? SlackSettings.defaults() : slack;
        discord = discord == null ? DiscordConfig.defaults() : discord;
        store = store == null ? new Store(null, null, null) : store;
        mxProbe = mxProbe == null ? new MxProbe(null, null, null, null) : mxProbe;
        subscriptions = subscriptions == null ? new Subscriptions(null, null, null, null, null, null) : subscriptions;
        Duration longestCheck = Duration.ofSeconds(network.timeoutSeconds()).multipliedBy(2);
        if (subscriptions.settings().lease().compareTo(longestCheck) < 0) {
            throw new IllegalArgumentException("subscriptions.lease (" + subscriptions.lease()
                    + ") must be at least twice network.timeout-seconds (" + network.timeoutSeconds()
                    + " s), or a slow check loses its lease to another instance");
        }
    }

    /** DNS, trust and guard settings; the same as the {@code check} flags. */
    public record Network(
            List<String> resolvers,
            Path caFile,
            List<String> allowAddresses,
            Integer timeoutSeconds,
            List<String> refuseSuffixes) {
        public Network {
            refuseSuffixes = refuseSuffixes == null ? EngineSettings.INTERNAL_SUFFIXES : List.copyOf(refuseSuffixes);
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
                    .withDomainTimeout(Duration.ofSeconds(timeoutSeconds))
                    .withRefusedSuffixes(refuseSuffixes);
        }
    }

    /**
     * The MX probes of the {@code mx-tls} check: how many MX hosts per domain (0 turns probing off, for hosts where
     * outbound port 25 is blocked) and the EHLO name (default: this machine's name when it is a domain name).
     */
    public record MxProbe(Integer maxHosts, String ehloName, Integer maxAddressesPerHost, Integer maxMxLookups) {
        public MxProbe(Integer maxHosts, String ehloName) {
            this(maxHosts, ehloName, null, null);
        }

        public MxProbe {
            maxMxLookups = maxMxLookups == null ? SmtpSettings.DEFAULT_MAX_MX_LOOKUPS : maxMxLookups;
            if (maxMxLookups < 1 || maxMxLookups > SmtpSettings.MAX_MAX_MX_LOOKUPS) {
                throw new IllegalArgumentException("mx-probe.max-mx-lookups must be 1 to "
                        + SmtpSettings.MAX_MAX_MX_LOOKUPS + ", not " + maxMxLookups);
            }
            maxAddressesPerHost =
                    maxAddressesPerHost == null ? SmtpSettings.DEFAULT_MAX_ADDRESSES_PER_HOST : maxAddressesPerHost;
            if (maxAddressesPerHost < 1 || maxAddressesPerHost > SmtpSettings.MAX_MAX_ADDRESSES_PER_HOST) {
                throw new IllegalArgumentException("mx-probe.max-addresses-per-host must be 1 to "
                        + SmtpSettings.MAX_MAX_ADDRESSES_PER_HOST + ", not " + maxAddressesPerHost);
            }
            maxHosts = maxHosts == null ? SmtpSettings.DEFAULT_MAX_HOSTS : maxHosts;
            if (maxHosts < 0 || maxHosts > SmtpSettings.MAX_MAX_HOSTS) {
                throw new IllegalArgumentException(
                        "mx-probe.max-hosts must be 0 to " + SmtpSettings.MAX_MAX_HOSTS + ", not " + maxHosts);
            }
            ehloName = ehloName == null ? null : ehloName.strip().toLowerCase(Locale.ROOT);
            if (ehloName != null && !SmtpSettings.isDomainName(ehloName)) {
                throw new IllegalArgumentException("mx-probe.ehlo-name must be a domain name, not '" + ehloName + "'");
            }
        }

        SmtpSettings apply(SmtpSettings base) {
            SmtpSettings settings = base.withMaxHosts(maxHosts)
                    .withMaxAddressesPerHost(maxAddressesPerHost)
                    .withMaxMxLookups(maxMxLookups);
            return ehloName == null ? settings : settings.withEhloName(ehloName);
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

    /**
     * Where history is kept. Without a JDBC URL, an embedded database in the data directory; credentials for a URL
     * come from {@code MTASTS_STORE_USER} and {@code MTASTS_STORE_PASSWORD} only.
     *
     * @param jdbcUrl e.g. {@code jdbc:postgresql://db:5432/mtasts}; empty for the embedded default
     * @param dataDir the embedded database's directory; empty for {@code $MTASTS_DATA_DIR}, the XDG data directory
     * @param retentionDays observations older than this are deleted (default 365)
     */
    public record Store(String jdbcUrl, Path dataDir, Integer retentionDays) {
        public Store {
            jdbcUrl = jdbcUrl == null || jdbcUrl.isBlank() ? null : jdbcUrl.strip();
            retentionDays = retentionDays == null ? StoreSettings.DEFAULT_RETENTION_DAYS : retentionDays;
            if (retentionDays < 1 || retentionDays > StoreSettings.MAX_RETENTION_DAYS) {
                throw new IllegalArgumentException("store.retention-days must be 1 to "
                        + StoreSettings.MAX_RETENTION_DAYS + ", not " + retentionDays);
            }
            if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.startsWith("jdbc:h2:")) {
                throw new IllegalArgumentException("store.jdbc-url must start with jdbc:postgresql: (or jdbc:h2:)");
            }
        }

        /** The store settings, with the {@code --data-dir} flag (if given) over {@code store.data-dir}. */
        StoreSettings settings(Optional<Path> dataDirFlag, Function<String, String> environment) {
            return StoreSettings.of(
                    Optional.ofNullable(jdbcUrl),
                    DataDirectory.resolve(dataDirFlag.or(() -> Optional.ofNullable(dataDir)), environment),
                    retentionDays,
                    environment);
        }
    }

    /**
     * How subscribed domains are re-checked, and how many a channel may follow.
     *
     * @param interval ISO-8601 duration ({@code PT1H}) or whole seconds ({@code 3600})
     * @param jitter the fraction of the interval each next check moves at random: {@code 10%} or {@code 0.1}
     * @param lease how long an instance owns a claimed check or delivery before another may take it over
     */
    public record Subscriptions(
            String interval,
            String jitter,
            Integer perChannelLimit,
            Integer perWorkspaceLimit,
            Integer maxConsecutiveFailures,
            String lease) {
        private static final Duration SHORTEST_POLL = Duration.ofMillis(100);
        private static final Duration LONGEST_POLL = Duration.ofSeconds(30);

        public Subscriptions {
            interval = interval == null ? "PT1H" : interval.strip();
            jitter = jitter == null ? "10%" : jitter.strip();
            perChannelLimit = perChannelLimit == null ? 50 : perChannelLimit;
            perWorkspaceLimit = perWorkspaceLimit == null ? 500 : perWorkspaceLimit;
            maxConsecutiveFailures = maxConsecutiveFailures == null ? 5 : maxConsecutiveFailures;
            lease = lease == null ? "PT5M" : lease.strip();
            if (perChannelLimit < 1) {
                throw new IllegalArgumentException(
                        "subscriptions.per-channel-limit must be at least 1, not " + perChannelLimit);
            }
            if (perWorkspaceLimit < perChannelLimit) {
                throw new IllegalArgumentException("subscriptions.per-workspace-limit (" + perWorkspaceLimit
                        + ") must be at least subscriptions.per-channel-limit (" + perChannelLimit + ")");
            }
            if (maxConsecutiveFailures < 1) {
                throw new IllegalArgumentException(
                        "subscriptions.max-consecutive-failures must be at least 1, not " + maxConsecutiveFailures);
            }
            settings(interval, jitter, perChannelLimit, perWorkspaceLimit, maxConsecutiveFailures, lease);
        }

        /** The scheduler's settings; it polls every tenth of the interval, between 0.1 and 30 seconds. */
        public SubscriptionSettings settings() {
            return settings(interval, jitter, perChannelLimit, perWorkspaceLimit, maxConsecutiveFailures, lease);
        }

        private static SubscriptionSettings settings(
                String interval,
                String jitter,
                int perChannelLimit,
                int perWorkspaceLimit,
                int maxConsecutiveFailures,
                String lease) {
            Duration every = duration("subscriptions.interval", interval);
            Duration poll = every.dividedBy(10);
            if (poll.compareTo(SHORTEST_POLL) < 0) {
                poll = SHORTEST_POLL;
            }
            if (poll.compareTo(LONGEST_POLL) > 0) {
                poll = LONGEST_POLL;
            }
            return new SubscriptionSettings(
                    every,
                    fraction("subscriptions.jitter", jitter),
                    new SubscriptionLimits(perChannelLimit, perWorkspaceLimit),
                    maxConsecutiveFailures,
                    duration("subscriptions.lease", lease),
                    poll);
        }

        /** An ISO-8601 duration ({@code PT30M}) or a whole number of seconds; positive. */
        static Duration duration(String key, String text) {
            Duration duration;
            try {
                duration = text.chars().allMatch(Character::isDigit) && !text.isEmpty()
                        ? Duration.ofSeconds(Long.parseLong(text))
                        : Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new IllegalArgumentException(key
                        + " must be an ISO-8601 duration such as PT1H or PT30S, or whole seconds, not '" + text + "'");
            }
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException(key + " must be positive, not " + text);
            }
            return duration;
        }

        /** {@code 10%} or {@code 0.1}, from 0 to half the interval. */
        static double fraction(String key, String text) {
            double value;
            try {
                value = text.endsWith("%")
                        ? Double.parseDouble(
                                        text.substring(0, text.length() - 1).strip())
                                / 100
                        : Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        key + " must be a percentage such as 10% or a fraction such as" + " 0.1, not '" + text + "'");
            }
            if (!(value >= 0 && value <= 0.5)) {
                throw new IllegalArgumentException(key + " must be from 0% to 50%, not " + text);
            }
            return value;
        }
    }
}
