package dev.mtasts.core;

import static java.util.Objects.requireNonNull;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Network and run-time settings shared by every front end. The CLI builds them from flags, {@code serve} from the
 * YAML config with environment overrides. A copy with one component changed comes from the generated
 * {@code EngineSettingsBuilder.With} ({@code settings.withConcurrency(64)}), and goes through the same validation.
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
 * @param refusedSuffixes names under these suffixes (e.g. {@code internal}, {@code home.arpa}) are refused before any
 *     lookup, so that strangers cannot map a split-horizon DNS through the bot; lower case, without leading dots
 */
@RecordBuilder
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
        List<String> refusedSuffixes)
        implements EngineSettingsBuilder.With {
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
                List.of());
    }

    /** The three HTTP timeouts at once. */
    public EngineSettings withHttpTimeouts(Duration connectTimeout, Duration readTimeout, Duration fetchTimeout) {
        return with(copy ->
                copy.connectTimeout(connectTimeout).readTimeout(readTimeout).fetchTimeout(fetchTimeout));
    }

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
