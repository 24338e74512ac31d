package dev.mtasts.checks;

import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.Finding;
import java.util.Comparator;
import java.util.List;

/** How the checks hand their findings back: worst first, otherwise in the order they were found. */
final class Findings {
    private Findings() {}

    static CheckResult result(List<Finding> findings) {
        return CheckResult.of(findings.stream()
                .sorted(Comparator.comparing(Finding::severity).reversed())
                .toList());
    }
}
