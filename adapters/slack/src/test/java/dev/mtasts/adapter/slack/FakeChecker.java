package dev.mtasts.adapter.slack;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckService.CheckDefinition;
import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import dev.mtasts.core.dispatch.DomainRunner;
import dev.mtasts.core.input.DomainInput;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A {@link DomainRunner} that answers with canned reports, telling progress check by check; it can be held. */
final class FakeChecker implements DomainRunner {
    private final Function<String, Report> reports;
    private final CountDownLatch gate;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();

    private FakeChecker(Function<String, Report> reports, CountDownLatch gate) {
        this.reports = reports;
        this.gate = gate;
    }

    static FakeChecker answering(Function<String, Report> reports) {
        return new FakeChecker(reports, new CountDownLatch(0));
    }

    /** Checks wait until {@link #release()}. */
    static FakeChecker held(Function<String, Report> reports) {
        return new FakeChecker(reports, new CountDownLatch(1));
    }

    void release() {
        gate.countDown();
    }

    int started() {
        return started.get();
    }

    int finished() {
        return finished.get();
    }

    @Override
    public List<CheckDefinition> checks() {
        return TestingReports.definitions();
    }

    @Override
    public Report check(DomainInput.Valid domain, ProgressListener progress) {
        started.incrementAndGet();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the checker");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Report report = reports.apply(domain.domain());
        int done = 0;
        for (CheckReport check : report.checks()) {
            progress.checkFinished(check, ++done, report.checks().size());
        }
        finished.incrementAndGet();
        return report;
    }
}
