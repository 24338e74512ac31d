package dev.mtasts.checks.record;

import dev.mtasts.checks.record.RecordProblem.Rua;
import dev.mtasts.checks.record.RecordProblem.TlsRptKind;
import java.util.List;

/**
 * One {@code v=TLSRPTv1} record as parsed by {@link TlsRptRecordParser}.
 *
 * @param tags the record as the shared grammar reads it: its text and every field after the version, in order
 * @param uris the URIs of every {@code rua} field, in order
 * @param problems every deviation found, each with its rule id
 */
public record TlsRptRecordSyntax(
        TagValueSyntax tags, List<ReportUri> uris, List<RecordProblem<? extends TlsRptKind>> problems)
        implements ParsedRecord<TlsRptKind> {
    public TlsRptRecordSyntax {
        uris = List.copyOf(uris);
        problems = List.copyOf(problems);
    }

    /**
     * Whether reports can arrive: the record parses (problems confined to single URIs aside) and at least one URI is
     * usable.
     */
    @Override
    public boolean valid() {
        return !usableUris().isEmpty()
                && problems.stream().filter(RecordProblem::fatal).allMatch(TlsRptRecordSyntax::confinedToOneUri);
    }

    public List<ReportUri> usableUris() {
        return uris.stream().filter(ReportUri::usable).toList();
    }

    private static boolean confinedToOneUri(RecordProblem<? extends TlsRptKind> problem) {
        return problem.kind() == Rua.URI_INVALID
                || problem.kind() == Rua.URI_UNENCODED
                || problem.kind() == Rua.SCHEME_UNSUPPORTED;
    }
}
