package dev.mtasts.core.smtp;

import static java.util.Objects.requireNonNull;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the MX hosts are probed (the {@code mx-tls} check). Separate from the engine settings so that each can grow on
 * its own. A copy with one component changed comes from the generated {@code SmtpSettingsBuilder.With}
 * ({@code settings.withPort(2525)}), and goes through the same validation.
 *
 * @param port the port probed; 25 except in tests
 * @param connectTimeout per TCP connect
 * @param bannerTimeout for the greeting, and for each reply after it (EHLO, STARTTLS)
 * @param handshakeTimeout for the TLS handshake
 * @param hostTimeout for the whole probe of one host, every address and step included
 * @param maxHosts MX hosts probed per domain, in preference order; the others are listed unprobed. 0 turns probing off
 * @param connectionsPerAddress probes in flight at once to one address (many MX names often share one server)
 * @param ehloName the name the probe gives in EHLO
 * @param cacheScope how long a probe result is reused for other domains with the same MX host
 * @param maxAddressesPerHost addresses (A and AAAA) probed per MX host, IPv4 first then by address; the others are
 *     named in the finding without being probed
 * @param maxMxLookups MX hosts per domain, in preference order, whose addresses are looked up at all (a domain may
 *     publish thousands); the others are counted in a finding without being examined
 * @param probeWithoutSni whether the first probed address of each MX host gets a second STARTTLS handshake without
 *     SNI (RFC 8461 §7.1: servers must not require SNI). Off by default: it costs one more SMTP conversation per host
 *     (shared like the other probes), and some servers slow down a client that connects twice in a row
 */
@RecordBuilder
public record SmtpSettings(
        int port,
        Duration connectTimeout,
        Duration bannerTimeout,
        Duration handshakeTimeout,
        Duration hostTimeout,
        int maxHosts,
        int connectionsPerAddress,
        String ehloName,
        CacheScope cacheScope,
        int maxAddressesPerHost,
        int maxMxLookups,
        boolean probeWithoutSni)
        implements SmtpSettingsBuilder.With {
    public static final int DEFAULT_MAX_HOSTS = 10;
    public static final int DEFAULT_MAX_ADDRESSES_PER_HOST = 4;
    public static final int MAX_MAX_ADDRESSES_PER_HOST = 16;
    public static final int DEFAULT_MAX_MX_LOOKUPS = 20;
    public static final int MAX_MAX_MX_LOOKUPS = 200;
    public static final int MAX_MAX_HOSTS = 100;

    /** The EHLO name used when the machine's own name is not a usable domain name. */
    public static final String FALLBACK_EHLO_NAME = "mtasts.invalid";

    private static final Pattern DOMAIN_NAME =
            Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    /** How long a finished probe is reused. */
    public enum CacheScope {
        /**
         * Only probes still running are shared; a later check probes afresh. For the long-running bot, where a user
         * who just fixed a certificate expects to see the fix.
         */
        IN_FLIGHT,
        /**
         * Finished results are kept for the life of the engine, one CLI run, where each host is probed once; the
         * least recently asked for are dropped beyond a few thousand hosts, so memory stays flat in a long list.
         */
        RUN
    }

    public SmtpSettings {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, not " + port);
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(bannerTimeout, "bannerTimeout");
        requirePositive(handshakeTimeout, "handshakeTimeout");
        requirePositive(hostTimeout, "hostTimeout");
        if (maxHosts < 0 || maxHosts > MAX_MAX_HOSTS) {
            throw new IllegalArgumentException("maxHosts must be 0-" + MAX_MAX_HOSTS + ", not " + maxHosts);
        }
        if (connectionsPerAddress < 1) {
            throw new IllegalArgumentException(
                    "connectionsPerAddress must be at least 1, not " + connectionsPerAddress);
        }
        requireNonNull(ehloName, "ehloName is null");
        if (!isDomainName(ehloName)) {
            throw new IllegalArgumentException("ehloName must be a domain name, not '" + ehloName + "'");
        }
        requireNonNull(cacheScope, "cacheScope is null");
        if (maxAddressesPerHost < 1 || maxAddressesPerHost > MAX_MAX_ADDRESSES_PER_HOST) {
            throw new IllegalArgumentException(
                    "maxAddressesPerHost must be 1-" + MAX_MAX_ADDRESSES_PER_HOST + ", not " + maxAddressesPerHost);
        }
    }

    /** Port 25, 5 s connect, 8 s banner, 5 s handshake, 10 s per host, 10 hosts, 1 connection per address. */
    public static SmtpSettings defaults() {
        return new SmtpSettings(
                25,
                Duration.ofSeconds(5),
                Duration.ofSeconds(8),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                DEFAULT_MAX_HOSTS,
                1,
                defaultEhloName(),
                CacheScope.IN_FLIGHT,
                DEFAULT_MAX_ADDRESSES_PER_HOST,
                DEFAULT_MAX_MX_LOOKUPS,
                false);
    }

    /** This machine's host name when it is a fully qualified domain name, else {@value #FALLBACK_EHLO_NAME}. */
    public static String defaultEhloName() {
        try {
            String name = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
            return isDomainName(name) && !name.startsWith("localhost") ? name : FALLBACK_EHLO_NAME;
        } catch (UnknownHostException | SecurityException e) {
            return FALLBACK_EHLO_NAME;
        }
    }

    /** Whether {@code name} is a lower-case domain name of at least two labels, as an EHLO name must be. */
    public static boolean isDomainName(String name) {
        return DOMAIN_NAME.matcher(name).matches();
    }

    /** The four timeouts at once. */
    public SmtpSettings withTimeouts(
            Duration connectTimeout, Duration bannerTimeout, Duration handshakeTimeout, Duration hostTimeout) {
        return with(copy -> copy.connectTimeout(connectTimeout)
                .bannerTimeout(bannerTimeout)
                .handshakeTimeout(handshakeTimeout)
                .hostTimeout(hostTimeout));
    }

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
