package dev.mtasts.core.internal;

import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.Check;
import dev.mtasts.spi.SenderAnalyzer;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks the bot runs, in report order, indexed by id. Duplicate or malformed ids fail start-up. */
public final class CheckRegistry {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final List<Check> checks;
    private final Optional<SenderAnalyzer> senderAnalyzer;

    @Inject
    public CheckRegistry(Set<Check> checks, Set<SenderAnalyzer> senderAnalyzers) {
        requireNonNull(checks, "checks is null");
        requireNonNull(senderAnalyzers, "senderAnalyzers is null");
        Map<String, Check> byId = new LinkedHashMap<>();
        for (Check check : checks) {
            String id = check.id();
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalStateException("check " + check.getClass().getName() + " has an invalid id '" + id
                        + "': ids are lower-case kebab-case, e.g. dns-record");
            }
            Check previous = byId.putIfAbsent(id, check);
            if (previous != null) {
                throw new IllegalStateException("duplicate check id '" + id + "': provided by both "
                        + previous.getClass().getName() + " and "
                        + check.getClass().getName());
            }
        }
        if (byId.isEmpty()) {
            throw new IllegalStateException("no checks are installed: is the mtasts-checks jar on the class path?");
        }
        if (senderAnalyzers.size() > 1) {
            throw new IllegalStateException("more than one plugin provides a sender analyzer: " + senderAnalyzers);
        }
        this.checks = List.copyOf(new ArrayList<>(byId.values()));
        this.senderAnalyzer = senderAnalyzers.stream().findFirst();
    }

    public List<Check> checks() {
        return checks;
    }

    public Optional<SenderAnalyzer> senderAnalyzer() {
        return senderAnalyzer;
    }
}
