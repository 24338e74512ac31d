package dev.mtasts.launcher;

import dev.mtasts.adapter.discord.DiscordSettings;
import dev.mtasts.adapter.slack.SlackSettings;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.dispatch.DispatchSettings;
import dev.mtasts.core.dispatch.RateLimit;
import dev.mtasts.core.frontend.ShareLinks;
import dev.mtasts.core.smtp.SmtpSettings;
import dev.mtasts.core.subscription.SubscriptionLimits;
import dev.mtasts.core.subscription.SubscriptionSettings;
import dev.mtasts.store.DataDirectory;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.tlsrpt.TlsRptConfig;
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
        DiscordSettings discord,
        Store store,
        MxProbe mxProbe,
        Subscriptions subscriptions,
        Dispatch dispatch,
        TlsRptConfig tlsrpt,
        Logging logging) {
    // Jackson's convention in the config records: a null component means "not in the file", and each compact
    // constructor puts the documented default in its place.
    @SuppressWarnings("NullAway")
    public BotConfig {
        network = network == null ? new Network(null, null, null, null, null) : network;
        http = http == null ? new Http(null, null) : http;
        slack = slack == null ? SlackSettings.defaults() : slack;
        discord = discord == null ? DiscordSettings.defaults() : discord;
        store = store == null ? new Store(null, null, null) : store;
        mxProbe = mxProbe == null ? new MxProbe(null, null, null, null, null) : mxProbe;
        subscriptions = subscriptions == null ? new Subscriptions(null, null, null, null, null, null) : subscriptions;
        dispatch = dispatch == null ? new Dispatch(null, null, null, null, null, null, null) : dispatch;
        tlsrpt = tlsrpt == null ? TlsRptConfig.defaults() : tlsrpt;
        logging = logging == null ? new Logging(null) : logging;
        Duration longestCheck = Duration.ofSeconds(network.timeoutSeconds()).multipliedBy(2);
        if (subscriptions.settings().lease().compareTo(longestCheck) < 0) {
            throw new IllegalArgumentException("subscriptions.lease (" + subscriptions.lease()
                    + ") must be at least twice network.timeout-seconds (" + network.timeoutSeconds()
                    + " s), or a slow check loses its lease to another instance");
        }
    }

    /**
     * How {@code serve} logs.
     *
     * @param format {@code text} (one readable line per event, the default) or {@code json} (one JSON object per line)
     */
    public record Logging(String format) {
        public static final String TEXT = "text";
        public static final String JSON = "json";

        public Logging {
            format = format == null || format.isBlank() ? TEXT : format.strip().toLowerCase(java.util.Locale.ROOT);
            if (!format.equals(TEXT) && !format.equals(JSON)) {
                throw new IllegalArgumentException("logging.format must be text or json, not '" + format + "'");
            }
        }
    }

    /**
     * How chat (and web) requests for checks are admitted, for every front end alike (see {@link DispatchSettings}).
     *
     * @param workers checks of different domains running at once
     * @param queueCapacity checks waiting for a worker before "busy"
     * @param cacheSeconds how long a report answers new requests of the same domain (0: never)
     * @param recheckCooldownSeconds how soon Re-check may run a domain again (0: always)
     * @param shutdownGraceSeconds how long running checks may finish when mtasts stops
     * @param perUser each user's token bucket
     * @param perPlace each channel's (Slack) or server's (Discord) token bucket
     */
    public record Dispatch(
            Integer workers,
            Integer queueCapacity,
            Integer cacheSeconds,
            Integer recheckCooldownSeconds,
            Integer shutdownGraceSeconds,
            Bucket perUser,
            Bucket perPlace) {
        public Dispatch {
            DispatchSettings defaults = DispatchSettings.defaults();
            workers = workers == null ? defaults.workers() : workers;
            queueCapacity = queueCapacity == null ? defaults.queueCapacity() : queueCapacity;
            cacheSeconds = cacheSeconds == null ? (int) defaults.cacheTtl().toSeconds() : cacheSeconds;
            recheckCooldownSeconds = recheckCooldownSeconds == null
                    ? (int) defaults.recheckCooldown().toSeconds()
                    : recheckCooldownSeconds;
            shutdownGraceSeconds = shutdownGraceSeconds == null
                    ? (int) defaults.shutdownGrace().toSeconds()
                    : shutdownGraceSeconds;
            perUser = Bucket.of(defaults.perUser()).over(perUser);
            perPlace = Bucket.of(defaults.perPlace()).over(perPlace);
            nonNegative("dispatch.cache-seconds", cacheSeconds);
            nonNegative("dispatch.recheck-cooldown-seconds", recheckCooldownSeconds);
            nonNegative("dispatch.shutdown-grace-seconds", shutdownGraceSeconds);
            settings(
                    workers,
                    queueCapacity,
                    cacheSeconds,
                    recheckCooldownSeconds,
                    shutdownGraceSeconds,
                    perUser,
                    perPlace);
        }

        public DispatchSettings settings() {
            return settings(
                    workers,
                    queueCapacity,
                    cacheSeconds,
                    recheckCooldownSeconds,
                    shutdownGraceSeconds,
                    perUser,
                    perPlace);
        }

        private static DispatchSettings settings(
                int workers,
                int queueCapacity,
                int cacheSeconds,
                int recheckCooldownSeconds,
                int shutdownGraceSeconds,
                Bucket perUser,
                Bucket perPlace) {
            return new DispatchSettings(
                    workers,
                    queueCapacity,
                    Duration.ofSeconds(cacheSeconds),
                    perUser.limit("dispatch.per-user"),
                    perPlace.limit("dispatch.per-place"),
                    Duration.ofSeconds(recheckCooldownSeconds),
                    Duration.ofSeconds(shutdownGraceSeconds));
        }

        private static void nonNegative(String key, int value) {
            if (value < 0 || value > 86_400) {
                throw new IllegalArgumentException(key + " must be 0 to 86400, not " + value);
            }
        }

        /** A token bucket: {@code burst} requests at once, then one more every {@code refill-seconds}. */
        public record Bucket(Integer burst, Double refillSeconds) {
            static Bucket of(RateLimit limit) {
                return new Bucket(limit.burst(), limit.refillEvery().toMillis() / 1000.0);
            }

            /** {@code set}'s values where given, this bucket's elsewhere. */
            Bucket over(Bucket set) {
                if (set == null) {
                    return this;
                }
                return new Bucket(
                        set.burst() == null ? burst : set.burst(),
                        set.refillSeconds() == null ? refillSeconds : set.refillSeconds());
            }

            RateLimit limit(String key) {
                if (burst == null || burst < 1 || burst > 1_000_000) {
                    throw new IllegalArgumentException(key + ".burst must be 1 to 1000000, not " + burst);
                }
                if (refillSeconds == null || !(refillSeconds >= 0.001 && refillSeconds <= 86_400)) {
                    throw new IllegalArgumentException(
                            key + ".refill-seconds must be 0.001 to 86400, not " + refillSeconds);
                }
                return new RateLimit(burst, Duration.ofNanos(Math.round(refillSeconds * 1_000_000_000L)));
            }
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
    public record MxProbe(
            Integer maxHosts,
            String ehloName,
            Integer maxAddressesPerHost,
            Integer maxMxLookups,
            Boolean probeWithoutSni) {
        // A null component means "not in the file"; the compact constructor puts the default in.
        @SuppressWarnings("NullAway")
        public MxProbe(Integer maxHosts, String ehloName) {
            this(maxHosts, ehloName, null, null, null);
        }

        @SuppressWarnings("NullAway")
        public MxProbe(Integer maxHosts, String ehloName, Integer maxAddressesPerHost, Integer maxMxLookups) {
            this(maxHosts, ehloName, maxAddressesPerHost, maxMxLookups, null);
        }

        public MxProbe {
            probeWithoutSni = probeWithoutSni != null && probeWithoutSni;
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
                    .withMaxMxLookups(maxMxLookups)
                    .withProbeWithoutSni(probeWithoutSni);
            return ehloName == null ? settings : settings.withEhloName(ehloName);
        }
    }

    /**
     * The bot's own HTTP server: {@code /healthz}, the web front end, and Slack's {@code /slack/events} in HTTP mode.
     *
     * @param maxConnections open connections beyond this wait unaccepted (default 512)
     * @param headerTimeoutSeconds a connection that has not sent a complete request head in this time is closed
     *     (default 10)
     * @param idleTimeoutSeconds a connection silent this long, or a body read stalled this long, is closed (default 30)
     * @param maxHeaderBytes the largest request line plus headers (default 8192)
     * @param publicUrl the address people reach the server at, for links in reports (empty: no links)
     * @param metrics whether {@code /metrics} serves Prometheus text (default true)
     */
    public record Http(
            Integer port,
            String bindAddress,
            Integer maxConnections,
            Integer headerTimeoutSeconds,
            Integer idleTimeoutSeconds,
            Integer maxHeaderBytes,
            String publicUrl,
            Boolean metrics) {
        public Http {
            port = port == null ? 8080 : port;
            bindAddress = bindAddress == null ? "0.0.0.0" : bindAddress;
            maxConnections = maxConnections == null ? 512 : maxConnections;
            headerTimeoutSeconds = headerTimeoutSeconds == null ? 10 : headerTimeoutSeconds;
            idleTimeoutSeconds = idleTimeoutSeconds == null ? 30 : idleTimeoutSeconds;
            maxHeaderBytes = maxHeaderBytes == null ? 8192 : maxHeaderBytes;
            publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip();
            metrics = metrics == null ? Boolean.TRUE : metrics;
            if (publicUrl != null) {
                ShareLinks unused = ShareLinks.of(publicUrl); // refuses a URL a chat link cannot carry
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("http.port must be 0 to 65535, not " + port);
            }
            if (maxConnections < 1) {
                throw new IllegalArgumentException("http.max-connections must be at least 1, not " + maxConnections);
            }
            if (headerTimeoutSeconds < 1 || idleTimeoutSeconds < 1) {
                throw new IllegalArgumentException(
                        "http.header-timeout-seconds and http.idle-timeout-seconds must be" + " at least 1");
            }
            if (maxHeaderBytes < 1024) {
                throw new IllegalArgumentException(
                        "http.max-header-bytes must be at least 1024, not " + maxHeaderBytes);
            }
        }

        // A null component means "not in the file"; the compact constructor puts the default in.
        @SuppressWarnings("NullAway")
        public Http(Integer port, String bindAddress) {
            this(port, bindAddress, null, null, null, null, null, null);
        }

        /** The "Share" links chat reports carry: to {@code /report/{domain}} under the public URL, if set. */
        ShareLinks shareLinks() {
            return publicUrl == null ? ShareLinks.none() : ShareLinks.of(publicUrl);
        }

        Http withPort(int newPort) {
            return new Http(
                    newPort,
                    bindAddress,
                    maxConnections,
                    headerTimeoutSeconds,
                    idleTimeoutSeconds,
                    maxHeaderBytes,
                    publicUrl,
                    metrics);
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
