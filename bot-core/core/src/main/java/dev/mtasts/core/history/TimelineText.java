package dev.mtasts.core.history;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.FixTimes;
import dev.mtasts.core.ReportText;
import dev.mtasts.core.history.Timeline.Change;
import dev.mtasts.core.history.Timeline.Entry;
import dev.mtasts.core.history.Timeline.Field;
import dev.mtasts.spi.Observation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plain-text wording of a {@link Timeline}: one line per change, shared by the CLI and the chat front ends.
 * Untrusted text (ids, policy lines, host names) has its control characters made visible.
 */
public final class TimelineText {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String INDENT = "                      ";
    private static final int MAX_DIFF_LINES = 20;

    private TimelineText() {}

    public static String render(Timeline timeline) {
        requireNonNull(timeline, "timeline is null");
        StringBuilder out = new StringBuilder();
        out.append(headline(timeline)).append('\n');
        List<Entry> entries = timeline.entries();
        for (int index = 0; index < entries.size(); index++) {
            Entry entry = entries.get(index);
            out.append('\n').append(time(entry.firstSeen())).append("  ").append(summary(entry));
            out.append('\n');
            if (index > 0) {
                for (String line : bodyDiff(entries.get(index - 1).state(), entry.state())) {
                    out.append(INDENT).append(ReportText.safe(line)).append('\n');
                }
            }
            if (entry.observations() > 1) {
                out.append(INDENT)
                        .append("seen ")
                        .append(entry.observations())
                        .append(" times until ")
                        .append(time(entry.lastSeen()))
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** "History of example.com: 12 observations from … to …", or that there is none. */
    public static String headline(Timeline timeline) {
        String domain = ReportText.safe(timeline.domain());
        if (timeline.entries().isEmpty()) {
            return "No history of " + domain + " yet: it has not been checked with this history store.";
        }
        String count = timeline.observations() == 1 ? "1 observation" : timeline.observations() + " observations";
        return "History of " + domain + ": " + count + " from "
                + time(timeline.firstSeen().orElseThrow()) + " to "
                + time(timeline.lastSeen().orElseThrow())
                + ", " + changeCount(timeline) + ".";
    }

    private static String changeCount(Timeline timeline) {
        int changes = timeline.entries().size() - 1;
        return switch (changes) {
            case 0 -> "no changes";
            case 1 -> "1 change";
            default -> changes + " changes";
        };
    }

    /** One line for an entry: "first seen: …" or the changes, separated by semicolons. */
    public static String summary(Entry entry) {
        if (entry.changes().isEmpty()) {
            return "first seen: " + describe(entry.state());
        }
        Map<Field, Change> byField = new HashMap<>();
        entry.changes().forEach(change -> byField.put(change.field(), change));
        List<String> parts = new ArrayList<>();
        for (Change change : entry.changes()) {
            parts.add(phrase(change, byField, entry.state()));
        }
        return String.join("; ", parts);
    }

    /** What one observation saw, in one line. */
    public static String describe(Observation state) {
        List<String> parts = new ArrayList<>();
        parts.add(state.recordId().map(id -> "id " + ReportText.safe(id)).orElse("no valid MTA-STS record"));
        if (state.mode().isPresent()) {
            parts.add("mode " + ReportText.safe(state.mode().get()));
            state.maxAge().ifPresent(maxAge -> parts.add("max_age " + maxAge(maxAge)));
            if (!state.mxPatterns().isEmpty()) {
                parts.add("mx " + safeList(state.mxPatterns()));
            }
        } else {
            parts.add(state.bodySha256().isPresent() ? "policy not valid" : "no policy served");
        }
        parts.add(state.mxHosts().isEmpty() ? "no MX hosts" : "MX hosts " + safeList(state.mxHosts()));
        parts.add("status " + state.status().label());
        return String.join(", ", parts);
    }

    private static String phrase(Change change, Map<Field, Change> all, Observation state) {
        Optional<String> before = change.before().map(ReportText::safe);
        Optional<String> after = change.after().map(ReportText::safe);
        return switch (change.field()) {
            case RECORD_ID -> {
                if (before.isEmpty()) {
                    yield "MTA-STS record published with id " + after.orElseThrow();
                }
                if (after.isEmpty()) {
                    yield "no valid MTA-STS record any more (was id " + before.get() + ")";
                }
                yield "id " + before.get() + " → " + after.get();
            }
            case POLICY -> {
                if (before.isEmpty()) {
                    yield "policy served";
                }
                if (after.isEmpty()) {
                    yield "policy no longer served";
                }
                yield "policy body changed"
                        + (all.containsKey(Field.RECORD_ID)
                                ? ""
                                : state.recordId()
                                        .map(id -> " while the id stayed " + ReportText.safe(id))
                                        .orElse(""));
            }
            case MODE -> "mode " + before.orElse("(no valid policy)") + " → " + after.orElse("(no valid policy)");
            case MAX_AGE ->
                "max_age "
                        + change.before()
                                .map(value -> maxAge(Long.parseLong(value)))
                                .orElse("(none)")
                        + " → "
                        + change.after()
                                .map(value -> maxAge(Long.parseLong(value)))
                                .orElse("(none)");
            case MX_PATTERNS -> "mx patterns " + plusMinus(change);
            case MX_HOSTS -> "MX hosts " + plusMinus(change);
            case CERTIFICATE -> {
                if (before.isEmpty() || after.isEmpty()) {
                    yield "policy certificate valid until " + after.orElse("(no certificate seen)") + " (was "
                            + before.orElse("none seen") + ")";
                }
                yield (after.get().compareTo(before.get()) > 0 ? "policy certificate renewed" : "policy certificate")
                        + ", valid until " + after.get() + " (was " + before.get() + ")";
            }
            case STATUS -> "status " + before.orElse("?") + " → " + after.orElse("?");
            case FINDINGS -> "findings " + plusMinus(change);
        };
    }

    private static String plusMinus(Change change) {
        List<String> parts = new ArrayList<>();
        change.added().forEach(item -> parts.add("+" + ReportText.safe(item)));
        change.removed().forEach(item -> parts.add("−" + ReportText.safe(item)));
        return parts.isEmpty() ? "reordered" : String.join(" ", parts);
    }

    /** The policy lines removed ("- …") and added ("+ …") between two states, when both bodies are known. */
    static List<String> bodyDiff(Observation before, Observation after) {
        if (before.body().isEmpty()
                || after.body().isEmpty()
                || before.bodySha256().equals(after.bodySha256())) {
            return List.of();
        }
        List<String> oldLines = lines(before.body().get());
        List<String> newLines = lines(after.body().get());
        List<String> out = new ArrayList<>();
        List<String> remaining = new ArrayList<>(newLines);
        for (String line : oldLines) {
            if (!remaining.remove(line)) {
                out.add("- " + line);
            }
        }
        List<String> unmatched = new ArrayList<>(oldLines);
        for (String line : newLines) {
            if (!unmatched.remove(line)) {
                out.add("+ " + line);
            }
        }
        if (out.isEmpty()) {
            out.add("(the same lines in a different order)");
        }
        if (out.size() > MAX_DIFF_LINES) {
            int hidden = out.size() - MAX_DIFF_LINES;
            out = new ArrayList<>(out.subList(0, MAX_DIFF_LINES));
            out.add("… " + hidden + " more changed lines");
        }
        return out;
    }

    private static List<String> lines(String body) {
        String normalised = Observation.normalise(body);
        return normalised.isEmpty() ? List.of() : List.of(normalised.split("\n", -1));
    }

    private static String maxAge(long seconds) {
        return seconds + " (" + FixTimes.human(Duration.ofSeconds(seconds)) + ")";
    }

    private static String safeList(List<String> values) {
        return ReportText.safe(String.join(", ", values));
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }
}
