package dev.mtasts.checks.record;

import java.util.List;
import java.util.Optional;

/**
 * What the {@code _smtp._tls} TXT lookup tells a reporting sender (RFC 8460 §3), computed once per command by
 * {@link TagValueRecords#TLSRPT}.
 *
 * @param reading what the lookup read
 */
public record TlsRptAnalysis(RecordReading<TlsRptRecordSyntax> reading)
        implements RecordLookup<RecordProblem.TlsRptKind> {
    /** The parse of every candidate, in the same order. */
    @Override
    public List<TlsRptRecordSyntax> parsed() {
        return reading.parsed();
    }

    /** The parse of the only {@code v=TLSRPTv1} record, when there is exactly one. */
    public Optional<TlsRptRecordSyntax> syntax() {
        return parsed().size() == 1 ? Optional.of(parsed().getFirst()) : Optional.empty();
    }

    /** The URIs reports go to; empty unless the record is valid. */
    public List<ReportUri> reportUris() {
        return valid() ? parsed().getFirst().usableUris() : List.of();
    }

    /** Why reports do or do not arrive, as a phrase, e.g. {@code no TXT record at _smtp._tls.example.com}. */
    public String conclusion() {
        return switch (status()) {
            case VALID -> "one valid v=TLSRPTv1 record";
            case INVALID -> {
                if (parsed().size() == 1) {
                    yield "the v=TLSRPTv1 record is invalid ("
                            + parsed().getFirst()
                                    .firstFatalProblem()
                                    .map(RecordProblem::summary)
                                    .orElse("no usable rua URI")
                            + ")";
                }
                yield "the only TLS-RPT record does not begin with \"v=TLSRPTv1\" ("
                        + records().lookAlikes().getFirst().reason() + ")";
            }
            case MULTIPLE -> RecordText.count(records().candidates().size(), "v=TLSRPTv1 record");
            case MISSING, DANGLING_CNAME, CNAME_LOOP, LOOKUP_FAILED ->
                RecordDialect.TLSRPT.noRecordConclusion(status(), name(), records(), lookup());
        };
    }
}
