package dev.mtasts.checks.record;

import java.util.List;
import java.util.Locale;

/** Renders record text for messages and evidence: control and non-ASCII characters become visible escapes. */
public final class RecordText {
    private RecordText() {}

    /** A character as users should read it in a message, e.g. {@code "-"}, {@code 0x00}, {@code 0xC3}. */
    public static String describe(char character) {
        if (character >= 0x21 && character <= 0x7E) {
            return "\"" + character + "\"";
        }
        if (character == ' ') {
            return "a space";
        }
        if (character == '\t') {
            return "a tab";
        }
        if (character <= 0xFF) {
            return String.format(Locale.ROOT, "byte 0x%02X", (int) character);
        }
        return String.format(Locale.ROOT, "U+%04X", (int) character);
    }

    /**
     * A TXT record as a zone-file line: {@code name. ttl IN TXT "string" "string"}, with {@code "} and {@code \}
     * escaped and every byte outside printable ASCII written as {@code \DDD}, as zone files do.
     */
    public static String zoneLine(String name, long ttlSeconds, List<String> strings) {
        StringBuilder line =
                new StringBuilder().append(name).append(". ").append(ttlSeconds).append(" IN TXT");
        for (String string : strings) {
            line.append(" \"").append(escape(string)).append('"');
        }
        return line.toString();
    }

    /** A character-string with {@code "} and {@code \} escaped and other unprintables as {@code \DDD}. */
    public static String escape(String string) {
        StringBuilder escaped = new StringBuilder(string.length());
        for (int index = 0; index < string.length(); index++) {
            char character = string.charAt(index);
            if (character == '"' || character == '\\') {
                escaped.append('\\').append(character);
            } else if (character >= 0x20 && character <= 0x7E) {
                escaped.append(character);
            } else if (character <= 0xFF) {
                escaped.append(String.format(Locale.ROOT, "\\%03d", (int) character));
            } else {
                escaped.append(String.format(Locale.ROOT, "\\u%04X", (int) character));
            }
        }
        return escaped.toString();
    }

    /** Text from DNS for a message: every character outside printable ASCII written as {@code \DDD}. */
    public static String printable(String text) {
        StringBuilder printable = new StringBuilder(text.length());
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character >= 0x20 && character <= 0x7E) {
                printable.append(character);
            } else if (character <= 0xFF) {
                printable.append(String.format(Locale.ROOT, "\\%03d", (int) character));
            } else {
                printable.append(String.format(Locale.ROOT, "\\u%04X", (int) character));
            }
        }
        return printable.toString();
    }

    /** Cuts a long string for a message, marking the cut. */
    public static String abbreviate(String text, int maximum) {
        if (text.length() <= maximum) {
            return text;
        }
        return text.substring(0, maximum) + "…";
    }

    private static final List<String> NUMBERS =
            List.of("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten");

    /** A count in words for small numbers: {@code count(2, "record")} is {@code two records}. */
    public static String count(int count, String noun) {
        String number = count < NUMBERS.size() ? NUMBERS.get(count) : Integer.toString(count);
        return number + " " + noun + (count == 1 ? "" : "s");
    }
}
