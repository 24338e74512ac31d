package dev.mtasts.checks.record;

import dev.mtasts.checks.record.RecordProblem.StsKind;
import java.util.List;
import java.util.Optional;

/**
 * One {@code v=STSv1} record as parsed by {@link StsRecordParser}.
 *
 * @param tags the record as the shared grammar reads it: its text and every field after the version, in order
 * @param id the policy id, present when the first {@code id} field is a valid {@code sts-id}
 * @param problems every deviation found, each with its rule id
 */
public record StsRecordSyntax(TagValueSyntax tags, Optional<String> id, List<RecordProblem<? extends StsKind>> problems)
        implements ParsedRecord<StsKind> {
    public StsRecordSyntax {
        problems = List.copyOf(problems);
    }

    /** Whether an RFC 8461 sender accepts the record: it matches the ABNF and has an id. */
    @Override
    public boolean valid() {
        return id.isPresent() && problems.stream().noneMatch(RecordProblem::fatal);
    }

    /** Fields other than {@code id}, which senders ignore. */
    public List<TagField> extensions() {
        return fields().stream().filter(field -> !field.name().equals("id")).toList();
    }
}
