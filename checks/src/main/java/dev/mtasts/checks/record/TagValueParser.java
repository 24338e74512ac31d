package dev.mtasts.checks.record;

import dev.mtasts.checks.record.RecordProblem.Deviation;
import dev.mtasts.checks.record.RecordProblem.Grammar;
import dev.mtasts.checks.record.RecordProblem.Malformed;
import dev.mtasts.spi.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written scanner for the tag-value grammar shared by RFC 8461 §3.1 and RFC 8460 §3:
 *
 * <pre>
 * record      = version 1*(field-delim field) [field-delim]
 * field-delim = *WSP ";" *WSP
 * field       = ext-name "=" ext-value          ; plus the dialect's own fields
 * ext-name    = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
 * ext-value   = 1*(%x21-3A / %x3C / %x3E-7E)    ; no "=", ";", SP or CTLs
 * </pre>
 *
 * It reads the whole record, recovering at the next {@code ;} after an error, so one pass reports every problem.
 * Values are read as {@code ext-value} except the TLS-RPT {@code rua} field, which is a list of URIs separated by
 * {@code *WSP "," *WSP} (URIs may hold {@code =}). Whether an {@code id} or {@code rua} value is right is the
 * dialect parser's business ({@link StsRecordParser}, {@link TlsRptRecordParser}); this class reports only what
 * breaks the shared grammar, each problem with its checklist rule id.
 */
public final class TagValueParser {
    private static final int MAX_NAME_LENGTH = 32;

    private final String text;
    private final RecordDialect dialect;
    private final List<TagField> fields = new ArrayList<>();
    private final List<RecordProblem<Grammar>> problems = new ArrayList<>();
    private int position;

    private TagValueParser(String text, RecordDialect dialect) {
        this.text = text;
        this.dialect = dialect;
    }

    /**
     * Parses a record that {@linkplain RecordDialect#isCandidate(String) is a candidate} of the dialect.
     *
     * @throws IllegalArgumentException if the record does not begin with the dialect's version
     */
    public static TagValueSyntax parse(String text, RecordDialect dialect) {
        if (!dialect.isCandidate(text)) {
            throw new IllegalArgumentException("not a " + dialect.version() + " record: " + text);
        }
        TagValueParser parser = new TagValueParser(text, dialect);
        parser.checkCharacters();
        parser.scan();
        return new TagValueSyntax(text, parser.fields, parser.problems);
    }

    private void checkCharacters() {
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character > 0x7E) {
                problem(
                        Deviation.NOT_ASCII,
                        Severity.FAIL,
                        rule(2, 9),
                        "The record holds a byte that is not US-ASCII (" + RecordText.describe(character)
                                + " at character " + (index + 1) + "); the record must be US-ASCII, so senders"
                                + " treat it as invalid.",
                        "non-ASCII byte");
                break;
            }
        }
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if ((character < 0x20 && character != '\t') || character == 0x7F) {
                problem(
                        Malformed.CONTROL_CHARACTER,
                        Severity.FAIL,
                        rule(10, 9),
                        "The record holds a control character (" + RecordText.describe(character) + " at character "
                                + (index + 1) + "), which no field may contain.",
                        "control character");
                break;
            }
        }
    }

    private void scan() {
        position = dialect.version().length();
        boolean firstDelimiter = true;
        while (true) {
            int whitespaceStart = position;
            position = skipWhitespace(position);
            if (position == text.length()) {
                if (position > whitespaceStart) {
                    problem(
                            Deviation.TRAILING_WHITESPACE,
                            Severity.WARN,
                            rule(11, 9),
                            "The record ends in whitespace with no \";\" before it. The grammar allows"
                                    + " whitespace at the end only after a final \";\"; strict parsers reject it.",
                            "trailing whitespace");
                }
                return;
            }
            char character = text.charAt(position);
            if (character == ';') {
                if (firstDelimiter && position > whitespaceStart) {
                    problem(
                            Deviation.SPACE_BEFORE_FIRST_SEMICOLON,
                            Severity.WARN,
                            rule(7, 3),
                            "There is whitespace between " + dialect.version() + " and the first \";\". The"
                                    + " grammar allows it, but the RFC also says records that do not begin with \""
                                    + dialect.version() + ";\" are discarded (erratum 6285), and senders that"
                                    + " filter that way ignore this record.",
                            "whitespace before the first \";\"");
                }
                firstDelimiter = false;
                position = skipWhitespace(position + 1);
                if (position == text.length()) {
                    return;
                }
                if (text.charAt(position) == ';') {
                    problem(
                            Malformed.EMPTY_FIELD,
                            Severity.FAIL,
                            rule(11, 9),
                            "The record has an empty field (\";;\" at character " + (position + 1)
                                    + "); each \";\" must be followed by a field or end the record.",
                            "empty field \";;\"");
                    continue;
                }
            } else if (position > whitespaceStart) {
                firstDelimiter = false;
                String token = tokenAt(position);
                if (!token.contains("=")) {
                    problem(
                            Malformed.MISSING_SEMICOLON,
                            Severity.FAIL,
                            rule(11, 9),
                            "\"" + token + "\" follows a space at character " + (position + 1)
                                    + ": values cannot contain spaces, and fields are separated by \";\".",
                            "space inside a value");
                    position = nextSemicolon(position);
                    continue;
                }
                problem(
                        Malformed.MISSING_SEMICOLON,
                        Severity.FAIL,
                        rule(11, 9),
                        "The field \"" + token + "\" is separated from the one before it by a space only (character "
                                + (position + 1) + "); fields must be separated by \";\".",
                        "fields not separated by \";\"");
            } else {
                firstDelimiter = false;
                problem(
                        Malformed.UNEXPECTED_CHARACTER,
                        Severity.FAIL,
                        rule(11, 9),
                        "Unexpected " + RecordText.describe(character) + " at character " + (position + 1)
                                + " where \";\" or the end of the record must follow.",
                        "unexpected " + RecordText.describe(character));
                position = nextSemicolon(position);
                continue;
            }
            parseField();
        }
    }

    private void parseField() {
        int start = position;
        while (position < text.length() && isNameCharacter(text.charAt(position))) {
            position++;
        }
        String name = text.substring(start, position);
        if (name.isEmpty()) {
            char character = text.charAt(position);
            problem(
                    Malformed.UNEXPECTED_CHARACTER,
                    Severity.FAIL,
                    rule(11, 9),
                    "Expected a field name at character " + (position + 1) + " but found "
                            + RecordText.describe(character) + ".",
                    "unexpected " + RecordText.describe(character));
            position = nextSemicolon(position);
            return;
        }
        int afterName = position;
        position = skipWhitespace(position);
        if (position == text.length() || text.charAt(position) != '=') {
            String token = text.substring(start, nextDelimiterOrSpace(start));
            problem(
                    Malformed.FIELD_WITHOUT_EQUALS,
                    Severity.FAIL,
                    rule(11, 9),
                    "\"" + token + "\" (character " + (start + 1) + ") is not a name=value field.",
                    "\"" + token + "\" is not a name=value field");
            position = nextSemicolon(start);
            return;
        }
        boolean spaced = position > afterName;
        position++;
        int valueStart = position;
        position = skipWhitespace(position);
        spaced |= position > valueStart;
        if (spaced) {
            problem(
                    Malformed.SPACE_AROUND_EQUALS,
                    Severity.FAIL,
                    rule(11, 9),
                    "The field " + name + " has whitespace around \"=\" (character " + (afterName + 1) + "); write "
                            + name + "=value with no spaces.",
                    "space around \"=\" in " + name);
        }
        if (!isValidName(name)) {
            problem(
                    Malformed.FIELD_NAME_INVALID,
                    Severity.FAIL,
                    rule(10, 9),
                    "The field name \"" + name + "\" is invalid: a name is 1 to 32 letters, digits, \"_\", \"-\""
                            + " or \".\", starting with a letter or digit.",
                    "invalid field name " + RecordText.abbreviate(name, 40));
        }
        if (dialect == RecordDialect.TLSRPT && name.equals("rua")) {
            readUriList(name, start + 1);
        } else {
            readExtensionValue(name, start + 1);
        }
    }

    private void readExtensionValue(String name, int fieldPosition) {
        int valueStart = position;
        while (position < text.length() && isExtensionValueCharacter(text.charAt(position))) {
            position++;
        }
        finishValue(name, fieldPosition, valueStart);
    }

    /** {@code tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)}: reads URI characters, commas and the spaces around them. */
    private void readUriList(String name, int fieldPosition) {
        int valueStart = position;
        while (true) {
            while (position < text.length() && isUriCharacter(text.charAt(position))) {
                position++;
            }
            int afterUri = position;
            int next = skipWhitespace(position);
            if (next < text.length() && text.charAt(next) == ',') {
                position = skipWhitespace(next + 1);
                continue;
            }
            position = afterUri;
            break;
        }
        finishValue(name, fieldPosition, valueStart);
    }

    private void finishValue(String name, int fieldPosition, int valueStart) {
        if (position < text.length()) {
            char stop = text.charAt(position);
            if (stop != ';' && stop != ' ' && stop != '\t') {
                int end = nextSemicolon(position);
                String value = stripTrailingWhitespace(text.substring(valueStart, end));
                if (stop >= 0x21 && stop <= 0x7E) {
                    String allowed = dialect == RecordDialect.TLSRPT && name.equals("rua")
                            ? "a URI list"
                            : "a value (values exclude \"=\", \";\", spaces and control characters)";
                    problem(
                            Malformed.VALUE_INVALID,
                            Severity.FAIL,
                            rule(10, 9),
                            "The value of " + name + " holds \"" + stop + "\" at character " + (position + 1)
                                    + ", which is not allowed in " + allowed + ": " + name + "=" + value,
                            "\"" + stop + "\" in the value of " + name);
                }
                fields.add(new TagField(name, value, fieldPosition, false));
                position = end;
                return;
            }
        }
        fields.add(new TagField(name, text.substring(valueStart, position), fieldPosition, true));
    }

    private String rule(int stsNumber, int tlsRptNumber) {
        return switch (dialect) {
            case STS -> dialect.rule(stsNumber);
            case TLSRPT -> dialect.rule(tlsRptNumber);
        };
    }

    private void problem(Grammar kind, Severity severity, String rule, String message, String summary) {
        problems.add(new RecordProblem<>(kind, severity, rule, message, summary));
    }

    private int skipWhitespace(int from) {
        int index = from;
        while (index < text.length() && isWhitespace(text.charAt(index))) {
            index++;
        }
        return index;
    }

    private int nextSemicolon(int from) {
        int index = text.indexOf(';', from);
        return index < 0 ? text.length() : index;
    }

    private int nextDelimiterOrSpace(int from) {
        int index = from;
        while (index < text.length() && text.charAt(index) != ';' && !isWhitespace(text.charAt(index))) {
            index++;
        }
        return index;
    }

    private String tokenAt(int from) {
        return text.substring(from, nextDelimiterOrSpace(from));
    }

    private static String stripTrailingWhitespace(String value) {
        int end = value.length();
        while (end > 0 && isWhitespace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }

    static boolean isWhitespace(char character) {
        return character == ' ' || character == '\t';
    }

    static boolean isAlphanumeric(char character) {
        return (character >= 'a' && character <= 'z')
                || (character >= 'A' && character <= 'Z')
                || (character >= '0' && character <= '9');
    }

    private static boolean isNameCharacter(char character) {
        return isAlphanumeric(character) || character == '_' || character == '-' || character == '.';
    }

    /** {@code (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")}. */
    static boolean isValidName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || !isAlphanumeric(name.charAt(0))) {
            return false;
        }
        for (int index = 1; index < name.length(); index++) {
            if (!isNameCharacter(name.charAt(index))) {
                return false;
            }
        }
        return true;
    }

    /** {@code %x21-3A / %x3C / %x3E-7E}. */
    static boolean isExtensionValueCharacter(char character) {
        return (character >= 0x21 && character <= 0x3A)
                || character == 0x3C
                || (character >= 0x3E && character <= 0x7E);
    }

    /**
     * A character RFC 3986 allows in a URI, except the two that cannot appear unencoded in a TLS-RPT URI and also
     * delimit it here: {@code ,} (list separator) and {@code ;} (field delimiter). {@code !} is kept so the dialect
     * parser can report it (RFC 8460 §3: it MUST be encoded).
     */
    static boolean isUriCharacter(char character) {
        if (isAlphanumeric(character)) {
            return true;
        }
        return switch (character) {
            case '-',
                    '.',
                    '_',
                    '~',
                    ':',
                    '/',
                    '?',
                    '#',
                    '[',
                    ']',
                    '@',
                    '!',
                    '$',
                    '&',
                    '\'',
                    '(',
                    ')',
                    '*',
                    '+',
                    '=',
                    '%' -> true;
            default -> false;
        };
    }
}
