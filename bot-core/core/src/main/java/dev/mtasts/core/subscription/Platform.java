package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A front end a channel can subscribe from. Open: Slack and Discord are two values, and a new front end names its own
 * ({@link #of}) without a change in the core.
 *
 * @param name the stored name, upper case: {@code SLACK}, {@code DISCORD}
 * @param workspaceNoun what the platform calls the unit above a channel: a Slack workspace, a Discord server
 */
public record Platform(String name, String workspaceNoun) implements Comparable<Platform> {
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final Map<String, Platform> KNOWN = new ConcurrentHashMap<>();

    public static final Platform SLACK = of("SLACK", "workspace");
    public static final Platform DISCORD = of("DISCORD", "server");

    public Platform {
        requireNonNull(name, "name is null");
        requireNonNull(workspaceNoun, "workspaceNoun is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a platform name: " + name);
        }
    }

    /** The platform called {@code name}, made known to {@link #fromLabel} and {@link #values}. */
    public static Platform of(String name, String workspaceNoun) {
        Platform platform = new Platform(name, workspaceNoun);
        Platform known = KNOWN.putIfAbsent(name, platform);
        return known == null ? platform : known;
    }

    /** The platform stored as {@code name}; one not known in this process is kept as it is (a "workspace"). */
    public static Platform valueOf(String name) {
        requireNonNull(name, "name is null");
        Platform known = KNOWN.get(name);
        return known != null ? known : new Platform(name, "workspace");
    }

    /** The platforms known in this process, by name. */
    public static List<Platform> values() {
        return KNOWN.values().stream()
                .sorted(java.util.Comparator.comparing(Platform::name))
                .toList();
    }

    /** The lower-case name used in storage, logs and the CLI: {@code slack}, {@code discord}. */
    public String label() {
        return name.toLowerCase(Locale.ROOT);
    }

    public static Optional<Platform> fromLabel(String label) {
        requireNonNull(label, "label is null");
        return Optional.ofNullable(KNOWN.get(label.toUpperCase(Locale.ROOT)))
                .filter(platform -> platform.label().equals(label));
    }

    /** By name, so that sorted platforms come out the same everywhere. */
    @Override
    public int compareTo(Platform other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
