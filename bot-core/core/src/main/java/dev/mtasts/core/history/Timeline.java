package dev.mtasts.core.history;

import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.Observation;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A domain's history as what changed when: consecutive observations that saw the same thing form one entry, and
 * each entry lists how it differs from the one before. The CLI and the chat front ends render the same timeline.
 *
 * @param observations how many observations the timeline was built from
 * @param entries oldest first
 */
public record Timeline(String domain, int observations, List<Entry> entries) {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    public Timeline {
        requireNonNull(domain, "domain is null");
        entries = List.copyOf(requireNonNull(entries, "entries is null"));
        if (observations < entries.size()) {
            throw new IllegalArgumentException("fewer observations than entries");
        }
    }

    /** Builds the timeline of {@code domain} from its observations, oldest first. */
    public static Timeline of(String domain, List<Observation> oldestFirst) {
        requireNonNull(oldestFirst, "oldestFirst is null");
        List<Entry> entries = new ArrayList<>();
        Observation previous = null;
        // Both are only read once previous is set, and set with it.
        Instant firstSeen = Instant.MIN;
        Instant lastSeen = Instant.MIN;
        int count = 0;
        for (Observation observation : oldestFirst) {
            if (previous != null && changes(previous, observation).isEmpty()) {
                lastSeen = observation.checkedAt();
                count++;
                continue;
            }
            if (previous != null) {
                entries.add(entry(entries, previous, firstSeen, lastSeen, count));
            }
            previous = observation;
            firstSeen = observation.checkedAt();
            lastSeen = observation.checkedAt();
            count = 1;
        }
        if (previous != null) {
            entries.add(entry(entries, previous, firstSeen, lastSeen, count));
        }
        return new Timeline(domain, oldestFirst.size(), entries);
    }

    private static Entry entry(List<Entry> before, Observation state, Instant firstSeen, Instant lastSeen, int count) {
        List<Change> changes =
                before.isEmpty() ? List.of() : changes(before.getLast().state(), state);
        return new Entry(firstSeen, lastSeen, count, state, changes);
    }

    /** How {@code after} differs from {@code before} in what the timeline tracks. */
    static List<Change> changes(Observation before, Observation after) {
        List<Change> changes = new ArrayList<>();
        compare(changes, Field.RECORD_ID, before.recordId(), after.recordId());
        compare(changes, Field.POLICY, before.bodySha256(), after.bodySha256());
        compare(changes, Field.MODE, before.mode(), after.mode());
        compare(
                changes,
                Field.MAX_AGE,
                before.maxAge().map(String::valueOf),
                after.maxAge().map(String::valueOf));
        compare(changes, Field.MX_PATTERNS, joined(before.mxPatterns()), joined(after.mxPatterns()));
        compare(changes, Field.MX_HOSTS, joined(before.mxHosts()), joined(after.mxHosts()));
        compare(
                changes,
                Field.CERTIFICATE,
                before.certificateNotAfter().map(DATE::format),
                after.certificateNotAfter().map(DATE::format));
        compare(
                changes,
                Field.STATUS,
                Optional.of(before.status().label()),
                Optional.of(after.status().label()));
        compare(changes, Field.FINDINGS, joined(before.findingCodes()), joined(after.findingCodes()));
        return List.copyOf(changes);
    }

    private static void compare(List<Change> changes, Field field, Optional<String> before, Optional<String> after) {
        if (!before.equals(after)) {
            changes.add(new Change(field, before, after));
        }
    }

    private static Optional<String> joined(List<String> values) {
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values));
    }

    public Optional<Instant> firstSeen() {
        return entries.isEmpty()
                ? Optional.empty()
                : Optional.of(entries.getFirst().firstSeen());
    }

    public Optional<Instant> lastSeen() {
        return entries.isEmpty()
                ? Optional.empty()
                : Optional.of(entries.getLast().lastSeen());
    }

    /**
     * One stretch of identical observations.
     *
     * @param firstSeen the first observation of the stretch
     * @param lastSeen the last observation of the stretch
     * @param observations how many observations the stretch holds
     * @param state what they saw (the first observation of the stretch)
     * @param changes how the stretch differs from the previous one; empty for the first
     */
    public record Entry(
            Instant firstSeen, Instant lastSeen, int observations, Observation state, List<Change> changes) {
        public Entry {
            requireNonNull(firstSeen, "firstSeen is null");
            requireNonNull(lastSeen, "lastSeen is null");
            requireNonNull(state, "state is null");
            changes = List.copyOf(requireNonNull(changes, "changes is null"));
            if (observations < 1) {
                throw new IllegalArgumentException("an entry holds at least one observation");
            }
        }

        public Optional<Change> change(Field field) {
            return changes.stream().filter(change -> change.field() == field).findFirst();
        }
    }

    /** One tracked value that changed; empty on a side means the value was not seen (no record, no policy). */
    public record Change(Field field, Optional<String> before, Optional<String> after) {
        public Change {
            requireNonNull(field, "field is null");
            requireNonNull(before, "before is null");
            requireNonNull(after, "after is null");
        }

        /** For list-valued fields, the items added and removed, in order. */
        public List<String> added() {
            return difference(after, before);
        }

        public List<String> removed() {
            return difference(before, after);
        }

        private static List<String> difference(Optional<String> from, Optional<String> without) {
            Set<String> items = new LinkedHashSet<>(split(from));
            items.removeAll(split(without));
            return List.copyOf(items);
        }

        private static List<String> split(Optional<String> value) {
            return value.map(text -> List.of(text.split(", "))).orElse(List.of());
        }
    }

    /** What the timeline tracks, with the names the JSON uses. */
    public enum Field {
        RECORD_ID("id"),
        POLICY("policy"),
        MODE("mode"),
        MAX_AGE("maxAge"),
        MX_PATTERNS("mx"),
        MX_HOSTS("mxHosts"),
        CERTIFICATE("certificateNotAfter"),
        STATUS("status"),
        FINDINGS("findings");

        private final String jsonName;

        Field(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }

        public boolean listValued() {
            return switch (this) {
                case MX_PATTERNS, MX_HOSTS, FINDINGS -> true;
                case RECORD_ID, POLICY, MODE, MAX_AGE, CERTIFICATE, STATUS -> false;
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
