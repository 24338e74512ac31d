package dev.mtasts.core;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Network and run-time settings shared by every front end. The CLI builds them from flags, {@code serve} from the
 * YAML config with environment overrides.
 *
 * @param resolvers DNS resolvers as {@code host[:port]}; empty means the system's
 * @param caFile extra trust anchors (PEM) for HTTPS and SMTP, added to the JDK's
 * @param allowedRanges CIDR ranges exempt from the address guard
 * @param domainTimeout overall deadline per domain
 * @param dnsTimeout per DNS query
 * @param connectTimeout per TCP connect
 * @param readTimeout per read
 * @param fetchTimeout whole HTTPS fetch
 * @param httpsPort the policy host's port; 443 except in tests
 * @param maxPolicyBytes body cap for the policy fetch
 * @param concurrency domains in flight at once in bulk runs
 * @param dataDir where history is kept
 * @param refusedSuffixes names under these suffixes (e.g. {@code internal}, {@code home.arpa}) are refused before any
 *     lookup, so that strangers cannot map a split-horizon DNS through the bot; lower case, without leading dots
 */
public record EngineSettings(
        List<String> resolvers,
        Optional<Path> caFile,
        List<String> allowedRanges,
        Duration domainTimeout,
        Duration dnsTimeout,
        Duration connectTimeout,
        Duration readTimeout,
        Duration fetchTimeout,
        int httpsPort,
        int maxPolicyBytes,
        int concurrency,
        Optional<Path> dataDir,
        List<String> refusedSuffixes) {
    public static final int DEFAULT_MAX_POLICY_BYTES = 64 * 1024;

    /** The internal suffixes {@code serve} refuses unless {@code network.refuse-suffixes} says otherwise. */
    public static final List<String> INTERNAL_SUFFIXES =
            List.of("local", "internal", "lan", "home.arpa", "cluster.local");

    public EngineSettings {
        resolvers = List.copyOf(requireNonNull(resolvers, "resolvers is null"));
        requireNonNull(caFile, "caFile is null");
        allowedRanges = List.copyOf(requireNonNull(allowedRanges, "allowedRanges is null"));
        requirePositive(domainTimeout, "domainTimeout");
        requirePositive(dnsTimeout, "dnsTimeout");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(fetchTimeout, "fetchTimeout");
        if (httpsPort < 1 || httpsPort > 65535) {
            throw new IllegalArgumentException("httpsPort must be 1-65535, not " + httpsPort);
        }
        if (maxPolicyBytes < 1) {
            throw new IllegalArgumentException("maxPolicyBytes must be positive");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        requireNonNull(dataDir, "dataDir is null");
        refusedSuffixes = requireNonNull(refusedSuffixes, "refusedSuffixes is null").stream()
                .map(suffix -> suffix.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("^\\.+|\\.+$", ""))
                .filter(suffix -> !suffix.isEmpty())
                .distinct()
                .toList();
    }

    public static EngineSettings defaults() {
        return new EngineSettings(
                List.of(),
                Optional.empty(),
                List.of(),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(20),
                443,
                DEFAULT_MAX_POLICY_BYTES,
                32,
                Optional.empty(),
                List.of());
    }

    public EngineSettings withResolvers(List<String> resolvers) {
        Copy copy = new Copy(this);
        copy.resolvers = resolvers;
        return copy.build();
    }

    public EngineSettings withCaFile(Optional<Path> caFile) {
        Copy copy = new Copy(this);
        copy.caFile = caFile;
        return copy.build();
    }

    public EngineSettings withAllowedRanges(List<String> allowedRanges) {
        Copy copy = new Copy(this);
        copy.allowedRanges = allowedRanges;
        return copy.build();
    }

    public EngineSettings withDomainTimeout(Duration domainTimeout) {
        Copy copy = new Copy(this);
        copy.domainTimeout = domainTimeout;
        return copy.build();
    }

    public EngineSettings withDnsTimeout(Duration dnsTimeout) {
        Copy copy = new Copy(this);
        copy.dnsTimeout = dnsTimeout;
        return copy.build();
    }

    public EngineSettings withHttpTimeouts(Duration connectTimeout, Duration readTimeout, Duration fetchTimeout) {
        Copy copy = new Copy(this);
        copy.connectTimeout = connectTimeout;
        copy.readTimeout = readTimeout;
        copy.fetchTimeout = fetchTimeout;
        return copy.build();
    }

    public EngineSettings withHttpsPort(int httpsPort) {
        Copy copy = new Copy(this);
        copy.httpsPort = httpsPort;
        return copy.build();
    }

    public EngineSettings withConcurrency(int concurrency) {
        Copy copy = new Copy(this);
        copy.concurrency = concurrency;
        return copy.build();
    }

    public EngineSettings withDataDir(Optional<Path> dataDir) {
        Copy copy = new Copy(this);
        copy.dataDir = dataDir;
        return copy.build();
    }

    public EngineSettings withRefusedSuffixes(List<String> refusedSuffixes) {
        Copy copy = new Copy(this);
        copy.refusedSuffixes = refusedSuffixes;
        return copy.build();
    }

    /** A mutable copy for the withers: the one place that lists every component. Validation stays in the record. */
    private static final class Copy {
        private List<String> resolvers;
        private Optional<Path> caFile;
        private List<String> allowedRanges;
        private Duration domainTimeout;
        private Duration dnsTimeout;
        private Duration connectTimeout;
        private Duration readTimeout;
        private Duration fetchTimeout;
        private int httpsPort;
        private int maxPolicyBytes;
        private int concurrency;
        private Optional<Path> dataDir;
        private List<String> refusedSuffixes;

        private Copy(EngineSettings settings) {
            resolvers = settings.resolvers;
            caFile = settings.caFile;
            allowedRanges = settings.allowedRanges;
            domainTimeout = settings.domainTimeout;
            dnsTimeout = settings.dnsTimeout;
            connectTimeout = settings.connectTimeout;
            readTimeout = settings.readTimeout;
            fetchTimeout = settings.fetchTimeout;
            httpsPort = settings.httpsPort;
            maxPolicyBytes = settings.maxPolicyBytes;
            concurrency = settings.concurrency;
            dataDir = settings.dataDir;
            refusedSuffixes = settings.refusedSuffixes;
        }

        private EngineSettings build() {
            return new EngineSettings(
                    resolvers,
                    caFile,
                    allowedRanges,
                    domainTimeout,
                    dnsTimeout,
                    connectTimeout,
                    readTimeout,
                    fetchTimeout,
                    httpsPort,
                    maxPolicyBytes,
                    concurrency,
                    dataDir,
                    refusedSuffixes);
        }
    }

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
