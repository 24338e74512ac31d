package dev.mtasts.core.smtp;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SMTP replies (RFC 5321 §4.2) from an untrusted server with hard limits: each reply must arrive completely
 * within its timeout and stay within {@value #MAX_REPLY_BYTES} bytes and {@value #MAX_REPLY_LINES} lines.
 *
 * <p>Reads one byte at a time from the socket, with no buffering, so that nothing the server sends after the reply
 * to STARTTLS is swallowed before the TLS layer takes over the socket. Lines end with CRLF; a bare LF is accepted.
 */
final class SmtpReplyReader {
    static final int MAX_REPLY_BYTES = 8 * 1024;
    static final int MAX_REPLY_LINES = 64;

    private static final Pattern REPLY_LINE = Pattern.compile("([2-5][0-9][0-9])(?:([ -])(.*))?");

    /** One reply: its code and the text of each line (without code and separator). */
    record Reply(int code, List<String> lines) {
        Reply {
            lines = List.copyOf(requireNonNull(lines, "lines is null"));
        }

        boolean isPositive() {
            return code >= 200 && code < 300;
        }

        /** The reply's text, its lines joined with a space. */
        String text() {
            return String.join(" ", lines);
        }

        /** The first line as received, e.g. {@code 454 4.7.0 TLS not available}. */
        String firstLine() {
            return lines.isEmpty() || lines.getFirst().isEmpty()
                    ? Integer.toString(code)
                    : code + " " + lines.getFirst();
        }
    }

    /** Why no reply could be read. */
    static final class ReplyException extends Exception {
        enum Kind {
            /** Nothing, or only part of a reply, arrived in time. */
            TIMEOUT,
            /** What arrived is not an SMTP reply, or is over the limits. */
            MALFORMED,
            /** The server closed the connection. */
            CLOSED
        }

        private final Kind kind;

        ReplyException(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        Kind kind() {
            return kind;
        }
    }

    private final Socket socket;
    private final InputStream input;
    private final Transcript transcript;

    /** Reads from {@code input}, which belongs to {@code socket} (or to a TLS socket layered over it). */
    SmtpReplyReader(Socket socket, InputStream input, Transcript transcript) {
        this.socket = requireNonNull(socket, "socket is null");
        this.input = requireNonNull(input, "input is null");
        this.transcript = requireNonNull(transcript, "transcript is null");
    }

    /** Reads one complete reply, which must arrive within {@code timeout}. */
    Reply read(Duration timeout) throws ReplyException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> texts = new ArrayList<>();
        int code = -1;
        int bytes = 0;
        while (true) {
            String line = readLine(deadline, MAX_REPLY_BYTES - bytes, texts.isEmpty());
            bytes += line.length() + 2;
            transcript.server(line);
            Matcher matcher = REPLY_LINE.matcher(line);
            if (!matcher.matches()) {
                throw new ReplyException(
                        ReplyException.Kind.MALFORMED,
                        "'" + Transcript.printable(line) + "' is not an SMTP reply line");
            }
            int lineCode = Integer.parseInt(matcher.group(1));
            if (code != -1 && lineCode != code) {
                throw new ReplyException(
                        ReplyException.Kind.MALFORMED,
                        "a reply mixes the codes " + code + " and " + lineCode + " in one reply");
            }
            code = lineCode;
            texts.add(matcher.group(3) == null ? "" : matcher.group(3));
            boolean last = matcher.group(2) == null || matcher.group(2).equals(" ");
            if (last) {
                return new Reply(code, texts);
            }
            if (texts.size() >= MAX_REPLY_LINES) {
                throw new ReplyException(
                        ReplyException.Kind.MALFORMED, "a reply went on for more than " + MAX_REPLY_LINES + " lines");
            }
        }
    }

    /**
     * One line without its terminator. A line cut short by the deadline, the byte limit or the end of the stream is
     * reported with what arrived of it, so the transcript shows what the server did send.
     */
    private String readLine(long deadline, int limit, boolean firstOfReply) throws ReplyException, IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw partial(line, ReplyException.Kind.TIMEOUT, "no complete reply within the time allowed");
            }
            socket.setSoTimeout((int) Math.max(
                    1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(remaining).toMillis())));
            int next;
            try {
                next = input.read();
            } catch (SocketTimeoutException e) {
                throw partial(line, ReplyException.Kind.TIMEOUT, "no complete reply within the time allowed");
            }
            if (next < 0) {
                if (line.size() == 0 && firstOfReply) {
                    throw new ReplyException(ReplyException.Kind.CLOSED, "the server closed the connection");
                }
                throw partial(line, ReplyException.Kind.CLOSED, "the server closed the connection mid-reply");
            }
            if (next == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (line.size() + 2 >= limit) {
                throw partial(
                        line, ReplyException.Kind.MALFORMED, "a reply was longer than " + MAX_REPLY_BYTES + " bytes");
            }
            line.write(next);
        }
    }

    /**
     * A failure with the partial line in the transcript. Bytes that cannot start an SMTP reply make it malformed
     * whatever stopped the reading: a server that sends a non-SMTP banner and then waits is not merely slow.
     */
    private ReplyException partial(ByteArrayOutputStream line, ReplyException.Kind kind, String message) {
        if (line.size() == 0) {
            return new ReplyException(kind, message);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        transcript.server(text + " (incomplete)");
        if (kind != ReplyException.Kind.MALFORMED && !startsLikeAReply(text)) {
            return new ReplyException(
                    ReplyException.Kind.MALFORMED, "'" + Transcript.printable(text) + "' is not an SMTP reply line");
        }
        return new ReplyException(kind, message);
    }

    private static boolean startsLikeAReply(String text) {
        for (int index = 0; index < Math.min(3, text.length()); index++) {
            char character = text.charAt(index);
            if (index == 0 ? character < '2' || character > '5' : character < '0' || character > '9') {
                return false;
            }
        }
        return text.length() <= 3 || text.charAt(3) == ' ' || text.charAt(3) == '-';
    }
}
