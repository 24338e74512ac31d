package dev.mtasts.adapter.discord;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files of Discord wire JSON under {@code src/test/resources/golden/}, with keys sorted and indented so that a
 * diff reads well. Run the tests with {@code -Dgolden.update=true} to rewrite them after an intended change, then
 * review the diff.
 */
final class Golden {
    private static final Path DIRECTORY = Path.of("src", "test", "resources", "golden");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Golden() {}

    static void assertMatches(String name, String json) {
        String actual = canonical(json);
        Path file = DIRECTORY.resolve(name + ".json");
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(DIRECTORY);
                Files.writeString(file, actual, UTF_8);
            }
            assertThat(file)
                    .as("golden file %s (run with -Dgolden.update=true to create it)", file)
                    .exists();
            assertThat(actual).as("golden file %s", file).isEqualTo(Files.readString(file, UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String canonical(String json) {
        try {
            return MAPPER.writeValueAsString(MAPPER.readValue(json, Object.class)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }
}
