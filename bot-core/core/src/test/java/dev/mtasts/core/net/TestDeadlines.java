package dev.mtasts.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TestDeadlines {
    @Test
    void aFutureNotDoneInTimeFailsWithATimeout() {
        CompletableFuture<String> never = Deadlines.within(new CompletableFuture<>(), Duration.ofMillis(50));

        assertThatThrownBy(() -> never.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void aFutureDoneInTimeKeepsItsResult() throws Exception {
        CompletableFuture<String> answer = Deadlines.within(new CompletableFuture<>(), Duration.ofMillis(200));

        answer.complete("answer");
        Thread.sleep(400);

        assertThat(answer.get()).isEqualTo("answer");
    }

    @Test
    void aDeadlineMetIsTakenOutOfTheQueue() {
        ScheduledFuture<?> deadline = Deadlines.after(Duration.ofMinutes(10), () -> {});
        assertThat(Deadlines.queued(deadline)).isTrue();

        deadline.cancel(false);

        assertThat(Deadlines.queued(deadline)).isFalse();
    }

    @Test
    void aCancelledDeadlineNeverRuns() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Deadlines.after(Duration.ofMillis(50), runs::incrementAndGet).cancel(false);
        CompletableFuture<Void> later = new CompletableFuture<>();
        Deadlines.after(Duration.ofMillis(100), () -> later.complete(null));

        later.get(5, TimeUnit.SECONDS);

        assertThat(runs).hasValue(0);
    }
}
