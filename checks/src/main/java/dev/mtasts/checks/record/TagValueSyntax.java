package dev.mtasts.checks.record;

import dev.mtasts.checks.record.RecordProblem.Grammar;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What {@link TagValueParser} read: the fields in order, and every deviation from the shared grammar. */
public record TagValueSyntax(String text, List<TagField> fields, List<RecordProblem<Grammar>> problems) {
    public TagValueSyntax {
        fields = List.copyOf(fields);
        problems = List.copyOf(problems);
    }

    /** The fields named {@code name}, in order (names are case-sensitive). */
    public List<TagField> named(String name) {
        return fields.stream().filter(field -> field.name().equals(name)).toList();
    }

    /**
     * The first field whose name is {@code name} in another case ({@code ID=} for {@code id}): when the record lacks
     * {@code name}, the likely typo to point at.
     */
    public Optional<TagField> lookalike(String name) {
        return fields.stream()
                .filter(field -> !field.name().equals(name)
                        && field.name().toLowerCase(Locale.ROOT).equals(name))
                .findFirst();
    }
}
