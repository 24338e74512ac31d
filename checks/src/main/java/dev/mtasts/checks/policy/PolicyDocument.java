package dev.mtasts.checks.policy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A policy file as parsed by {@link PolicyParser}, literally by the RFC 8461 §3.2 ABNF.
 *
 * @param text the body decoded as UTF-8 (without a byte order mark)
 * @param lineEnding the line terminators used
 * @param version the value of the first {@code version} field, as written
 * @param mode the first {@code mode}, when it is one of the three modes
 * @param maxAge the first {@code max_age}, when it is 1 to 10 digits (it may still exceed 31557600)
 * @param mx every {@code mx} line, in order
 * @param fields every well-formed {@code key: value} line, in order
 * @param problems every deviation, each with its rule id
 */
public record PolicyDocument(
        String text,
        LineEnding lineEnding,
        Optional<String> version,
        Optional<PolicyMode> mode,
        OptionalLong maxAge,
        List<MxEntry> mx,
        List<PolicyField> fields,
        List<PolicyProblem> problems) {
    public PolicyDocument {
        mx = List.copyOf(mx);
        fields = List.copyOf(fields);
        problems = List.copyOf(problems);
    }

    /** Whether an RFC 8461 sender accepts the policy: no problem of severity fail. */
    public boolean valid() {
        return problems.stream().noneMatch(PolicyProblem::fatal);
    }

    /** The first problem that makes senders reject the policy. */
    public Optional<PolicyProblem> firstFatalProblem() {
        return problems.stream().filter(PolicyProblem::fatal).findFirst();
    }

    /** The usable {@code mx} patterns, in policy order. */
    public List<MxPattern> patterns() {
        return mx.stream().flatMap(entry -> entry.pattern().stream()).toList();
    }

    /** The {@code mx} values as written, in policy order. */
    public List<String> mxValues() {
        return mx.stream().map(MxEntry::value).toList();
    }
}
