package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckPlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core never references a check or a finding code by its string: renaming one in the plugin must not silently
 * break the core. Every check id and finding code of the plugins on the class path is searched for, quoted, in every
 * main source under {@code bot-core}.
 *
 * <p>What the core needs from a check reaches it typed instead, as {@code dev.mtasts.spi.Fact} values (TLS-RPT
 * validity, expiring certificates).
 */
class TestCoreNamesNoPluginCode {
    @Test
    void noCoreSourceQuotesACheckIdOrFindingCode() throws Exception {
        Set<String> names = pluginNames();
        assertThat(names)
                .as("the plugin's ids and codes")
                .contains("policy-fetch")
                .hasSizeGreaterThan(30);
        Path root = Path.of("../..").toAbsolutePath().normalize();
        Path core = root.resolve("bot-core");
        assertThat(core).isDirectory();
        Set<String> offenders = new TreeSet<>();
        try (Stream<Path> files = Files.walk(core)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> path.toString().contains("/src/main/"))
                    .toList()) {
                String text = read(file);
                for (String name : names) {
                    if (text.contains("\"" + name + "\"")) {
                        offenders.add(root.relativize(file) + ": " + name);
                    }
                }
            }
        }
        assertThat(offenders)
                .as("core sources quoting a plugin's check id or finding code")
                .isEmpty();
    }

    private static Set<String> pluginNames() throws ReflectiveOperationException {
        Set<String> names = new TreeSet<>();
        for (CheckPlugin plugin : ServiceLoader.load(CheckPlugin.class)) {
            for (Check check : plugin.checks()) {
                names.add(check.id());
            }
        }
        Class<?> codes = Class.forName("dev.mtasts.checks.FindingCode");
        for (Object code : (List<?>) codes.getMethod("all").invoke(null)) {
            names.add((String) codes.getMethod("code").invoke(code));
        }
        return names;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
