package dev.mtasts.core.net;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The answer to one HTTP/1.1 request on a connection that closes after it (RFC 9112): the status line (interim 1xx
 * answers skipped), the header fields with lower-case names, and at most {@code cap} bytes of the body, framed by
 * {@code Transfer-Encoding: chunked}, by {@code Content-Length}, or by the end of the connection. Reading stops as soon
 * as the body is known to be longer than the cap; the rest is never read.
 *
 * @param headers header names in lower case, values in the order received
 * @param truncated whether the body was longer than the cap (then {@code body} holds its first {@code cap} bytes)
 */
record Http11Response(int status, Map<String, List<String>> headers, byte[] body, boolean truncated) {
    /** The status line and all header fields together may not be longer than this. */
    static final int MAX_HEAD_BYTES = 64 * 1024;

    Http11Response {
        requireNonNull(headers, "headers is null");
        requireNonNull(body, "body is null");
    }

    /** Runs before every read from the connection (the fetcher shortens the read timeout to the total deadline). */
    @FunctionalInterface
    interface BeforeRead {
        void run() throws IOException;
    }

    /**
     * Reads one response from {@code input}. Throws {@link ProtocolException} when the peer does not speak HTTP/1.x
     * or a framed body ends early, and a plain {@link IOException} when the connection closes before any answer.
     */
    static Http11Response read(InputStream input, int cap, BeforeRead beforeRead) throws IOException {
        if (cap <= 0) {
            throw new IllegalArgumentException("cap must be positive");
        }
        Reader reader = new Reader(input, beforeRead);
        while (true) {
            String statusLine = reader.line();
            if (statusLine == null) {
                throw new IOException("the server closed the connection without answering");
            }
            int status = status(statusLine);
            Map<String, List<String>> headers = headers(reader);
            if (status >= 100 && status < 200 && status != 101) {
                continue; // 100 Continue, 103 Early Hints: the real answer follows
            }
            if (status == 101) {
                throw new ProtocolException("the server switched protocols (101) without being asked");
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (status != 204 && status != 304) {
                if (chunked(headers)) {
                    reader.chunked(body, cap + 1);
                } else {
                    long length = contentLength(headers);
                    if (length >= 0) {
                        reader.exactly(body, Math.min(length, cap + 1L));
                    } else {
                        reader.untilEnd(body, cap + 1);
                    }
                }
            }
            byte[] bytes = body.toByteArray();
            boolean truncated = bytes.length > cap;
            return new Http11Response(
                    status, headers, truncated ? java.util.Arrays.copyOf(bytes, cap) : bytes, truncated);
        }
    }

    private static int status(String line) throws ProtocolException {
        // HTTP/1.1 200 OK (the reason phrase may be empty or missing)
        if (!(line.startsWith("HTTP/1.1 ") || line.startsWith("HTTP/1.0 "))
                || line.length() < 12
                || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new ProtocolException("unexpected status line: " + printable(line));
        }
        int status = 0;
        for (int index = 9; index < 12; index++) {
            char digit = line.charAt(index);
            if (digit < '0' || digit > '9') {
                throw new ProtocolException("unexpected status line: " + printable(line));
            }
            status = status * 10 + (digit - '0');
        }
        if (status < 100) {
            throw new ProtocolException("unexpected status line: " + printable(line));
        }
        return status;
    }

    private static Map<String, List<String>> headers(Reader reader) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        while (true) {
            String line = reader.line();
            if (line == null) {
                throw new ProtocolException("the connection ended inside the response header");
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new ProtocolException("malformed header line: " + printable(line));
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.computeIfAbsent(name, key -> new ArrayList<>(1)).add(value);
        }
    }

    private static boolean chunked(Map<String, List<String>> headers) {
        List<String> values = headers.getOrDefault("transfer-encoding", List.of());
        return values.stream().anyMatch(value -> value.toLowerCase(Locale.ROOT).contains("chunked"));
    }

    /** The declared length, or -1 when there is none (the body then ends with the connection). */
    private static long contentLength(Map<String, List<String>> headers) throws ProtocolException {
        List<String> values = headers.getOrDefault("content-length", List.of());
        long length = -1;
        for (String value : values) {
            long parsed;
            try {
                parsed = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new ProtocolException("invalid Content-Length: " + printable(value));
            }
            if (parsed < 0 || (length >= 0 && parsed != length)) {
                throw new ProtocolException("invalid Content-Length: " + printable(value));
            }
            length = parsed;
        }
        return length;
    }

    private static String printable(String text) {
        String shortened = text.length() > 100 ? text.substring(0, 100) + "…" : text;
        StringBuilder out = new StringBuilder(shortened.length());
        shortened.codePoints().forEach(c -> out.append(c < 0x20 || c == 0x7f ? '?' : (char) c));
        return out.toString();
    }

    /** Buffered reads from the connection, each preceded by {@link BeforeRead}. */
    private static final class Reader {
        private final InputStream input;
        private final BeforeRead beforeRead;
        private final byte[] buffer = new byte[8192];
        private int position;
        private int limit;
        private int headBytes;

        Reader(InputStream input, BeforeRead beforeRead) {
            this.input = requireNonNull(input, "input is null");
            this.beforeRead = requireNonNull(beforeRead, "beforeRead is null");
        }

        /** Whether more bytes are buffered; false at the end of the stream. */
        private boolean fill() throws IOException {
            if (position < limit) {
                return true;
            }
            beforeRead.run();
            int read = input.read(buffer, 0, buffer.length);
            if (read < 0) {
                return false;
            }
            position = 0;
            limit = read;
            return true;
        }

        /** One head line without its CRLF (or bare LF), or null at the end of the stream before any byte of it. */
        @org.jspecify.annotations.Nullable
        String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(64);
            while (true) {
                if (!fill()) {
                    if (line.size() == 0) {
                        return null;
                    }
                    throw new ProtocolException("the connection ended inside a line");
                }
                byte next = buffer[position++];
                if (++headBytes > MAX_HEAD_BYTES) {
                    throw new ProtocolException("the response header is longer than " + MAX_HEAD_BYTES + " bytes");
                }
                if (next == '\n') {
                    byte[] bytes = line.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
                }
                line.write(next);
            }
        }

        /** Copies {@code count} bytes; the stream ending first is a protocol error. */
        void exactly(ByteArrayOutputStream out, long count) throws IOException {
            long left = count;
            while (left > 0) {
                if (!fill()) {
                    throw new ProtocolException("unexpected end of stream: the body ended before its declared length");
                }
                int take = (int) Math.min(left, limit - position);
                out.write(buffer, position, take);
                position += take;
                left -= take;
            }
        }

        /** Copies until the stream ends or {@code max} bytes are read. */
        void untilEnd(ByteArrayOutputStream out, int max) throws IOException {
            while (out.size() < max && fill()) {
                int take = Math.min(max - out.size(), limit - position);
                out.write(buffer, position, take);
                position += take;
            }
        }

        /** Decodes a chunked body until its last chunk or until {@code max} bytes are read. */
        void chunked(ByteArrayOutputStream out, int max) throws IOException {
            while (out.size() < max) {
                String sizeLine = line();
                if (sizeLine == null) {
                    throw new ProtocolException(
                            "unexpected end of stream: the chunked body ended without its last chunk");
                }
                long size = chunkSize(sizeLine);
                if (size == 0) {
                    return; // trailers, if any, are never needed: the connection closes
                }
                long take = Math.min(size, max - out.size());
                exactly(out, take);
                if (take < size) {
                    return;
                }
                String end = line();
                if (end == null || !end.isEmpty()) {
                    throw new ProtocolException("a chunk was longer than its declared size");
                }
            }
        }

        private static long chunkSize(String line) throws ProtocolException {
            int end = line.indexOf(';');
            String hex = (end >= 0 ? line.substring(0, end) : line).trim();
            if (hex.isEmpty() || hex.length() > 15) {
                throw new ProtocolException("invalid chunk size: " + printable(line));
            }
            try {
                return Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("invalid chunk size: " + printable(line));
            }
        }
    }
}
