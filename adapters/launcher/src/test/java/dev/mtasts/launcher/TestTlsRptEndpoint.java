package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.tlsrpt.TlsRptReceiver;
import dev.mtasts.tlsrpt.TlsRptService;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s RFC 8460 §5.3 endpoint over real HTTP: the same route and server as {@code serve} wires. */
class TestTlsRptEndpoint {
    private static final String REPORT = """
            {"organization-name": "Company-X",
             "date-range": {"start-datetime": "2026-11-20T00:00:00Z", "end-datetime": "2026-11-20T23:59:59Z"},
             "contact-info": "sts-reporting@company-x.example",
             "report-id": "5065427c-23d3-47ca-b6e0-946ea0e8c4be",
             "policies": [{
               "policy": {"policy-type": "sts", "policy-domain": "example.com",
                          "policy-string": ["version: STSv1", "mode: testing", "mx: mx1.example.com", "max_age: 86400"],
                          "mx-host": ["mx1.example.com"]},
               "summary": {"total-successful-session-count": 5326, "total-failure-session-count": 100},
               "failure-details": [{"result-type": "certificate-expired", "receiving-mx-hostname": "mx1.example.com",
                                    "failed-session-count": 100}]}]}
            """;

    @TempDir
    Path temporary;

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private JdbcHistoryStore history;
    private TlsRptService service;
    private BotHttpServer server;

    @BeforeEach
    void start() throws Exception {
        history = JdbcHistoryStore.open(StoreSettings.embedded(temporary.resolve("data")), Clock.systemUTC());
        service = TlsRptService.over(history, 3650, Clock.systemUTC());
        server = new BotHttpServer(
                new BotConfig.Http(0, "127.0.0.1"),
                List.of(TlsRptRoutes.route(
                        new TlsRptReceiver(service), service.limits().maxBytes())),
                List.of());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        history.close();
    }

    @Test
    void aGzipReportIsStoredOnceAndCountedOnceWhenResent() throws Exception {
        HttpResponse<String> first = post("/tlsrpt", "application/tlsrpt+gzip", gzip(REPORT));
        HttpResponse<String> again = post("/tlsrpt/example.com", "application/tlsrpt+gzip", gzip(REPORT));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(service.summary("example.com", 3650).reports()).isEqualTo(1);
    }

    @Test
    void whatIsNotAReportIsRefusedWithAReason() throws Exception {
        assertThat(post("/tlsrpt", "application/tlsrpt+json", "{\"hello\": 1}".getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(400);
        assertThat(post("/tlsrpt", "text/plain", REPORT.getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(415);
        // Past the size limit: refused from the Content-Length header, before a byte of the body is read.
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream()
                    .write(("POST /tlsrpt HTTP/1.1\r\nHost: bot\r\nContent-Type: application/tlsrpt+gzip\r\n"
                                    + "Content-Length: " + 11 * 1024 * 1024 + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
        HttpResponse<String> get =
                client.send(HttpRequest.newBuilder(uri("/tlsrpt")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
    }

    private HttpResponse<String> post(String path, String type, byte[] body) throws Exception {
        return client.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
