package dev.mtasts.adapter.discord;

import static java.util.Objects.requireNonNull;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes untrusted text (domains, DNS records, policy files, certificate names, error strings) inert in Discord
 * markdown. JDA's {@code MarkdownSanitizer} covers emphasis and code but leaves masked links {@code [x](url)},
 * headings, {@code @everyone} and {@code <@&id>} alone; this class covers those too. Allowed mentions are emptied on
 * every message as well, so a mention that slipped through would still not ping.
 */
public final class DiscordMarkdown {
    /** Characters Discord markdown gives a meaning anywhere in a line; a backslash makes each literal. */
    private static final String SPECIAL = "\\*_~`|[]<>#";

    private static final Pattern EVERYONE = Pattern.compile("@(everyone|here)", Pattern.CASE_INSENSITIVE);
    private static final char ZERO_WIDTH_SPACE = '\u200B';
    private static final char REPLACEMENT = '\uFFFD';
    private static final String ELLIPSIS = "…";

    private DiscordMarkdown() {}

    /**
     * Escapes {@code text} for embed descriptions, field values and message content: every markdown character gets a
     * backslash, a {@code -} or {@code +} or a numbered-list marker at the start of a line (lists, {@code -#}
     * subtext) too, {@code @everyone}/{@code @here} get a zero-width space after the {@code @}, and control, bidi
     * override and other invisible characters (zero-width spaces, joiners, fillers) become U+FFFD. Line breaks are kept.
     */
    public static String escape(String text) {
        requireNonNull(text, "text is null");
        String cleaned = clean(text);
        StringBuilder out = new StringBuilder(cleaned.length() + 16);
        boolean lineStart = true;
        for (int index = 0; index < cleaned.length(); index++) {
            char c = cleaned.charAt(index);
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            } else if (lineStart && (c == '-' || c == '+' || c == '=')) {
                out.append('\\');
            } else if (lineStart && Character.isDigit(c) && startsNumberedItem(cleaned, index)) {
                // "1. x" would become a list item; "1\. x" stays text.
                int dot = cleaned.indexOf('.', index);
                out.append(cleaned, index, dot).append("\\.");
                index = dot;
                lineStart = false;
                continue;
            }
            out.append(c);
            if (c == '\n') {
                lineStart = true;
            } else if (c != ' ' && c != '\t') {
                lineStart = false;
            }
        }
        return neutraliseEveryone(out.toString());
    }

    /** Escapes text meant to stay on one line (field names, titles): line breaks become spaces. */
    public static String escapeLine(String text) {
        requireNonNull(text, "text is null");
        return escape(text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
    }

    /**
     * Wraps untrusted text in a fenced code block, where no markdown applies. A run of backticks could close the
     * fence early, so every backtick is followed by a zero-width space; the text keeps its look. Text longer than
     * {@code max} characters (fences included) is cut, and the cut is said after the block: "… 1234 more
     * characters".
     */
    public static String codeBlock(String text, int max) {
        requireNonNull(text, "text is null");
        String inner = neutraliseEveryone(clean(text).replace("`", "`" + ZERO_WIDTH_SPACE));
        String open = "```\n";
        String close = inner.endsWith("\n") ? "```" : "\n```";
        if (open.length() + inner.length() + close.length() <= max) {
            return open + inner + close;
        }
        // The note's length is bounded by the longest count it can show, so the result never exceeds max.
        String longestNote = "\n" + ELLIPSIS + " " + inner.length() + " more characters";
        int room = max - open.length() - "\n```".length() - longestNote.length();
        if (room < 1) {
            return truncate(ELLIPSIS + " " + inner.length() + " characters not shown", max);
        }
        String kept = cut(inner, room);
        return open + kept + "\n```\n" + ELLIPSIS + " " + (inner.length() - kept.length()) + " more characters";
    }

    /**
     * Cuts already escaped text to at most {@code max} characters, ending with "…" when cut. Never splits a
     * surrogate pair or leaves a lone escaping backslash at the end.
     */
    public static String truncate(String text, int max) {
        requireNonNull(text, "text is null");
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, not " + max);
        }
        if (text.length() <= max) {
            return text;
        }
        return cut(text, max - ELLIPSIS.length()) + ELLIPSIS;
    }

    /** The longest prefix of at most {@code length} characters that ends on a whole character and escape. */
    static String cut(String text, int length) {
        int end = Math.max(0, Math.min(length, text.length()));
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        int backslashes = 0;
        while (end - backslashes - 1 >= 0 && text.charAt(end - backslashes - 1) == '\\') {
            backslashes++;
        }
        if (backslashes % 2 == 1) {
            end--;
        }
        return text.substring(0, end);
    }

    private static boolean startsNumberedItem(String text, int index) {
        int position = index;
        while (position < text.length() && Character.isDigit(text.charAt(position))) {
            position++;
        }
        return position < text.length() - 1
                && text.charAt(position) == '.'
                && (text.charAt(position + 1) == ' ' || text.charAt(position + 1) == '\t');
    }

    private static String neutraliseEveryone(String text) {
        Matcher matcher = EVERYONE.matcher(text);
        return matcher.replaceAll(match -> Matcher.quoteReplacement("@" + ZERO_WIDTH_SPACE + match.group(1)));
    }

    /** Drops carriage returns, and replaces other control, bidi override and isolate characters with U+FFFD. */
    private static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\r') {
                return;
            }
            if (c == '\n' || c == '\t') {
                out.append((char) c);
            } else if (Character.isISOControl(c) || isInvisible(c)) {
                out.append(REPLACEMENT);
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /**
     * Characters that show nothing but change what a reader sees or what Discord parses: format characters
     * (zero-width space and joiners, word joiner, soft hyphen, BOM, bidi controls, tag characters) and blank letters
     * (Hangul fillers, the braille blank). They become a visible U+FFFD.
     */
    private static boolean isInvisible(int c) {
        return Character.getType(c) == Character.FORMAT
                || c == 0x115F
                || c == 0x1160
                || c == 0x3164
                || c == 0xFFA0
                || c == 0x2800
                || c == 0x180E;
    }
}
