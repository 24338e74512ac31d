package dev.mtasts.core.smtp;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the MX hosts are probed (the {@code mx-tls} check). Separate from the engine settings so that each can grow on
 * its own.
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
        boolean probeWithoutSni) {
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
        /** Every result is kept for the life of the engine: one CLI run, where each host is probed once. */
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

    /** The settings without the probe without SNI (off). */
    public SmtpSettings(
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
            int maxMxLookups) {
        this(
                port,
                connectTimeout,
                bannerTimeout,
                handshakeTimeout,
                hostTimeout,
                maxHosts,
                connectionsPerAddress,
                ehloName,
                cacheScope,
                maxAddressesPerHost,
                maxMxLookups,
                false);
    }

    /** The settings before the per-host address limit existed: {@value #DEFAULT_MAX_ADDRESSES_PER_HOST} addresses. */
    public SmtpSettings(
            int port,
            Duration connectTimeout,
            Duration bannerTimeout,
            Duration handshakeTimeout,
            Duration hostTimeout,
            int maxHosts,
            int connectionsPerAddress,
            String ehloName,
            CacheScope cacheScope) {
        this(
                port,
                connectTimeout,
                bannerTimeout,
                handshakeTimeout,
                hostTimeout,
                maxHosts,
                connectionsPerAddress,
                ehloName,
                cacheScope,
                DEFAULT_MAX_ADDRESSES_PER_HOST,
                DEFAULT_MAX_MX_LOOKUPS);
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
                CacheScope.IN_FLIGHT);
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

    public SmtpSettings withPort(int port) {
        Copy copy = new Copy(this);
        copy.port = port;
        return copy.build();
    }

    public SmtpSettings withTimeouts(
            Duration connectTimeout, Duration bannerTimeout, Duration handshakeTimeout, Duration hostTimeout) {
        Copy copy = new Copy(this);
        copy.connectTimeout = connectTimeout;
        copy.bannerTimeout = bannerTimeout;
        copy.handshakeTimeout = handshakeTimeout;
        copy.hostTimeout = hostTimeout;
        return copy.build();
    }

    public SmtpSettings withMaxHosts(int maxHosts) {
        Copy copy = new Copy(this);
        copy.maxHosts = maxHosts;
        return copy.build();
    }

    public SmtpSettings withConnectionsPerAddress(int connectionsPerAddress) {
        Copy copy = new Copy(this);
        copy.connectionsPerAddress = connectionsPerAddress;
        return copy.build();
    }

    public SmtpSettings withEhloName(String ehloName) {
        Copy copy = new Copy(this);
        copy.ehloName = ehloName;
        return copy.build();
    }

    public SmtpSettings withMaxAddressesPerHost(int maxAddressesPerHost) {
        Copy copy = new Copy(this);
        copy.maxAddressesPerHost = maxAddressesPerHost;
        return copy.build();
    }

    public SmtpSettings withMaxMxLookups(int maxMxLookups) {
        Copy copy = new Copy(this);
        copy.maxMxLookups = maxMxLookups;
        return copy.build();
    }

    /** Turns the second handshake, without SNI, on or off ({@link #probeWithoutSni()}). */
    public SmtpSettings withProbeWithoutSni(boolean probeWithoutSni) {
        Copy copy = new Copy(this);
        copy.probeWithoutSni = probeWithoutSni;
        return copy.build();
    }

    public SmtpSettings withCacheScope(CacheScope cacheScope) {
        Copy copy = new Copy(this);
        copy.cacheScope = cacheScope;
        return copy.build();
    }

    /** One mutable copy that every wither changes a field of, so no wither repeats the whole constructor. */
    private static final class Copy {
        private int port;
        private Duration connectTimeout;
        private Duration bannerTimeout;
        private Duration handshakeTimeout;
        private Duration hostTimeout;
        private int maxHosts;
        private int connectionsPerAddress;
        private String ehloName;
        private CacheScope cacheScope;
        private int maxAddressesPerHost;
        private int maxMxLookups;
        private boolean probeWithoutSni;

        private Copy(SmtpSettings settings) {
            port = settings.port;
            connectTimeout = settings.connectTimeout;
            bannerTimeout = settings.bannerTimeout;
            handshakeTimeout = settings.handshakeTimeout;
            hostTimeout = settings.hostTimeout;
            maxHosts = settings.maxHosts;
            connectionsPerAddress = settings.connectionsPerAddress;
            ehloName = settings.ehloName;
            cacheScope = settings.cacheScope;
            maxAddressesPerHost = settings.maxAddressesPerHost;
            maxMxLookups = settings.maxMxLookups;
            probeWithoutSni = settings.probeWithoutSni;
        }

        private SmtpSettings build() {
            return new SmtpSettings(
                    port,
                    connectTimeout,
                    bannerTimeout,
                    handshakeTimeout,
                    hostTimeout,
                    maxHosts,
                    connectionsPerAddress,
                    ehloName,
                    cacheScope,
                    maxAddressesPerHost,
                    maxMxLookups,
                    probeWithoutSni);
        }
    }

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
