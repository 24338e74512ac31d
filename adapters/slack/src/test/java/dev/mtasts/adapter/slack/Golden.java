package dev.mtasts.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden Block Kit payloads under {@code src/test/resources/golden}, compared as JSON trees (key order and spacing do
 * not matter). Run with {@code -Dgolden.update=true} to rewrite them, then review the diff.
 */
final class Golden {
    private static final Gson SLACK = GsonFactory.createSnakeCase();
    private static final Gson PRETTY =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private Golden() {}

    /** The message as Slack receives it: {@code {"text": …, "blocks": […]}}. */
    static JsonElement json(SlackMessage message) {
        com.google.gson.JsonObject object = new com.google.gson.JsonObject();
        object.addProperty("text", message.text());
        object.add("blocks", SLACK.toJsonTree(message.blocks()));
        return object;
    }

    static JsonElement json(Object blocks) {
        return SLACK.toJsonTree(blocks);
    }

    static void assertMatches(String name, JsonElement actual) {
        String resource = "/golden/" + name + ".json";
        if (Boolean.getBoolean("golden.update")) {
            Path file = Path.of("src/test/resources/golden", name + ".json");
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, PRETTY.toJson(actual) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            assertThat(in)
                    .as("golden file %s (run with -Dgolden.update=true to create it)", resource)
                    .isNotNull();
            JsonElement expected = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(actual)
                    .as("%s differs from the golden file; actual:%n%s", resource, PRETTY.toJson(actual))
                    .isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
