package dev.mtasts.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The embedded default: an H2 file database in the data directory, {@code history.mv.db}.
 *
 * <ul>
 *   <li>Several processes share it (a {@code serve} and any number of {@code check} runs): the first to open it
 *       serves the others over a loopback-discoverable TCP port ({@code AUTO_SERVER}), and when it exits the next one
 *       takes over ({@code AUTO_RECONNECT}).
 *   <li>Every commit is written to the file before the commit returns ({@code WRITE_DELAY=0}), so a killed process
 *       loses no committed observation.
 *   <li>The directory is private to its owner (0700, tightened if it already existed), the database files are made
 *       0600, and the database password is a random key kept in {@code history.key} (0600) next to it, so the TCP port
 *       is no way in for other users. The port listens on the loopback interface only ({@code h2.bindAddress}).
 *   <li>Files are opened through H2's {@code retry:} file system, which reopens a file channel that an interrupt
 *       closed instead of failing every open connection.
 * </ul>
 */
final class EmbeddedDatabase {
    static final String DATABASE_NAME = "history";
    static final String USER = "mtasts";
    private static final String KEY_FILE = "history.key";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddedDatabase.class);

    static {
        // H2 reads this once, when its classes load: the AUTO_SERVER port then listens on loopback only (and the lock
        // file advertises 127.0.0.1 to the other processes), never on every interface.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    private EmbeddedDatabase() {}

    static String jdbcUrl(Path directory) {
        return "jdbc:h2:retry:" + directory.toAbsolutePath().resolve(DATABASE_NAME)
                + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0";
    }

    /** The database file, for messages. */
    static Path file(Path directory) {
        return directory.resolve(DATABASE_NAME + ".mv.db");
    }

    /** Creates the directory (private to its owner) if needed. */
    static void prepare(Path directory) throws IOException {
        if (directory.toString().contains(";")) {
            // H2 reads ';' in a URL as the start of its settings.
            throw new IOException("the path contains ';', which the embedded database cannot use");
        }
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!Files.isDirectory(directory)) {
            try {
                Files.createDirectory(directory, privateTo(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(directory)) {
                    throw e;
                }
            }
        }
        if (!Files.isWritable(directory)) {
            throw new IOException(directory + " is not writable");
        }
        restrict(directory, "rwx------");
    }

    /** Makes the database files private to their owner (H2 creates them with the process's umask, often 0644). */
    static void tighten(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(path -> path.getFileName().toString().startsWith(DATABASE_NAME + "."))
                    .toList()) {
                if (Files.isRegularFile(file)) {
                    restrict(file, "rw-------");
                }
            }
        }
    }

    /** Sets POSIX permissions when they are looser; a file system without them (or a file we do not own) is left. */
    private static void restrict(Path path, String wanted) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(wanted);
        try {
            if (!Files.getPosixFilePermissions(path).equals(permissions)) {
                Files.setPosixFilePermissions(path, permissions);
                LOG.info("made {} private to its owner ({})", path, wanted);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // a lock or temporary file that went away meanwhile
        } catch (java.nio.file.FileSystemException e) {
            LOG.warn("cannot restrict the permissions of {}: {}", path, e.getMessage());
        }
    }

    /**
     * The database password: read from {@code history.key}, created on first use. Two processes starting at once agree
     * on one key because the file is published with an atomic link, which fails if the other got there first.
     */
    static String password(Path directory) throws IOException {
        Path keyFile = directory.resolve(KEY_FILE);
        if (!Files.exists(keyFile) && Files.exists(file(directory))) {
            throw new IOException(keyFile + " is missing next to the existing " + file(directory)
                    + "; restore it from a backup, or move the database away to start a new history");
        }
        if (!Files.exists(keyFile)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path temporary = Files.createTempFile(
                    directory, KEY_FILE, ".tmp", privateTo(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temporary, key + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.createLink(keyFile, temporary);
                } catch (UnsupportedOperationException e) {
                    Files.move(temporary, keyFile);
                }
            } catch (FileAlreadyExistsException e) {
                // Another process published its key first: use that one.
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        String key = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
        if (key.isEmpty()) {
            throw new IOException(keyFile + " is empty; remove it together with " + file(directory)
                    + " to start a new history, or restore it from a backup");
        }
        return key;
    }

    private static FileAttribute<?>[] privateTo(Set<PosixFilePermission> permissions) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    }
}
