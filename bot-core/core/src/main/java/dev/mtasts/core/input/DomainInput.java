package dev.mtasts.core.input;

import static java.util.Objects.requireNonNull;

import com.ibm.icu.text.IDNA;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns what a person typed or pasted into one mail domain name, or into a one-line reason why not.
 *
 * <p>Shared by every front end (CLI, Slack, Discord, web), so that they all accept and refuse the same things. It
 * accepts what people paste: surrounding whitespace, quotes or backticks, a URL with scheme, user, port, path, query
 * or fragment, an e-mail address (also as a {@code mailto:} link), a trailing dot, upper case, Unicode names (converted
 * to A-labels with UTS #46 non-transitional processing, bidi and CONTEXTJ checks and the STD3 letters-digits-hyphens
 * rule) and Slack's escaping ({@code <http://example.com|example.com>}, {@code &amp;}, {@code &lt;}, {@code &gt;}).
 *
 * <p>It refuses, without looking anything up: empty input, inner spaces, IP literals and all-numeric dotted names,
 * wildcards, empty labels, labels over 63 or names over 253 octets, labels starting or ending with a hyphen,
 * characters other than letters, digits and hyphens, single-label names and names ending in an all-numeric label.
 *
 * <p>Reasons are one line of plain text for users; they echo the input at most {@value #MAX_ECHO_CODE_POINTS}
 * characters long with control and formatting characters removed. Adapters still escape them for their platform.
 */
public final class DomainInput {
    /** Inputs longer than this many characters are refused before any other processing. */
    public static final int MAX_INPUT_LENGTH = 1024;

    static final int MAX_ECHO_CODE_POINTS = 80;
    static final int MAX_LABEL_OCTETS = 63;
    private static final int SHORT_ECHO_CODE_POINTS = 24;
    static final int MAX_NAME_OCTETS = 253;
    /** The longest prefix the checks put before the domain: {@code _mta-sts.} (the TLS-RPT one is shorter). */
    static final String LONGEST_PREFIX = "_mta-sts.";
    /** The longest domain whose {@code _mta-sts.} record name is still a valid DNS name: 244 octets. */
    static final int MAX_CHECKABLE_OCTETS = MAX_NAME_OCTETS - LONGEST_PREFIX.length();

    private static final String GIVE_ONE = "; give one domain name, e.g. example.com";
    private static final String ONLY_LDH = "; a domain name has only letters, digits, hyphens and dots";

    private static final IDNA IDNA_PROCESSOR = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.NONTRANSITIONAL_TO_UNICODE
            | IDNA.CHECK_BIDI
            | IDNA.CHECK_CONTEXTJ
            | IDNA.USE_STD3_RULES);

    private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
    private static final Pattern MAILTO = Pattern.compile("^mailto:", Pattern.CASE_INSENSITIVE);
    private static final Pattern PORT = Pattern.compile("[0-9]{0,5}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9._~-]+)?");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9A-Fa-f]*");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern LETTERS_DIGITS_HYPHENS = Pattern.compile("[a-z0-9-]+");

    private DomainInput() {}

    /** The outcome of {@link #parse}: a usable domain name or a reason for the user. */
    public sealed interface Result permits Valid, Invalid {
        /** The text exactly as it was given to {@link #parse}. */
        String input();
    }

    /**
     * A usable mail domain.
     *
     * @param input the text exactly as given
     * @param domain the domain as A-labels: ASCII, lower case, no trailing dot, at least two labels
     */
    public record Valid(String input, String domain) implements Result {
        public Valid {
            requireNonNull(input, "input is null");
            requireNonNull(domain, "domain is null");
            if (domain.isEmpty()) {
                throw new IllegalArgumentException("domain is empty");
            }
        }
    }

    /**
     * An input that is not one usable mail domain.
     *
     * @param input the text exactly as given (may be long; show {@link #reason()} to users, not this)
     * @param reason one line of plain text for the user saying what is wrong and what to give instead
     */
    public record Invalid(String input, String reason) implements Result {
        public Invalid {
            requireNonNull(input, "input is null");
            requireNonNull(reason, "reason is null");
        }
    }

    /** Normalises {@code raw} into one mail domain, or says in one line why it is not one. Never does I/O. */
    public static Result parse(String raw) {
        requireNonNull(raw, "raw is null");
        if (raw.length() > MAX_INPUT_LENGTH) {
            return new Invalid(
                    raw,
                    quoted(raw) + " is too long (" + raw.length() + " characters; the limit is " + MAX_INPUT_LENGTH
                            + ")" + GIVE_ONE);
        }
        Unwrapped unwrapped = unwrap(raw);
        String text = unwrapped.target();
        Optional<String> problem = findProblem(text, unwrapped);
        if (problem.isPresent()) {
            return new Invalid(raw, problem.get());
        }
        return switch (toDomain(text)) {
            case Stop stop -> new Invalid(raw, quoted(unwrapped.display()) + " " + stop.problem());
            case Proceed proceed -> new Valid(raw, proceed.text());
        };
    }

    /**
     * Cuts {@code text} down for echoing in a one-line message: control, formatting and separator characters are
     * dropped (tabs and line breaks become spaces), and at most {@value #MAX_ECHO_CODE_POINTS} characters are kept.
     */
    static String echo(String text) {
        return echo(text, MAX_ECHO_CODE_POINTS);
    }

    private static String echo(String text, int maxCodePoints) {
        StringBuilder builder = new StringBuilder();
        int kept = 0;
        int offset = 0;
        while (offset < text.length()) {
            int codePoint = text.codePointAt(offset);
            offset += Character.charCount(codePoint);
            if (codePoint == '\t' || codePoint == '\n' || codePoint == '\r') {
                codePoint = ' ';
            } else if (isInvisible(codePoint)) {
                continue;
            }
            if (kept == maxCodePoints) {
                builder.append('…');
                break;
            }
            builder.appendCodePoint(codePoint);
            kept++;
        }
        return builder.toString();
    }

    private static String quoted(String text) {
        return "'" + echo(text) + "'";
    }

    private static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE
                || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE;
    }

    /** Problems visible before the name itself is examined: emptiness, chat mentions, spaces. */
    private static Optional<String> findProblem(String text, Unwrapped unwrapped) {
        if (unwrapped.mention()) {
            return Optional.of(
                    quoted(unwrapped.display()) + " is a mention or a channel, not a domain name" + GIVE_ONE);
        }
        if (text.isEmpty()) {
            return Optional.of("Nothing to check" + GIVE_ONE);
        }
        if (text.codePoints().anyMatch(DomainInput::isSpace)) {
            return Optional.of(quoted(unwrapped.display()) + " has a space inside" + GIVE_ONE);
        }
        return Optional.empty();
    }

    private static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    private static boolean isEdgeJunk(int codePoint) {
        // Zero-width spaces, byte order marks and bidi marks come along when names are copied from documents.
        return isSpace(codePoint) || codePoint == '\u200B' || Character.getType(codePoint) == Character.FORMAT;
    }

    /**
     * What the user meant to send: Slack's HTML entities decoded, surrounding whitespace, quotes and backticks removed,
     * and a chat link ({@code <url|label>} or {@code <url>}) replaced by its target.
     *
     * @param target the text to interpret
     * @param display the text the user saw in the chat, for echoing
     * @param mention whether the text is a chat mention ({@code <@U123>}, {@code <#C123|general>}, {@code <!here>})
     */
    private record Unwrapped(String target, String display, boolean mention) {}

    private static Unwrapped unwrap(String raw) {
        String text = stripEdges(unescapeSlack(raw));
        String previous;
        do {
            previous = text;
            text = stripEdges(stripQuotes(text));
        } while (!text.equals(previous));
        if (text.length() >= 2 && text.startsWith("<") && text.endsWith(">")) {
            String inner = text.substring(1, text.length() - 1);
            boolean mention = !inner.isEmpty() && "@#!:".indexOf(inner.charAt(0)) >= 0;
            int bar = inner.indexOf('|');
            String target = stripEdges(bar >= 0 ? inner.substring(0, bar) : inner);
            String display = bar >= 0 ? stripEdges(inner.substring(bar + 1)) : target;
            return new Unwrapped(target, display.isEmpty() ? target : display, mention);
        }
        return new Unwrapped(text, text, false);
    }

    private static String unescapeSlack(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        StringBuilder builder = new StringBuilder(text.length());
        int index = 0;
        while (index < text.length()) {
            if (text.startsWith("&amp;", index)) {
                builder.append('&');
                index += 5;
            } else if (text.startsWith("&lt;", index)) {
                builder.append('<');
                index += 4;
            } else if (text.startsWith("&gt;", index)) {
                builder.append('>');
                index += 4;
            } else {
                builder.append(text.charAt(index));
                index++;
            }
        }
        return builder.toString();
    }

    private static String stripEdges(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isEdgeJunk(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isEdgeJunk(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    private static String stripQuotes(String text) {
        for (String pair : List.of("```", "``", "`", "\"\"", "''", "“”", "‘’")) {
            String open = pair.length() == 2 ? pair.substring(0, 1) : pair;
            String close = pair.length() == 2 ? pair.substring(1) : pair;
            if (text.length() >= open.length() + close.length() && text.startsWith(open) && text.endsWith(close)) {
                return text.substring(open.length(), text.length() - close.length());
            }
        }
        return text;
    }

    /** A step of the conversion: either go on with {@code text} or stop with a problem for the user. */
    private sealed interface Step permits Proceed, Stop {}

    private record Proceed(String text) implements Step {}

    /** A problem, phrased to follow the quoted input, e.g. {@code "has a space inside; ..."}. */
    private record Stop(String problem) implements Step {}

    private static Step toDomain(String text) {
        return switch (extractHost(text)) {
            case Stop stop -> stop;
            case Proceed proceed ->
                switch (checkBeforeIdna(proceed.text())) {
                    case Stop stop -> stop;
                    case Proceed host ->
                        switch (applyIdna(host.text())) {
                            case Stop stop -> stop;
                            case Proceed ascii -> checkAfterIdna(ascii.text());
                        };
                };
        };
    }

    /** Removes a URL's scheme, user, port, path, query and fragment, or an e-mail address's local part. */
    private static Step extractHost(String text) {
        String hostAndPort;
        if (URL_SCHEME.matcher(text).lookingAt() || text.startsWith("//")) {
            String authority = cutAtAny(text.substring(text.indexOf("//") + 2), "/?#\\");
            hostAndPort = afterLast(authority, '@');
        } else {
            boolean mailto = MAILTO.matcher(text).lookingAt();
            String address = mailto ? cutAtAny(text.substring("mailto:".length()), "?#") : cutAtAny(text, "/?#");
            if (address.indexOf(',') >= 0 || address.indexOf(';') >= 0) {
                return new Stop("names more than one address" + GIVE_ONE);
            }
            hostAndPort = afterLast(address, '@');
        }
        if (hostAndPort.startsWith("[")) {
            return new Stop("is an IP address, not a domain name; give the mail domain, e.g. example.com");
        }
        String host = hostAndPort;
        int colons =
                (int) hostAndPort.chars().filter(character -> character == ':').count();
        if (colons == 1) {
            int colon = hostAndPort.indexOf(':');
            host = hostAndPort.substring(0, colon);
            String port = hostAndPort.substring(colon + 1);
            if (!PORT.matcher(port).matches() || (!port.isEmpty() && Integer.parseInt(port) > 65535)) {
                return new Stop("has '" + echo(":" + port)
                        + "' after the name, which is not a port number; give just the domain name, e.g."
                        + " example.com");
            }
        } else if (colons > 1) {
            if (IPV6_LITERAL.matcher(hostAndPort).matches()) {
                return new Stop("is an IP address, not a domain name; give the mail domain, e.g. example.com");
            }
            return new Stop("has more than one ':'" + GIVE_ONE);
        }
        host = normaliseDots(host);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return new Stop("has no domain name in it" + GIVE_ONE);
        }
        return new Proceed(host);
    }

    private static String cutAtAny(String text, String stops) {
        for (int index = 0; index < text.length(); index++) {
            if (stops.indexOf(text.charAt(index)) >= 0) {
                return text.substring(0, index);
            }
        }
        return text;
    }

    private static String afterLast(String text, char separator) {
        return text.substring(text.lastIndexOf(separator) + 1);
    }

    /** UTS #46 maps these full stops to '.', so labels are split the same way before and after IDNA. */
    private static String normaliseDots(String host) {
        return host.replace('\u3002', '.').replace('\uFF0E', '.').replace('\uFF61', '.');
    }

    private static Step checkBeforeIdna(String host) {
        if (host.indexOf('*') >= 0) {
            return new Stop("contains the wildcard '*'; give one actual domain name, e.g. example.com");
        }
        Optional<String> emptyLabel = findEmptyLabel(host);
        if (emptyLabel.isPresent()) {
            return new Stop(emptyLabel.get());
        }
        for (int index = 0; index < host.length(); index++) {
            char character = host.charAt(index);
            boolean allowed = (character >= 'a' && character <= 'z')
                    || (character >= 'A' && character <= 'Z')
                    || (character >= '0' && character <= '9')
                    || character == '-'
                    || character == '.'
                    || character >= 0x80;
            if (!allowed) {
                return new Stop("contains " + describeCharacter(character) + ONLY_LDH);
            }
        }
        return new Proceed(host);
    }

    private static Optional<String> findEmptyLabel(String name) {
        if (name.startsWith(".")) {
            return Optional.of("starts with a dot, which leaves an empty label; remove the leading dot");
        }
        if (name.contains("..")) {
            return Optional.of("has two dots in a row, which leaves an empty label; remove the extra dot");
        }
        if (name.endsWith(".")) {
            return Optional.of("ends with two dots, which leaves an empty label; remove the extra dot");
        }
        return Optional.empty();
    }

    private static String describeCharacter(int codePoint) {
        String code = String.format(Locale.ROOT, "U+%04X", codePoint);
        if (codePoint == '_') {
            return "'_' (underscore)";
        }
        if (isInvisible(codePoint) || isSpace(codePoint)) {
            return "an invisible character (" + code + ")";
        }
        String name = Character.getName(codePoint);
        String shown = "'" + new String(Character.toChars(codePoint)) + "'";
        if (codePoint < 0x80 || name == null) {
            return shown;
        }
        return shown + " (" + code + " " + name.toLowerCase(Locale.ROOT) + ")";
    }

    private static Step applyIdna(String host) {
        StringBuilder ascii = new StringBuilder();
        IDNA.Info info = new IDNA.Info();
        IDNA_PROCESSOR.nameToASCII(host, ascii, info);
        Set<IDNA.Error> errors = EnumSet.noneOf(IDNA.Error.class);
        errors.addAll(info.getErrors());
        // Checked below on the A-labels, with messages that name the label and the limit.
        errors.removeAll(EnumSet.of(
                IDNA.Error.LABEL_TOO_LONG,
                IDNA.Error.DOMAIN_NAME_TOO_LONG,
                IDNA.Error.LEADING_HYPHEN,
                IDNA.Error.TRAILING_HYPHEN));
        // "--" in the third and fourth position is reserved for U-labels, but ASCII host names such as
        // "r3---sn-abc.example.com" exist in the DNS and are not ours to refuse.
        if (!hasNonAsciiReservedHyphens(host)) {
            errors.remove(IDNA.Error.HYPHEN_3_4);
        }
        Optional<String> problem = errors.stream()
                .map(error -> describeIdnaError(error, host))
                .min(Comparator.comparingInt(Prioritised::rank))
                .map(Prioritised::problem);
        if (problem.isPresent()) {
            return new Stop(problem.get());
        }
        String result = ascii.toString();
        return new Proceed(result.endsWith(".") ? result.substring(0, result.length() - 1) : result);
    }

    private static boolean hasNonAsciiReservedHyphens(String host) {
        for (String label : host.split("\\.", -1)) {
            boolean reserved = label.length() >= 4 && label.charAt(2) == '-' && label.charAt(3) == '-';
            if (reserved && !label.chars().allMatch(character -> character < 0x80)) {
                return true;
            }
        }
        return false;
    }

    /** A problem with a rank, so that the clearest problem is reported when IDNA finds several. */
    private record Prioritised(int rank, String problem) {}

    private static Prioritised describeIdnaError(IDNA.Error error, String host) {
        return switch (error) {
            case DISALLOWED -> new Prioritised(0, "contains " + describeDisallowed(host) + ONLY_LDH);
            case PUNYCODE, INVALID_ACE_LABEL ->
                new Prioritised(
                        1, "has a label starting with 'xn--' that is not a valid encoded name; check the spelling");
            case LABEL_HAS_DOT ->
                new Prioritised(2, "has a label that turns into two labels when encoded; check the spelling");
            case EMPTY_LABEL ->
                new Prioritised(3, "has an empty label (two dots in a row, or a leading dot); remove the extra dot");
            case LEADING_COMBINING_MARK ->
                new Prioritised(
                        4, "has a label starting with a combining mark; a label must start with a letter or digit");
            case HYPHEN_3_4 ->
                new Prioritised(
                        5,
                        "has a label with '--' as third and fourth characters, which is reserved for encoded names;"
                                + " check the spelling");
            case BIDI ->
                new Prioritised(
                        6,
                        "mixes right-to-left and left-to-right text in a way domain names do not allow;"
                                + " check the spelling");
            case CONTEXTJ ->
                new Prioritised(
                        7,
                        "contains an invisible joiner (U+200C or U+200D) where domain names do not allow one;"
                                + " remove it");
            case CONTEXTO_PUNCTUATION ->
                new Prioritised(
                        8, "contains punctuation that domain names do not allow in that position; check the spelling");
            case CONTEXTO_DIGITS ->
                new Prioritised(9, "mixes two kinds of Arabic-Indic digits in one label; check the spelling");
            case LABEL_TOO_LONG -> new Prioritised(10, "has a label longer than " + MAX_LABEL_OCTETS + " octets");
            case DOMAIN_NAME_TOO_LONG -> new Prioritised(11, "is longer than " + MAX_NAME_OCTETS + " octets");
            case LEADING_HYPHEN -> new Prioritised(12, "has a label that starts with a hyphen");
            case TRAILING_HYPHEN -> new Prioritised(13, "has a label that ends with a hyphen");
        };
    }

    /** Names the first character that IDNA refuses, so the user can see which one to remove. */
    private static String describeDisallowed(String host) {
        int offset = 0;
        while (offset < host.length()) {
            int codePoint = host.codePointAt(offset);
            offset += Character.charCount(codePoint);
            if (codePoint < 0x80) {
                continue;
            }
            IDNA.Info info = new IDNA.Info();
            IDNA_PROCESSOR.labelToASCII(new String(Character.toChars(codePoint)), new StringBuilder(), info);
            if (info.getErrors().contains(IDNA.Error.DISALLOWED)) {
                return describeCharacter(codePoint);
            }
        }
        return "a character that is not allowed";
    }

    private static Step checkAfterIdna(String name) {
        Optional<String> emptyLabel = findEmptyLabel(name);
        if (emptyLabel.isPresent() || name.isEmpty()) {
            return new Stop(emptyLabel.orElse("has no domain name in it" + GIVE_ONE));
        }
        List<String> labels = List.of(name.split("\\.", -1));
        if (labels.stream().allMatch(label -> NUMERIC_LABEL.matcher(label).matches())) {
            return new Stop("is an IP address or looks like one, not a domain name; give the mail domain, e.g."
                    + " example.com");
        }
        List<String> problems = new ArrayList<>();
        for (String label : labels) {
            if (!LETTERS_DIGITS_HYPHENS.matcher(label).matches()) {
                problems.add("contains a character that is not allowed" + ONLY_LDH);
            } else if (label.length() > MAX_LABEL_OCTETS) {
                String encoded = label.startsWith("xn--") ? " once encoded for the DNS" : "";
                problems.add("has a label of " + label.length() + " octets" + encoded + " ('"
                        + echo(label, SHORT_ECHO_CODE_POINTS) + "'); a label has at most " + MAX_LABEL_OCTETS);
            } else if (label.startsWith("-")) {
                problems.add("has the label '" + echo(label)
                        + "', which starts with a hyphen; a label starts and ends with a letter or digit");
            } else if (label.endsWith("-")) {
                problems.add("has the label '" + echo(label)
                        + "', which ends with a hyphen; a label starts and ends with a letter or digit");
            }
        }
        if (!problems.isEmpty()) {
            return new Stop(problems.get(0));
        }
        if (name.length() > MAX_NAME_OCTETS) {
            return new Stop("is " + name.length() + " octets long as a domain name; a domain name has at most "
                    + MAX_NAME_OCTETS);
        }
        if (name.length() > MAX_CHECKABLE_OCTETS) {
            return new Stop("is " + name.length() + " octets long; its MTA-STS record " + LONGEST_PREFIX + "… would be "
                    + (name.length() + LONGEST_PREFIX.length()) + " octets, more than the " + MAX_NAME_OCTETS
                    + " a DNS name may have, so it cannot publish MTA-STS (at most " + MAX_CHECKABLE_OCTETS
                    + " octets)");
        }
        if (labels.size() == 1) {
            return new Stop(
                    "is a single label, not a mail domain; give a full domain name with a dot, e.g. example.com");
        }
        String last = labels.get(labels.size() - 1);
        if (DIGITS.matcher(last).matches()) {
            return new Stop("ends in the all-numeric label '" + last
                    + "', but top-level domains are never all digits; check the spelling");
        }
        return new Proceed(name);
    }
}
