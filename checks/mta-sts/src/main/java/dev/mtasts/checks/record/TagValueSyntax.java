package dev.mtasts.checks.record;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What {@link TagValueParser} read: the fields in order, and every deviation from the shared grammar. */
public record TagValueSyntax(String text, List<TagField> fields, List<RecordProblem> problems) {
    public TagValueSyntax {
        requireNonNull(text, "text is null");
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
        problems = List.copyOf(requireNonNull(problems, "problems is null"));
    }
}
