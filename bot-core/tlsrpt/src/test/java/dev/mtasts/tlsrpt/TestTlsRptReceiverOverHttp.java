package dev.mtasts.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.testing.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver behind a real HTTP server on loopback (the JDK's, standing in for serve's), as a sender posts: shows
 * how a server wires it ({@link #handle}) and that the statuses survive the trip.
 */
class TestTlsRptReceiverOverHttp {
    @TempDir
    Path temporary;

    private JdbcHistoryStore history;
    private TlsRptService service;
    private HttpServer server;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T12:00:00Z"));
        history = JdbcHistoryStore.open(StoreSettings.embedded(temporary.resolve("data")), clock);
        service = TlsRptService.over(history, 365, clock);
        TlsRptReceiver receiver = new TlsRptReceiver(service);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(TlsRptReceiver.PATH, exchange -> handle(receiver, exchange));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        history.close();
    }

    /** What a server does: POST only, path domain, headers and body in; status and text out. */
    static void handle(TlsRptReceiver receiver, HttpExchange exchange) throws IOException {
        try (exchange) {
            TlsRptReceiver.Reply reply;
            if (!exchange.getRequestMethod().equals("POST")) {
                reply = new TlsRptReceiver.Reply(405, "POST a report\n");
                exchange.getResponseHeaders().set("Allow", "POST");
            } else {
                String length = exchange.getRequestHeaders().getFirst("Content-Length");
                OptionalLong contentLength =
                        length == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(length.strip()));
                Optional<String> domain;
                try {
                    domain = TlsRptReceiver.pathDomain(exchange.getRequestURI().getPath());
                } catch (IllegalArgumentException e) {
                    domain = Optional.of("");
                }
                try (InputStream body = exchange.getRequestBody()) {
                    reply = receiver.receive(
                            domain, exchange.getRequestHeaders().getFirst("Content-Type"), contentLength, body);
                    // A reply before the whole body was read (413, 415): read a bounded rest, so that the sender
                    // sees the reply rather than a reset connection; past that, the connection is dropped.
                    drain(body, 1024 * 1024);
                }
            }
            byte[] text = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(reply.status(), text.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(text);
            }
        }
    }

    private static void drain(InputStream body, long limit) throws IOException {
        byte[] buffer = new byte[8192];
        long read = 0;
        int n;
        while (read < limit && (n = body.read(buffer)) >= 0) {
            read += n;
        }
    }

    private HttpResponse<String> post(String path, String type, byte[] body) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return client.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aGzipReportIsStoredOnceOverHttp() throws Exception {
        byte[] gzip = Reports.gzip(Reports.resource("deviations.json"));

        HttpResponse<String> first = post("/tlsrpt/example.com", "application/tlsrpt+gzip", gzip);
        HttpResponse<String> again = post("/tlsrpt/example.com", "application/tlsrpt+gzip", gzip);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("already stored\n");
        assertThat(service.summary("example.com", 30, Optional.empty()).successful())
                .isEqualTo(40);
    }

    @Test
    void theOtherStatusesOverHttp() throws Exception {
        assertThat(post("/tlsrpt", "text/plain", Reports.resource("rfc-example.json"))
                        .statusCode())
                .isEqualTo(415);
        HttpResponse<String> bomb = post("/tlsrpt", "application/tlsrpt+gzip", Reports.bomb(100));
        assertThat(bomb.statusCode()).isEqualTo(413);
        assertThat(bomb.body()).startsWith("compression ratio over the limit");
        HttpResponse<String> notAReport =
                post("/tlsrpt", "application/tlsrpt+json", Reports.resource("not-a-report.json"));
        assertThat(notAReport.statusCode()).isEqualTo(400);
        assertThat(notAReport.body()).isEqualTo("not a TLS-RPT report: no organization-name\n");
    }

    @Test
    void pathsItServes() {
        assertThat(TlsRptReceiver.pathDomain("/tlsrpt")).isEmpty();
        assertThat(TlsRptReceiver.pathDomain("/tlsrpt/")).isEmpty();
        assertThat(TlsRptReceiver.pathDomain("/tlsrpt/example.com")).contains("example.com");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TlsRptReceiver.pathDomain("/tlsrpt/a/b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
