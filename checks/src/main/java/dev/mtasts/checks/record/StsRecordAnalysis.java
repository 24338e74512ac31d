package dev.mtasts.checks.record;

import java.util.List;
import java.util.Optional;

/**
 * What the {@code _mta-sts} TXT lookup tells a sender (RFC 8461 §3.1), computed once per command by
 * {@link TagValueRecords#STS}.
 *
 * @param reading what the lookup read
 */
public record StsRecordAnalysis(RecordReading<StsRecordSyntax> reading) implements RecordLookup<RecordProblem.StsKind> {
    /** The parse of every candidate, in the same order. */
    @Override
    public List<StsRecordSyntax> parsed() {
        return reading.parsed();
    }

    /** Whether a sender with no cached policy goes on to fetch the policy. */
    public boolean usable() {
        return valid();
    }

    /** The policy id senders compare against their cache; present only when the record is valid. */
    public Optional<String> id() {
        if (status() != RecordStatus.VALID) {
            return Optional.empty();
        }
        return parsed().getFirst().id();
    }

    /** The parse of the only {@code v=STSv1} record, when there is exactly one. */
    public Optional<StsRecordSyntax> syntax() {
        return parsed().size() == 1 ? Optional.of(parsed().getFirst()) : Optional.empty();
    }

    /**
     * What a sender concludes, as a phrase to complete "Senders see no policy: ..." or "Senders find ...", e.g.
     * {@code two v=STSv1 records}.
     */
    public String senderConclusion() {
        return switch (status()) {
            case VALID -> "one valid v=STSv1 record (id=" + id().orElseThrow() + ")";
            case INVALID -> invalidConclusion();
            case MULTIPLE -> RecordText.count(records().candidates().size(), "v=STSv1 record");
            case MISSING, DANGLING_CNAME, CNAME_LOOP, LOOKUP_FAILED ->
                RecordDialect.STS.noRecordConclusion(status(), name(), records(), lookup());
        };
    }

    private String invalidConclusion() {
        if (parsed().size() == 1) {
            String reason = parsed().getFirst()
                    .firstFatalProblem()
                    .map(RecordProblem::summary)
                    .orElse("invalid");
            return "the v=STSv1 record is invalid (" + reason + ")";
        }
        String reason = records().lookAlikes().getFirst().reason();
        return "the only MTA-STS record does not begin with \"v=STSv1\" (" + reason + "), so it is discarded";
    }
}
