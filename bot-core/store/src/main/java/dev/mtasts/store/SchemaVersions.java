package dev.mtasts.store;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Whether a database already has every migration this build ships, so that opening a store can skip Flyway (its
 * classpath scan and schema validation were about a third of a single check's start-up). Decided by two cheap reads:
 * the names of the {@code V<version>__*.sql} files under {@code db/migration} on the class path, and the successful
 * versions in the schema history table. Anything unexpected (no table, a failed or unknown migration, a file that is
 * not a versioned migration, a location that cannot be listed) answers "not current", and Flyway runs as before.
 */
final class SchemaVersions {
    static final String LOCATION = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__[^/]*\\.sql");

    private SchemaVersions() {}

    /** True only when the applied versions are exactly the shipped ones, all successful. */
    static boolean current(DataSource dataSource, String historyTable, ClassLoader loader) {
        Optional<Set<String>> shipped = shipped(loader);
        if (shipped.isEmpty() || shipped.get().isEmpty()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT \"version\", \"success\" FROM \"" + historyTable + "\" WHERE \"version\" IS NOT NULL");
                ResultSet result = statement.executeQuery()) {
            Set<String> applied = new HashSet<>();
            while (result.next()) {
                if (!result.getBoolean(2)) {
                    return false;
                }
                applied.add(normalise(result.getString(1)));
            }
            return applied.equals(shipped.get());
        } catch (SQLException e) {
            return false; // a new database (no history table yet), or one Flyway must look at
        }
    }

    /** The versions of the migrations on the class path, or empty when some location cannot be listed. */
    static Optional<Set<String>> shipped(ClassLoader loader) {
        Set<String> versions = new HashSet<>();
        try {
            Enumeration<URL> locations = loader.getResources(LOCATION);
            while (locations.hasMoreElements()) {
                for (String name : names(locations.nextElement())) {
                    Matcher matcher = VERSIONED.matcher(name);
                    if (!matcher.matches()) {
                        return Optional.empty(); // repeatable or unfamiliar: leave it to Flyway
                    }
                    versions.add(normalise(matcher.group(1)));
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(versions);
    }

    /** The file names directly under a {@code db/migration} location (a directory or a jar entry). */
    private static List<String> names(URL location) throws IOException, URISyntaxException {
        switch (location.getProtocol()) {
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
                    return files.filter(Files::isRegularFile)
                            .map(path -> path.getFileName().toString())
                            .toList();
                }
            }
            case "jar" -> {
                URLConnection connection = location.openConnection();
                if (!(connection instanceof JarURLConnection jarConnection)) {
                    throw new IOException("not a jar location: " + location);
                }
                jarConnection.setUseCaches(false);
                try (JarFile jar = jarConnection.getJarFile()) {
                    String prefix = LOCATION + "/";
                    List<String> names = new java.util.ArrayList<>();
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String name = entries.nextElement().getName();
                        if (name.startsWith(prefix) && name.length() > prefix.length()) {
                            String rest = name.substring(prefix.length());
                            if (rest.indexOf('/') >= 0) {
                                throw new IOException("nested migration folders: " + name);
                            }
                            names.add(rest);
                        }
                    }
                    return names;
                }
            }
            default -> throw new IOException("cannot list " + location);
        }
    }

    /** "1", "1.0" and "1_0" are the same version to Flyway; trailing zero parts are dropped. */
    static String normalise(String version) {
        String[] parts = version.replace('_', '.').split("\\.");
        int end = parts.length;
        while (end > 1 && parts[end - 1].matches("0+")) {
            end--;
        }
        StringBuilder out = new StringBuilder();
        for (int index = 0; index < end; index++) {
            if (index > 0) {
                out.append('.');
            }
            String stripped = parts[index].replaceFirst("^0+(?=\\d)", "");
            out.append(stripped);
        }
        return out.toString();
    }
}
