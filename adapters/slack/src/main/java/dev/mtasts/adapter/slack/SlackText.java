package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

/**
 * Makes untrusted text (domains, TXT records, policy files, certificate names, what users typed) inert in Slack
 * {@code mrkdwn}. Slack reads only three characters as markup that can reach anyone — {@code &}, {@code <} and
 * {@code >} start entities, mentions ({@code <!channel>}, {@code <@U…>}) and links ({@code <https://x|label>}) — so
 * those three are entity-encoded and nothing else. Backticks are replaced by a look-alike ({@code ˋ}, U+02CB) inside
 * code, so untrusted text can never close a code span or block. Control characters other than line breaks are made
 * visible. Lengths are counted after escaping, so a limit is never exceeded by an entity and an entity is never cut.
 */
public final class SlackText {
    /** What replaces a backtick inside code: U+02CB MODIFIER LETTER GRAVE ACCENT. */
    static final char BACKTICK_LOOKALIKE = '\u02CB';

    private static final String ELLIPSIS = "…";

    private SlackText() {}

    /** {@code text} escaped for mrkdwn outside code: {@code &}, {@code <}, {@code >} become entities. */
    public static String escape(String text) {
        return escape(text, Integer.MAX_VALUE);
    }

    /** {@link #escape(String)} cut to at most {@code limit} characters (an ellipsis marks the cut). */
    public static String escape(String text, int limit) {
        return encode(text, limit, false, false);
    }

    /** {@code text} on one line, escaped, in an inline code span ({@code `…`}) of at most {@code limit} characters. */
    public static String code(String text, int limit) {
        requireAtLeast(limit, 3);
        return "`" + encode(text, limit - 2, true, true) + "`";
    }

    /** {@code text} escaped in a code block ({@code ```…```}) of at most {@code limit} characters. */
    public static String codeBlock(String text, int limit) {
        requireAtLeast(limit, 8);
        return "```" + encode(text, limit - 6, true, false) + "```";
    }

    /** Plain text (for {@code plain_text} objects) cut to {@code limit} characters; Slack shows it as is. */
    public static String plain(String text, int limit) {
        requireNonNull(text, "text is null");
        requireAtLeast(limit, 2);
        String visible = visible(text, false);
        if (visible.length() <= limit) {
            return visible;
        }
        int end = limit - 1;
        if (Character.isHighSurrogate(visible.charAt(end - 1))) {
            end--;
        }
        return visible.substring(0, end) + ELLIPSIS;
    }

    private static String encode(String text, int limit, boolean inCode, boolean oneLine) {
        requireNonNull(text, "text is null");
        requireAtLeast(limit, 1);
        String visible = visible(text, oneLine);
        StringBuilder out = new StringBuilder(Math.min(visible.length() + 16, limit));
        int offset = 0;
        while (offset < visible.length()) {
            int codePoint = visible.codePointAt(offset);
            String piece =
                    switch (codePoint) {
                        case '&' -> "&amp;";
                        case '<' -> "&lt;";
                        case '>' -> "&gt;";
                        case '`' -> inCode ? String.valueOf(BACKTICK_LOOKALIKE) : "`";
                        default -> new String(Character.toChars(codePoint));
                    };
            int remaining = visible.length() - offset - Character.charCount(codePoint);
            int room = remaining == 0 ? limit : limit - ELLIPSIS.length();
            if (out.length() + piece.length() > room) {
                out.append(ELLIPSIS);
                return out.toString();
            }
            out.append(piece);
            offset += Character.charCount(codePoint);
        }
        return out.toString();
    }

    /** Control and format characters become {@code \\uXXXX}; tabs become spaces; line breaks stay unless one line. */
    private static String visible(String text, boolean oneLine) {
        StringBuilder out = new StringBuilder(text.length());
        String normalised = text.replace("\r\n", "\n");
        normalised.codePoints().forEach(codePoint -> {
            if (codePoint == '\n') {
                out.append(oneLine ? " " : "\n");
            } else if (codePoint == '\t') {
                out.append(' ');
            } else if (Character.getType(codePoint) == Character.CONTROL
                    || Character.getType(codePoint) == Character.FORMAT
                    || Character.getType(codePoint) == Character.LINE_SEPARATOR
                    || Character.getType(codePoint) == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04x", codePoint));
            } else {
                out.appendCodePoint(codePoint);
            }
        });
        return out.toString();
    }

    private static void requireAtLeast(int limit, int minimum) {
        if (limit < minimum) {
            throw new IllegalArgumentException("limit must be at least " + minimum + ", not " + limit);
        }
    }
}
