package dev.mtasts.checks.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mtasts.spi.TxtAnswer.TxtRecord;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TestTxtRecordSet {
    enum Sort {
        CANDIDATE,
        LOOK_ALIKE,
        UNRELATED
    }

    static Stream<Arguments> records() {
        return Stream.of(
                arguments("T5 a v=STSv1 record counts", RecordDialect.STS, "v=STSv1; id=1", Sort.CANDIDATE, ""),
                arguments(
                        "T7 v=STSv1 followed by a space counts",
                        RecordDialect.STS,
                        "v=STSv1 ; id=1",
                        Sort.CANDIDATE,
                        ""),
                arguments("T8 a bare v=STSv1 counts", RecordDialect.STS, "v=STSv1", Sort.CANDIDATE, ""),
                arguments(
                        "T4 a site verification is unrelated",
                        RecordDialect.STS,
                        "google-site-verification=abc",
                        Sort.UNRELATED,
                        ""),
                arguments("T4 an SPF record is unrelated", RecordDialect.STS, "v=spf1 -all", Sort.UNRELATED, ""),
                arguments("T6 leading whitespace", RecordDialect.STS, " v=STSv1; id=1", Sort.LOOK_ALIKE, "whitespace"),
                arguments(
                        "T6 v=stsv1 in lower case",
                        RecordDialect.STS,
                        "v=stsv1; id=1",
                        Sort.LOOK_ALIKE,
                        "case-sensitive"),
                arguments(
                        "T6 V=STSv1 with a capital V",
                        RecordDialect.STS,
                        "V=STSv1; id=1",
                        Sort.LOOK_ALIKE,
                        "case-sensitive"),
                arguments(
                        "T6 whitespace around =",
                        RecordDialect.STS,
                        "v = STSv1; id=1",
                        Sort.LOOK_ALIKE,
                        "around \"=\""),
                arguments(
                        "T6 the version is not first",
                        RecordDialect.STS,
                        "id=1; v=STSv1",
                        Sort.LOOK_ALIKE,
                        "not the first field"),
                arguments(
                        "T6 an unknown version",
                        RecordDialect.STS,
                        "v=STSv2; id=1",
                        Sort.LOOK_ALIKE,
                        "not a known version"),
                arguments(
                        "T6 a comma after the version",
                        RecordDialect.STS,
                        "v=STSv1,id=1",
                        Sort.LOOK_ALIKE,
                        "instead of \";\""),
                arguments(
                        "R3 a v=TLSRPTv1 record counts",
                        RecordDialect.TLSRPT,
                        "v=TLSRPTv1; rua=mailto:a@b.c",
                        Sort.CANDIDATE,
                        ""),
                arguments(
                        "R3 a DMARC record at _smtp._tls is unrelated",
                        RecordDialect.TLSRPT,
                        "v=DMARC1; p=none",
                        Sort.UNRELATED,
                        ""),
                arguments(
                        "R2 v=tlsrptv1 in lower case",
                        RecordDialect.TLSRPT,
                        "v=tlsrptv1; rua=mailto:a@b.c",
                        Sort.LOOK_ALIKE,
                        "case-sensitive"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void sorts(String name, RecordDialect dialect, String text, Sort sort, String reason) {
        TxtRecordSet set = TxtRecordSet.classify(List.of(new TxtRecord(List.of(text), 300)), dialect);

        switch (sort) {
            case CANDIDATE -> assertThat(set.candidates()).hasSize(1);
            case LOOK_ALIKE -> {
                assertThat(set.lookAlikes()).hasSize(1);
                assertThat(set.lookAlikes().getFirst().reason()).contains(reason);
            }
            case UNRELATED -> assertThat(set.unrelated()).hasSize(1);
        }
        assertThat(set.candidates().size()
                        + set.lookAlikes().size()
                        + set.unrelated().size())
                .isEqualTo(1);
    }
}
