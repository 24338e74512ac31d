package dev.mtasts.spi;

/**
 * One check of a domain. A check is a pure function of its {@link DomainContext}: every DNS query, HTTPS fetch and
 * SMTP probe goes through the context, which memoises it for all checks of one command. No threads, clocks or
 * static caches inside a check; use {@link DomainContext#now()} for time.
 */
public interface Check {
    /** Stable kebab-case id, unique across all plugins, e.g. {@code dns-record}. */
    String id();

    /** Short title for reports, e.g. "MTA-STS DNS record". */
    String title();

    /** Never throws for expected problems: those are findings. A thrown exception is reported as a check error. */
    CheckResult run(DomainContext context);
}
