package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.frontend.HttpRoute;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 12 gap 4: slow and greedy peers against the bot's HTTP server. */
class TestBotHttpServerHardening {
    private final AtomicBoolean bodyRead = new AtomicBoolean();
    private BotHttpServer server;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void start() throws Exception {
        HttpRoute signed = new HttpRoute("/signed", false, 1024, List.of("X-Signature"), call -> {
            bodyRead.set(true);
            byte[] body = call.body().readAllBytes();
            call.respond(200, "text/plain", ("got " + body.length).getBytes(StandardCharsets.UTF_8));
        });
        server = new BotHttpServer(
                new BotConfig.Http(0, "127.0.0.1", 1000, 2, 3, 4096, null, null), List.of(signed), List.of());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void healthzAnswersWhile300SlowHeaderConnectionsAreOpenAndTheyAreClosedByTheHeadDeadline() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
                socket.setSoTimeout(6_000);
                socket.getOutputStream()
                        .write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            long start = System.nanoTime();
            HttpResponse<String> health = get("/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            // Drip a header byte now and then: the idle timeout alone would never fire.
            for (int tick = 0; tick < 8; tick++) {
                Thread.sleep(500);
                for (Socket socket : slow) {
                    try {
                        socket.getOutputStream().write('X');
                    } catch (IOException closed) {
                        // closed by the server: what we want
                    }
                }
            }
            long stillOpen = slow.stream()
                    .filter(TestBotHttpServerHardening::peerStillOpen)
                    .count();
            assertThat(stillOpen)
                    .as("slow connections left open after the 2 s head deadline")
                    .isZero();
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void oversizedOrUnsignedBodyIsRefusedFromTheHeadersWithoutReadingIt() throws Exception {
        HttpResponse<String> unsigned = client.send(
                HttpRequest.newBuilder(uri("/signed"))
                        .POST(HttpRequest.BodyPublishers.ofString("hello"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /signed HTTP/1.1\r\nHost: x\r\nX-Signature: s\r\nContent-Length: 1048576\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // No body byte sent: the answer comes from the headers alone.
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
        assertThat(bodyRead).isFalse();
        HttpResponse<String> ok = client.send(
                HttpRequest.newBuilder(uri("/signed"))
                        .header("X-Signature", "s")
                        .POST(HttpRequest.BodyPublishers.ofString("hello"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.body()).isEqualTo("got 5");
    }

    @Test
    void chunkedBodyOverTheLimitIsCutOff() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /signed HTTP/1.1\r\nHost: x\r\nX-Signature: s\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 4; i++) {
                out.write(("400\r\n" + "a".repeat(1024) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(reply).startsWith("HTTP/1.1 5").doesNotContain("200");
        }
    }

    @Test
    void unknownPathIs404AndOversizedHeadIsRefused() throws Exception {
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> huge = client.send(
                HttpRequest.newBuilder(uri("/healthz"))
                        .header("X-Big", "a".repeat(8000))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(huge.statusCode()).isEqualTo(431);
    }

    private static boolean peerStillOpen(Socket socket) {
        try {
            socket.setSoTimeout(200);
            InputStream in = socket.getInputStream();
            return in.read() != -1;
        } catch (java.net.SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
