package dev.mtasts.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TestDateShapedId {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "20240101, 2024-01-01",
        "20240101T120000, 2024-01-01",
        "2024010103, 2024-01-01",
        "202402291200, 2024-02-29",
        "20230229, ",
        "20241399, ",
        "19991231, ",
        "2024011, ",
        "v20240101, ",
        "abc, ",
        "1700000000, ",
    })
    void readsOnlyRealCalendarDatesAtTheStart(String id, String expected) {
        assertThat(DateShapedId.date(id))
                .isEqualTo(Optional.ofNullable(expected).map(LocalDate::parse));
    }
}
