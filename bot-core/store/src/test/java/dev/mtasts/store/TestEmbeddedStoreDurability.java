package dev.mtasts.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtasts.core.history.HistoryStoreException;
import dev.mtasts.spi.Observation;
import dev.mtasts.testing.ObservationBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the embedded default promises beyond the contract: real processes sharing one file, and killed ones. */
final class TestEmbeddedStoreDurability {
    @TempDir
    Path temporary;

    @Test
    void aKilledProcessLosesNoCommittedObservation() throws Exception {
        Path directory = temporary.resolve("data");
        Process writer = writer(directory, "k", 0);
        int lastReported = -1;
        try (BufferedReader lines = reader(writer)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    lastReported = Integer.parseInt(line.substring("committed ".length()));
                    if (lastReported >= 40) {
                        // Killed mid-stream: it is writing the next observation right now.
                        writer.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            writer.destroyForcibly();
            writer.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(lastReported).as("the writer reported commits").isEqualTo(40);

        try (JdbcHistoryStore store = JdbcHistoryStore.open(StoreSettings.embedded(directory), Clock.systemUTC())) {
            List<String> ids = store.timeline("example.com").stream()
                    .map(observation -> observation.recordId().orElseThrow())
                    .toList();

            assertThat(ids.size()).isGreaterThanOrEqualTo(41);
            for (int index = 0; index < ids.size(); index++) {
                assertThat(ids.get(index)).isEqualTo("kx" + index);
            }
        }
    }

    @Test
    void severalProcessesWriteToOneDatabaseAtOnce() throws Exception {
        Path directory = temporary.resolve("data");
        int each = 30;
        JdbcHistoryStore mine = JdbcHistoryStore.open(StoreSettings.embedded(directory), Clock.systemUTC());
        try {
            List<Process> writers = List.of(writer(directory, "a", each), writer(directory, "b", each));
            Instant start = Instant.parse("2026-11-28T00:00:00Z");
            for (int index = 0; index < each; index++) {
                mine.record(
                        "example.com",
                        ObservationBuilder.at(start.plusMillis(index))
                                .id("cx" + index)
                                .policy(HistoryStoreContract.POLICY)
                                .build());
            }
            for (Process writer : writers) {
                String output = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(writer.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(writer.exitValue())
                        .as("writer output: %s%s", output, errors(writer))
                        .isZero();
            }

            Map<Character, Long> perWriter = mine.timeline("example.com").stream()
                    .map(Observation::recordId)
                    .map(id -> id.orElseThrow().charAt(0))
                    .collect(Collectors.groupingBy(writer -> writer, Collectors.counting()));
            assertThat(perWriter).containsOnly(Map.entry('a', 30L), Map.entry('b', 30L), Map.entry('c', 30L));
        } finally {
            mine.close();
        }
    }

    @Test
    void theDataDirectoryAndKeyArePrivateToTheirOwner() throws Exception {
        Path directory = temporary.resolve("private");
        try (JdbcHistoryStore store = JdbcHistoryStore.open(StoreSettings.embedded(directory), Clock.systemUTC())) {
            assertThat(store.describe()).isEqualTo("H2 database " + directory.resolve("history.mv.db"));
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("history.key"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(directory.resolve("history.key")).strip()).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void anExistingLooseDirectoryIsTightenedAndTheDatabaseFileIsPrivate() throws Exception {
        Path directory = Files.createDirectory(
                temporary.resolve("loose"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));

        try (JdbcHistoryStore store = JdbcHistoryStore.open(StoreSettings.embedded(directory), Clock.systemUTC())) {
            store.record(
                    "example.com",
                    ObservationBuilder.at("2026-11-28T00:00:00Z").id("1").build());
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("history.mv.db"))))
                .isEqualTo("rw-------");
    }

    @Test
    void theSharedDatabasePortListensOnLoopbackOnly() throws Exception {
        Path directory = temporary.resolve("data");
        try (JdbcHistoryStore store = JdbcHistoryStore.open(StoreSettings.embedded(directory), Clock.systemUTC());
                java.sql.Connection held = store.dataSource().getConnection()) {
            // The process that opened the file serves the others; the lock file says where.
            java.util.Properties lock = new java.util.Properties();
            try (var in = Files.newInputStream(directory.resolve("history.lock.db"))) {
                lock.load(in);
            }
            String server = lock.getProperty("server");
            assertThat(server).matches("(127\\.0\\.0\\.1|localhost):[0-9]+");
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            // Nothing answers on that port from any other interface of this machine.
            for (java.net.NetworkInterface nic :
                    java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                for (java.net.InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
                    if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
                        continue;
                    }
                    try (java.net.Socket socket = new java.net.Socket()) {
                        assertThatThrownBy(() -> socket.connect(new java.net.InetSocketAddress(address, port), 1000))
                                .as("port %d on %s", port, address)
                                .isInstanceOf(IOException.class);
                    }
                }
            }
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            }
            // Linux lists the listening sockets: the port is bound to 127.0.0.1, not to 0.0.0.0 or ::.
            String hexPort = String.format(":%04X ", port);
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Path file = Path.of(table);
                if (!Files.isReadable(file)) {
                    continue;
                }
                List<String> listening = Files.readAllLines(file).stream()
                        .map(String::strip)
                        .map(line -> line.split("\\s+"))
                        .filter(fields -> fields.length > 3 && (fields[1] + " ").endsWith(hexPort))
                        .filter(fields -> fields[3].equals("0A"))
                        .map(fields -> fields[1])
                        .toList();
                // 127.0.0.1, or ::ffff:127.0.0.1 on a dual-stack socket; never 0.0.0.0 or ::
                assertThat(listening).as(table).allSatisfy(local -> assertThat(local)
                        .matches("(0000000000000000FFFF0000)?0100007F:[0-9A-F]{4}"));
            }
        }
    }

    @Test
    void anUnusableDataDirectorySaysWhatToChange() throws Exception {
        Path file = Files.writeString(temporary.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> JdbcHistoryStore.open(StoreSettings.embedded(file.resolve("data")), Clock.systemUTC()))
                .isInstanceOf(HistoryStoreException.class)
                .hasMessageContaining("cannot use the data directory")
                .hasMessageContaining("--data-dir");
    }

    @Test
    void aLostKeyIsNamedNotReplaced() throws Exception {
        Path directory = temporary.resolve("data");
        JdbcHistoryStore.open(StoreSettings.embedded(directory), Clock.systemUTC())
                .close();
        Files.delete(directory.resolve("history.key"));

        assertThatThrownBy(() -> JdbcHistoryStore.open(StoreSettings.embedded(directory), Clock.systemUTC()))
                .isInstanceOf(HistoryStoreException.class)
                .hasMessageContaining("history.key is missing next to the existing");
        assertThat(directory.resolve("history.key")).doesNotExist();
    }

    @Test
    void aPathThatWouldInjectDatabaseSettingsIsRefused() {
        assertThatThrownBy(() -> JdbcHistoryStore.open(
                        StoreSettings.embedded(temporary.resolve("data;TRACE_LEVEL_FILE=3")), Clock.systemUTC()))
                .isInstanceOf(HistoryStoreException.class)
                .hasMessageContaining("contains ';'");
    }

    private static Process writer(Path directory, String name, int count) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        StoreWriter.class.getName(),
                        directory.toString(),
                        name,
                        Integer.toString(count))
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private static String errors(Process process) {
        try {
            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
