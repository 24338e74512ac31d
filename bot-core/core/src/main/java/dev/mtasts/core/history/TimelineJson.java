package dev.mtasts.core.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mtasts.core.history.Timeline.Change;
import dev.mtasts.core.history.Timeline.Entry;
import dev.mtasts.spi.Observation;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/** The JSON of {@code mtasts history --json}, documented in the README. Field order is part of the contract. */
public final class TimelineJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TimelineJson() {}

    public static ObjectNode toJson(Timeline timeline) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("domain", timeline.domain());
        root.put("observations", timeline.observations());
        putInstant(root, "firstSeen", timeline.firstSeen());
        putInstant(root, "lastSeen", timeline.lastSeen());
        ArrayNode entries = root.putArray("entries");
        Optional<Observation> previous = Optional.empty();
        for (Entry entry : timeline.entries()) {
            ObjectNode node = entries.addObject();
            node.put("firstSeen", instant(entry.firstSeen()));
            node.put("lastSeen", instant(entry.lastSeen()));
            node.put("observations", entry.observations());
            ArrayNode changes = node.putArray("changes");
            for (Change change : entry.changes()) {
                ObjectNode item = changes.addObject();
                item.put("field", change.field().jsonName());
                putOptional(item, "before", change.before());
                putOptional(item, "after", change.after());
            }
            state(node.putObject("state"), entry.state(), previous);
            previous = Optional.of(entry.state());
        }
        return root;
    }

    private static void state(ObjectNode node, Observation state, Optional<Observation> previous) {
        putOptional(node, "id", state.recordId());
        putOptional(node, "policySha256", state.bodySha256());
        boolean bodyChanged = previous.map(before -> !before.bodySha256().equals(state.bodySha256()))
                .orElse(true);
        // The body is repeated only where it changed, so a long timeline stays small.
        putOptional(node, "policy", bodyChanged ? state.body() : Optional.empty());
        putInstant(node, "lastModified", state.lastModified());
        putOptional(node, "etag", state.etag());
        putOptional(node, "mode", state.mode());
        if (state.maxAge().isPresent()) {
            node.put("maxAge", state.maxAge().get());
        } else {
            node.putNull("maxAge");
        }
        putList(node, "mx", state.mxPatterns());
        putList(node, "mxHosts", state.mxHosts());
        putInstant(node, "certificateNotAfter", state.certificateNotAfter());
        node.put("status", state.status().label());
        putList(node, "findings", state.findingCodes());
    }

    public static String toPrettyString(Timeline timeline) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(timeline));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a timeline", e);
        }
    }

    private static void putList(ObjectNode node, String name, List<String> values) {
        ArrayNode array = node.putArray(name);
        values.forEach(array::add);
    }

    private static void putOptional(ObjectNode node, String name, Optional<String> value) {
        if (value.isPresent()) {
            node.put(name, value.get());
        } else {
            node.putNull(name);
        }
    }

    private static void putInstant(ObjectNode node, String name, Optional<Instant> value) {
        putOptional(node, name, value.map(TimelineJson::instant));
    }

    private static String instant(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
