package dev.mtasts.launcher;

import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.dns.DnsClient;
import dev.mtasts.core.net.Cidr;
import dev.mtasts.core.smtp.SmtpSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The network options every command that checks domains shares ({@code check}, {@code serve}). */
public final class NetworkOptions {
    @Option(
            names = "--resolver",
            paramLabel = "HOST[:PORT]",
            description = "DNS resolver (repeatable); default: the system's")
    List<String> resolvers = new ArrayList<>();

    @Option(
            names = "--ca-file",
            paramLabel = "PEM",
            description = "extra trust anchors for HTTPS and SMTP, added to the JDK's")
    Path caFile;

    @Option(
            names = "--allow-address",
            paramLabel = "CIDR",
            description = "exempt a range from the address guard (repeatable)")
    List<String> allowedRanges = new ArrayList<>();

    @Option(
            names = "--refuse-suffix",
            paramLabel = "SUFFIX",
            description = "refuse names under this suffix before any lookup, e.g. internal (repeatable); serve:"
                    + " replaces network.refuse-suffixes")
    List<String> refuseSuffixes = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "overall deadline per domain (default 30)")
    Integer timeoutSeconds;

    @Option(names = "--https-port", hidden = true, description = "policy host port (testing only; default 443)")
    Integer httpsPort;

    @Option(
            names = "--mx-probes",
            paramLabel = "N",
            description = "probe at most N MX hosts per domain on port 25 (default 10; 0 turns MX probing off)")
    Integer mxProbes;

    @Option(names = "--smtp-port", hidden = true, description = "MX probe port (testing only; default 25)")
    Integer smtpPort;

    /** Applies the MX probe options given on top of {@code base}. */
    SmtpSettings applySmtp(SmtpSettings base) {
        SmtpSettings settings = base;
        if (mxProbes != null) {
            if (mxProbes < 0 || mxProbes > SmtpSettings.MAX_MAX_HOSTS) {
                throw new UsageException("--mx-probes: give 0 to " + SmtpSettings.MAX_MAX_HOSTS + ", not " + mxProbes);
            }
            settings = settings.withMaxHosts(mxProbes);
        }
        if (smtpPort != null) {
            if (smtpPort < 1 || smtpPort > 65535) {
                throw new UsageException("--smtp-port: give 1 to 65535, not " + smtpPort);
            }
            settings = settings.withPort(smtpPort);
        }
        return settings;
    }

    /** Applies the options given on top of {@code base}; bad values are usage errors with one-line reasons. */
    EngineSettings apply(EngineSettings base) {
        EngineSettings settings = base;
        if (!resolvers.isEmpty()) {
            for (String resolver : resolvers) {
                try {
                    DnsClient.parseResolver(resolver);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--resolver: " + e.getMessage());
                }
            }
            settings = settings.withResolvers(resolvers);
        }
        if (caFile != null) {
            if (!Files.isReadable(caFile)) {
                throw new UsageException("--ca-file: cannot read " + caFile);
            }
            settings = settings.withCaFile(Optional.of(caFile));
        }
        if (!allowedRanges.isEmpty()) {
            for (String range : allowedRanges) {
                try {
                    Cidr.parse(range);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--allow-address: " + e.getMessage());
                }
            }
            settings = settings.withAllowedRanges(allowedRanges);
        }
        if (!refuseSuffixes.isEmpty()) {
            settings = settings.withRefusedSuffixes(refuseSuffixes);
        }
        if (timeoutSeconds != null) {
            if (timeoutSeconds < 1 || timeoutSeconds > 600) {
                throw new UsageException("--timeout: give 1 to 600 seconds, not " + timeoutSeconds);
            }
            settings = settings.withDomainTimeout(Duration.ofSeconds(timeoutSeconds));
        }
        if (httpsPort != null) {
            if (httpsPort < 1 || httpsPort > 65535) {
                throw new UsageException("--https-port: give 1 to 65535, not " + httpsPort);
            }
            settings = settings.withHttpsPort(httpsPort);
        }
        return settings;
    }
}
