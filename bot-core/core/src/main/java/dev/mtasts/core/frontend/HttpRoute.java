package dev.mtasts.core.frontend;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A path the bot's HTTP server serves besides {@code /healthz}, contributed by a front end through a Guice
 * {@code Multibinder<HttpRoute>} (e.g. Slack's {@code /slack/events}). Server-neutral: the server checks the limits
 * declared here from the request line and headers, before any body byte is read.
 *
 * @param path the path, starting with {@code /}
 * @param prefix whether every path below {@code path} is served too (e.g. {@code /report/} for permalinks)
 * @param maxBodyBytes a request whose declared Content-Length is larger is refused with 413 before its body is read;
 *     a body without a length is cut off at this size ({@link Call#body()} then fails)
 * @param requiredHeaders a request missing any of these is refused with 401 before its body is read
 * @param handler answers the request
 */
public record HttpRoute(String path, boolean prefix, long maxBodyBytes, List<String> requiredHeaders, Handler handler) {
    public HttpRoute {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(handler, "handler is null");
        requiredHeaders = requiredHeaders == null ? List.of() : List.copyOf(requiredHeaders);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/': " + path);
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative: " + maxBodyBytes);
        }
    }

    /** A route for exactly {@code path} that takes no request body. */
    public static HttpRoute exact(String path, Handler handler) {
        return new HttpRoute(path, false, 0, List.of(), handler);
    }

    /** Whether this route serves {@code requestPath}. */
    public boolean matches(String requestPath) {
        return prefix ? requestPath.startsWith(path) : requestPath.equals(path);
    }

    /** Answers one request. Runs on a virtual thread; may block. */
    @FunctionalInterface
    public interface Handler {
        void handle(Call call) throws IOException;
    }

    /** One request and its response, independent of the server that carries them. */
    public interface Call {
        String method();

        /** The decoded path, e.g. {@code /report/example.com}. */
        String path();

        /** The raw query string, empty when there is none. */
        String rawQuery();

        /** The first value of a (URL-decoded) query parameter. */
        Optional<String> queryParameter(String name);

        /** The first value of a request header (case-insensitive name). */
        Optional<String> header(String name);

        /** All request headers, names as sent. */
        Map<String, List<String>> headers();

        /** The peer's IP address as text. */
        String remoteAddress();

        /**
         * The request body, capped at the route's {@code maxBodyBytes}: reading past the cap throws
         * {@link BodyTooLargeException}. Reads time out as the server is configured.
         */
        InputStream body();

        /** Sets a response header; call before {@link #respond} or {@link #stream}. */
        void responseHeader(String name, String value);

        /** Sends a complete response. */
        void respond(int status, String contentType, byte[] body) throws IOException;

        /** Starts a streamed response (e.g. server-sent events); {@code flush()} sends what was written. */
        OutputStream stream(int status, String contentType) throws IOException;
    }

    /** Thrown by {@link Call#body()} when a body is longer than its route allows. */
    public static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        public BodyTooLargeException(long limit) {
            super("request body larger than " + limit + " bytes");
        }
    }
}
