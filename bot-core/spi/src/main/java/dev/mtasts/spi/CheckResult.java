package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;

/** What a check returns: its findings, or the reason it could not run (a missing prerequisite). */
public sealed interface CheckResult {
    /**
     * @param facts what the check concluded, typed, for the core (see {@link Fact}); usually none
     */
    record Completed(List<Finding> findings, List<Fact> facts) implements CheckResult {
        public Completed {
            findings = List.copyOf(requireNonNull(findings, "findings is null"));
            facts = List.copyOf(requireNonNull(facts, "facts is null"));
            if (findings.isEmpty()) {
                throw new IllegalArgumentException("a completed check reports at least one finding");
            }
        }

        public Completed(List<Finding> findings) {
            this(findings, List.of());
        }
    }

    /** A prerequisite is missing, e.g. the policy syntax cannot be judged when nothing was fetched. */
    record Skipped(String reason) implements CheckResult {
        public Skipped {
            requireNonNull(reason, "reason is null");
        }
    }

    static CheckResult of(List<Finding> findings) {
        return new Completed(findings);
    }

    static CheckResult of(Finding... findings) {
        return new Completed(Arrays.asList(findings));
    }

    static CheckResult skipped(String reason) {
        return new Skipped(reason);
    }

    /** This result with {@code facts} published next to its findings; a skipped check publishes none. */
    default CheckResult withFacts(List<Fact> facts) {
        requireNonNull(facts, "facts is null");
        return switch (this) {
            case Completed completed -> new Completed(completed.findings(), facts);
            case Skipped skipped -> skipped;
        };
    }
}
