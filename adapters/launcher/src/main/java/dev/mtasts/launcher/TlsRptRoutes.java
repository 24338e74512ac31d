package dev.mtasts.launcher;

import dev.mtasts.core.frontend.HttpRoute;
import dev.mtasts.tlsrpt.TlsRptReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The RFC 8460 §5.3 reporting endpoint of {@code serve}: {@code POST /tlsrpt} and {@code POST /tlsrpt/{domain}} hand
 * the body to {@link TlsRptReceiver} and send its status and one line of text back.
 */
final class TlsRptRoutes {
    private static final String TEXT = "text/plain; charset=utf-8";
    /** After an early answer (413, 415), read at most this much more, so the sender sees the answer, not a reset. */
    private static final int DRAIN_BYTES = 1024 * 1024;

    private TlsRptRoutes() {}

    static HttpRoute route(TlsRptReceiver receiver, long maxBodyBytes) {
        return new HttpRoute(TlsRptReceiver.PATH, true, maxBodyBytes + 1, List.of(), call -> handle(receiver, call));
    }

    private static void handle(TlsRptReceiver receiver, HttpRoute.Call call) throws IOException {
        Optional<String> domain;
        try {
            domain = TlsRptReceiver.pathDomain(call.path());
        } catch (IllegalArgumentException e) {
            call.respond(404, TEXT, "not found\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!call.method().equals("POST")) {
            call.responseHeader("Allow", "POST");
            call.respond(405, TEXT, "POST a TLS-RPT report (RFC 8460)\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        OptionalLong length = call.header("Content-Length")
                .flatMap(TlsRptRoutes::number)
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
        InputStream body = call.body();
        TlsRptReceiver.Reply reply =
                receiver.receive(domain, call.header("Content-Type").orElse(""), length, body);
        drain(body);
        call.respond(reply.status(), TEXT, reply.body().getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void drain(InputStream body) {
        byte[] buffer = new byte[8192];
        long left = DRAIN_BYTES;
        try {
            int read;
            while (left > 0 && (read = body.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
                left -= read;
            }
        } catch (IOException e) {
            // over the cap or the peer went away: the answer is sent anyway, or the connection dropped
        }
    }
}
