package dev.mtasts.spi;

/** Derives the sender's view of a domain from the same memoised context the checks use. */
@FunctionalInterface
public interface SenderAnalyzer {
    SenderView analyze(DomainContext context);
}
