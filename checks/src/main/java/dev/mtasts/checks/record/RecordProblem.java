package dev.mtasts.checks.record;

import dev.mtasts.spi.Severity;

/**
 * A deviation from RFC 8461 §3.1 or RFC 8460 §3 found in one TXT record.
 *
 * @param <K> the kinds the record's dialect can report: {@link StsKind} or {@link TlsRptKind}
 * @param kind what is wrong
 * @param severity {@link Severity#FAIL} when senders discard the record (or the affected URI), lower otherwise
 * @param rule the checklist rule id, e.g. {@code T8}
 * @param message one or two plain-text sentences for users
 * @param summary a short phrase for one-line explanations, e.g. {@code id missing}
 */
public record RecordProblem<K extends RecordProblem.Kind>(
        K kind, Severity severity, String rule, String message, String summary) {

    public boolean fatal() {
        return severity == Severity.FAIL;
    }

    /** What can be wrong in a record of either dialect. */
    public sealed interface Kind permits StsKind, TlsRptKind {}

    /** What can be wrong in an {@code _mta-sts} record: the shared {@link Grammar}, or its {@link Id}. */
    public sealed interface StsKind extends Kind permits Grammar, Id {}

    /** What can be wrong in an {@code _smtp._tls} record: the shared {@link Grammar}, or its {@link Rua}. */
    public sealed interface TlsRptKind extends Kind permits Grammar, Rua {}

    /** A deviation from the tag-value grammar both dialects share: {@link Malformed} or {@link Deviation}. */
    public sealed interface Grammar extends StsKind, TlsRptKind permits Malformed, Deviation {}

    /** A break of the grammar that makes the record unreadable; each dialect reports them all under one code. */
    public enum Malformed implements Grammar {
        /** A control character (CTL other than HTAB). */
        CONTROL_CHARACTER,
        /** T11: two fields separated by whitespace only. */
        MISSING_SEMICOLON,
        /** T11: {@code ;;}, an empty field between two delimiters. */
        EMPTY_FIELD,
        /** A character where a field name must start. */
        UNEXPECTED_CHARACTER,
        /** A field with no {@code =}. */
        FIELD_WITHOUT_EQUALS,
        /** T11: whitespace before or after {@code =}. */
        SPACE_AROUND_EQUALS,
        /** T10: a field name that is not {@code (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")}. */
        FIELD_NAME_INVALID,
        /** T10: an empty value, or a value with a character outside {@code %x21-3A / %x3C / %x3E-7E}. */
        VALUE_INVALID
    }

    /** A deviation each dialect may report under a code of its own. */
    public enum Deviation implements Grammar {
        /** T2: a byte outside US-ASCII. */
        NOT_ASCII,
        /** T7 / EID 6285: whitespace between the version and the first {@code ;}. */
        SPACE_BEFORE_FIRST_SEMICOLON,
        /** T11: whitespace at the end with no {@code ;} after it. */
        TRAILING_WHITESPACE,
        /** T10 / R9: well-formed extension fields, which readers ignore. */
        EXTENSION
    }

    /** The {@code _mta-sts} record's {@code id} field. */
    public enum Id implements StsKind {
        /** T8: no {@code id} field. */
        MISSING,
        /** T8: an {@code id} value that is not {@code 1*32(ALPHA / DIGIT)}; it parses as an extension. */
        INVALID,
        /** T9: {@code id} given more than once; the first wins. */
        DUPLICATE
    }

    /** The {@code _smtp._tls} record's {@code rua} field. */
    public enum Rua implements TlsRptKind {
        /** R5: no {@code rua} field. */
        MISSING,
        /** R8: more than one {@code rua} field (allowed). */
        MULTIPLE,
        /** R6/R7: a {@code rua} entry that is not an RFC 3986 URI; the record does not parse. */
        URI_SYNTAX,
        /** R6: a {@code mailto:} or {@code https:} URI with no usable address or host. */
        URI_INVALID,
        /** R7: an unencoded {@code !} (typically a DMARC-style size suffix such as {@code !10m}). */
        URI_UNENCODED,
        /** R6: a URI scheme other than {@code mailto} and {@code https}. */
        SCHEME_UNSUPPORTED
    }
}
