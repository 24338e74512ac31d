package dev.mtasts.core.subscription;

import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A domain checker that answers what the test says, stamped with the test clock's time, and counts its checks. The
 * answer is a function of the check time, so a test changes a domain by replacing its function.
 */
final class FakeChecker implements DomainChecker {
    private final Clock clock;
    private final Map<String, Function<Instant, Report>> answers = new ConcurrentHashMap<>();
    private final Map<String, Optional<DomainState.Observed>> observed = new ConcurrentHashMap<>();
    private final List<String> checked = new CopyOnWriteArrayList<>();
    private volatile Optional<Runnable> beforeAnswer = Optional.empty();

    FakeChecker(Clock clock) {
        this.clock = clock;
    }

    /** The domain is seen as {@code report} (stamped at each check) with the given raw data. */
    void answer(String domain, Function<Instant, Report> report, Optional<DomainState.Observed> raw) {
        answers.put(domain, report);
        observed.put(domain, raw);
    }

    void answer(String domain, Function<Instant, Report> report) {
        answer(domain, report, Optional.empty());
    }

    /** Runs before every answer, e.g. to block or throw. */
    void beforeAnswer(Runnable action) {
        beforeAnswer = Optional.of(action);
    }

    List<String> checked() {
        return List.copyOf(checked);
    }

    long checks(String domain) {
        return checked.stream().filter(domain::equals).count();
    }

    @Override
    public Report check(String domain, ProgressListener progress) {
        checked.add(domain);
        beforeAnswer.ifPresent(Runnable::run);
        Function<Instant, Report> answer = answers.get(domain);
        if (answer == null) {
            throw new IllegalStateException("no answer for " + domain);
        }
        return answer.apply(clock.instant());
    }

    @Override
    public DomainState state(Report report) {
        return DomainStates.of(report, observed.getOrDefault(report.domain(), Optional.empty()));
    }
}
