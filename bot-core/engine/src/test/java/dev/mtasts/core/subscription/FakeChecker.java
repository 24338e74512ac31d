package dev.mtasts.core.subscription;

import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import java.time.Clock;
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
    private final Map<String, Function<java.time.Instant, CheckedDomain>> answers = new ConcurrentHashMap<>();
    private final List<String> checked = new CopyOnWriteArrayList<>();
    private volatile Optional<Runnable> beforeAnswer = Optional.empty();

    FakeChecker(Clock clock) {
        this.clock = clock;
    }

    /** The domain is seen as {@code report} (re-stamped at each check) with the given raw data. */
    void answer(String domain, Function<java.time.Instant, Report> report, Optional<DomainState.Observed> observed) {
        answers.put(domain, at -> {
            Report stamped = report.apply(at);
            return new CheckedDomain(stamped, DomainStates.of(stamped, observed));
        });
    }

    void answer(String domain, Function<java.time.Instant, Report> report) {
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
    public CheckedDomain check(String domain, ProgressListener progress) {
        checked.add(domain);
        beforeAnswer.ifPresent(Runnable::run);
        Function<java.time.Instant, CheckedDomain> answer = answers.get(domain);
        if (answer == null) {
            throw new IllegalStateException("no answer for " + domain);
        }
        return answer.apply(clock.instant());
    }
}
