package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.HttpsFixture;
import dev.mtasts.testing.SmtpFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, SIGTERM: the packaged launcher runs {@code serve} as a separate process; a check is in flight over the
 * web API when the process gets SIGTERM. The check finishes and is answered, its result is stored, the parts stop in
 * reverse order with the store last, and the process exits 0 well within the grace periods.
 */
final class ServeShutdownIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PORT = Pattern.compile("mtasts serving on port (\\d+)");

    @TempDir
    Path directory;

    private DnsFixture dns;
    private HttpsFixture https;
    private SmtpFixture smtp;
    private Path caFile;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private Process process;

    @BeforeEach
    void start() {
        dns = DnsFixture.start();
        CertificateAuthority ca = CertificateAuthority.create();
        https = HttpsFixture.start(ca);
        smtp = SmtpFixture.start(ca);
        caFile = ca.writePem(directory.resolve("ca.pem"));
        String domain = "slow.example";
        dns.txt("_mta-sts." + domain, "v=STSv1; id=20261204T000000")
                .txt("_smtp._tls." + domain, "v=TLSRPTv1; rua=mailto:tls-reports@" + domain)
                .mx(domain, 10, "mx1." + domain)
                .a("mx1." + domain, "127.0.0.1")
                .a("mta-sts." + domain, "127.0.0.1");
        https.policy("mta-sts." + domain, "version: STSv1\nmode: enforce\nmx: mx1." + domain + "\nmax_age: 604800\n");
        // The check is still waiting for this answer when SIGTERM arrives.
        dns.delay("_mta-sts." + domain, "TXT", Duration.ofSeconds(3));
    }

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        smtp.close();
        https.close();
        dns.close();
    }

    @Test
    void sigtermFinishesTheCheckInFlightThenClosesTheStoreLast() throws Exception {
        process = launchServe();
        int port = awaitPort();
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/check?domain=slow.example"))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        awaitQuery("_mta-sts.slow.example");

        long signalled = System.nanoTime();
        process.toHandle().destroy(); // SIGTERM (Process.destroy() would also close our end of its output)

        assertThat(process.waitFor(30, TimeUnit.SECONDS))
                .as("exits after SIGTERM; log:%n%s", String.join("\n", log))
                .isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - signalled);
        assertThat(took).isLessThan(Duration.ofSeconds(20));
        assertThat(process.exitValue()).as("a clean stop exits 0").isZero();

        HttpResponse<String> response = answer.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.path("domain").asText()).isEqualTo("slow.example");
        assertThat(report.path("status").asText()).as(response.body()).isIn("pass", "info");

        List<String> stops = new ArrayList<>();
        for (String line : log) {
            Matcher stopped = Pattern.compile("stopped (.+)$").matcher(line);
            if (stopped.find()) {
                stops.add(stopped.group(1).strip());
            }
        }
        assertThat(stops)
                .as(String.join("\n", log))
                .containsSubsequence("the check dispatcher", "the HTTP server", "the history and subscription store");
        assertThat(stops.getLast()).isEqualTo("the history and subscription store");
        assertThat(log).noneMatch(line -> line.contains("did not stop cleanly"));

        // Nothing was lost: the check that finished during shutdown is in the history, and the closed database
        // opens again.
        StoreSettings settings =
                StoreSettings.fromEnvironment(Optional.of(directory.resolve("data")), Map.<String, String>of()::get);
        try (HistoryStore history = JdbcHistoryStore.open(settings, Clock.systemUTC())) {
            assertThat(history.recent("slow.example", 5)).isNotEmpty();
        }
    }

    private Process launchServe() throws IOException {
        ProcessBuilder builder = PackagedLauncher.builder(
                        "serve", dns, https, smtp, caFile, directory.resolve("data"), List.of("--port", "0"))
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("SLACK_") || name.startsWith("DISCORD_"));
        Process started = builder.start();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    log.add(line);
                }
            } catch (IOException e) {
                log.add("(log reader: " + e + ")");
            }
        });
        return started;
    }

    private int awaitPort() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String line : log) {
                Matcher matcher = PORT.matcher(line);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
            assertThat(process.isAlive()).as(String.join("\n", log)).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not start within 60 s:\n" + String.join("\n", log));
    }

    private void awaitQuery(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (dns.queryCount(name, "TXT") > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the check never asked for " + name + ":\n" + String.join("\n", log));
    }
}
