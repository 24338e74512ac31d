package dev.mtasts.core.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * The plain-text record of one SMTP conversation, for evidence: what was sent ({@code C: }), what was received
 * ({@code S: }) and what happened in between ({@code TLS: }, {@code --- }). What the server sends is untrusted, so
 * each of its lines is made printable (control and non-ASCII bytes become {@code \xNN}); every line is cut at
 * {@value #MAX_LINE_CHARS} characters, and the transcript stops growing at {@value #MAX_LINES} lines.
 */
final class Transcript {
    static final int MAX_LINES = 48;
    static final int MAX_LINE_CHARS = 200;

    private final List<String> lines = new ArrayList<>();
    private boolean cut;

    void client(String line) {
        add("C: " + printable(line));
    }

    void server(String line) {
        add("S: " + printable(line));
    }

    /** The prober's own words (which quote server text only in its printable form): only control characters go. */
    void note(String line) {
        add(cut(line.replaceAll("\\p{Cntrl}", "?")));
    }

    List<String> lines() {
        if (!cut) {
            return List.copyOf(lines);
        }
        List<String> all = new ArrayList<>(lines);
        all.add("(transcript cut after " + MAX_LINES + " lines)");
        return List.copyOf(all);
    }

    private static String cut(String text) {
        return text.length() <= MAX_LINE_CHARS ? text : text.substring(0, MAX_LINE_CHARS) + "…";
    }

    private void add(String line) {
        if (lines.size() >= MAX_LINES) {
            cut = true;
            return;
        }
        lines.add(line);
    }

    /**
     * {@code text} (decoded as ISO-8859-1, one char per byte) with every byte outside printable ASCII written as
     * {@code \xNN}, and cut with an ellipsis after {@value #MAX_LINE_CHARS} characters.
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character >= 0x20 && character < 0x7f) {
                out.append(character);
            } else {
                out.append(String.format("\\x%02x", (int) character & 0xff));
            }
            if (out.length() >= MAX_LINE_CHARS) {
                return out.substring(0, MAX_LINE_CHARS) + "…";
            }
        }
        return out.toString();
    }
}
