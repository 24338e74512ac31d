package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The engine's {@code internal} package is the engine's: the adapters (main and tests) use public APIs only. */
class TestInternalIsInternal {
    @Test
    void noAdapterSourceImportsCoreInternal() throws IOException {
        Path adapters = Path.of("..").toAbsolutePath().normalize();
        assertThat(adapters.resolve("launcher")).isDirectory();
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(adapters)) {
            offenders = files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> !path.toString().contains("/target/"))
                    .filter(TestInternalIsInternal::importsInternal)
                    .toList();
        }
        assertThat(offenders).isEmpty();
    }

    private static boolean importsInternal(Path file) {
        try {
            return Files.readString(file).contains("dev.mtasts.core." + "internal.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
