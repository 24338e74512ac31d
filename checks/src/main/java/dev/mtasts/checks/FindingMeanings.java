package dev.mtasts.checks;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** The prose of each code ({@code findings.properties} beside this class, UTF-8), loaded on first use. */
final class FindingMeanings {
    private static final Properties TEXT = load();

    static String of(String code) {
        String meaning = TEXT.getProperty(code);
        if (meaning == null || meaning.isBlank()) {
            throw new IllegalStateException("findings.properties has no meaning for " + code);
        }
        return meaning;
    }

    private static Properties load() {
        try (InputStream in = FindingMeanings.class.getResourceAsStream("findings.properties")) {
            if (in == null) {
                throw new IllegalStateException("findings.properties is missing beside FindingCode");
            }
            Properties text = new Properties();
            text.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
