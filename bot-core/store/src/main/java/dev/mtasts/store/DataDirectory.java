package dev.mtasts.store;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** Where {@code mtasts} keeps its data when no JDBC URL says otherwise. */
public final class DataDirectory {
    private DataDirectory() {}

    /**
     * {@code explicit} (the {@code --data-dir} flag or {@code store.data-dir}) if given, else {@code $MTASTS_DATA_DIR},
     * else {@code $XDG_DATA_HOME/mtasts}, else {@code ~/.local/share/mtasts} (XDG Base Directory defaults).
     */
    public static Path resolve(Optional<Path> explicit, Function<String, String> environment) {
        if (explicit.isPresent()) {
            return explicit.get().toAbsolutePath().normalize();
        }
        Optional<String> configured = variable(environment, "MTASTS_DATA_DIR");
        if (configured.isPresent()) {
            return Path.of(configured.get()).toAbsolutePath().normalize();
        }
        Optional<String> xdg = variable(environment, "XDG_DATA_HOME")
                .filter(value -> Path.of(value).isAbsolute());
        if (xdg.isPresent()) {
            return Path.of(xdg.get(), "mtasts").normalize();
        }
        String home = variable(environment, "HOME").orElse(System.getProperty("user.home"));
        return Path.of(home, ".local", "share", "mtasts").toAbsolutePath().normalize();
    }

    private static Optional<String> variable(Function<String, String> environment, String name) {
        return Optional.ofNullable(environment.apply(name)).filter(value -> !value.isBlank());
    }
}
