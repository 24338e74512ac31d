package dev.mtasts.checks.record;

import java.util.List;
import java.util.Optional;

/**
 * One record of either tag-value dialect as its parser read it: {@link StsRecordSyntax}, {@link TlsRptRecordSyntax}.
 *
 * @param <K> the kinds of problem the dialect reports
 */
public interface ParsedRecord<K extends RecordProblem.Kind> {
    /** The record as the grammar both dialects share reads it. */
    TagValueSyntax tags();

    /** The record text (its strings joined without spaces). */
    default String text() {
        return tags().text();
    }

    /** Every field after the version, in order. */
    default List<TagField> fields() {
        return tags().fields();
    }

    /** Every deviation found, each with its rule id. */
    List<RecordProblem<? extends K>> problems();

    /** Whether a sender accepts the record, by its dialect's rules. */
    boolean valid();

    /** The first problem that makes the record invalid. */
    default Optional<RecordProblem<? extends K>> firstFatalProblem() {
        return problems().stream().filter(RecordProblem::fatal).findFirst();
    }
}
