package dev.mtasts.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.LayoutBlock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class TestChannelOutbox {
    private ChannelOutbox outbox;
    private SlackHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (outbox != null) {
            outbox.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    /** A hand-written {@link SlackWeb} that records what it delivered, and when. */
    private static final class RecordingWeb implements SlackWeb {
        final List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        final Map<String, List<Long>> times = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();
        volatile Function<String, SlackResult> answer = text -> new SlackResult.Ok(Optional.of("1.0"));
        volatile CountDownLatch hold = new CountDownLatch(0);

        private SlackResult call(String lane, String text) {
            calls.incrementAndGet();
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            times.computeIfAbsent(lane, key -> Collections.synchronizedList(new ArrayList<>()))
                    .add(System.nanoTime());
            SlackResult result = answer.apply(text);
            if (result.isOk()) {
                delivered.add(text);
            }
            return result;
        }

        @Override
        public SlackResult postMessage(String channelId, Optional<String> threadTs, SlackMessage message) {
            return call(channelId, message.text());
        }

        @Override
        public SlackResult update(String channelId, String ts, SlackMessage message) {
            return call(channelId, message.text());
        }

        @Override
        public SlackResult respond(String responseUrl, ResponseMessage message) {
            return call(responseUrl, message.message().text());
        }

        @Override
        public SlackResult publishHome(String userId, List<LayoutBlock> blocks) {
            return call("home:" + userId, "home");
        }
    }

    private static SlackMessage message(String text) {
        return new SlackMessage(text, List.of());
    }

    @Test
    void deliversEachChannelInOrderAndKeepsItsDistance() {
        RecordingWeb web = new RecordingWeb();
        outbox = new ChannelOutbox(web, Duration.ofMillis(40));
        List<CompletableFuture<SlackResult>> results = new ArrayList<>();
        for (int index = 0; index < 5; index++) {
            results.add(outbox.post("C1", Optional.empty(), message("m" + index)));
        }
        results.forEach(CompletableFuture::join);
        assertThat(web.delivered).containsExactly("m0", "m1", "m2", "m3", "m4");
        List<Long> times = web.times.get("C1");
        for (int index = 1; index < times.size(); index++) {
            assertThat(times.get(index) - times.get(index - 1))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(40).toNanos());
        }
    }

    @Test
    void honoursRetryAfterAndThenDelivers() {
        RecordingWeb web = new RecordingWeb();
        AtomicInteger attempts = new AtomicInteger();
        web.answer = text -> attempts.incrementAndGet() <= 2
                ? new SlackResult.RateLimited(Duration.ofMillis(1000))
                : new SlackResult.Ok(Optional.of("1.0"));
        outbox = new ChannelOutbox(web, Duration.ZERO);
        SlackResult result =
                outbox.post("C1", Optional.empty(), message("hello")).join();
        assertThat(result).isEqualTo(new SlackResult.Ok(Optional.of("1.0")));
        assertThat(web.delivered).containsExactly("hello");
        List<Long> times = web.times.get("C1");
        assertThat(times).hasSize(3);
        assertThat(times.get(1) - times.get(0))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(times.get(2) - times.get(1))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void slackErrorsAreFinalAndReturnedAsIs() {
        RecordingWeb web = new RecordingWeb();
        web.answer = text -> new SlackResult.Failed("not_in_channel");
        outbox = new ChannelOutbox(web, Duration.ZERO);
        assertThat(outbox.post("C1", Optional.empty(), message("x")).join())
                .isEqualTo(new SlackResult.Failed("not_in_channel"));
        assertThat(web.calls).hasValue(1);
    }

    @Test
    void pendingUpdatesOfOneMessageCoalesceToTheLatest() {
        RecordingWeb web = new RecordingWeb();
        web.hold = new CountDownLatch(1);
        outbox = new ChannelOutbox(web, Duration.ZERO);
        CompletableFuture<SlackResult> first = outbox.post("C1", Optional.empty(), message("parent"));
        CompletableFuture<SlackResult> progress1 = outbox.update("C1", "1.0", message("1/5"));
        CompletableFuture<SlackResult> progress2 = outbox.update("C1", "1.0", message("2/5"));
        CompletableFuture<SlackResult> other = outbox.update("C1", "2.0", message("other message"));
        CompletableFuture<SlackResult> last = outbox.update("C1", "1.0", message("final"));
        CompletableFuture<SlackResult> reply = outbox.post("C1", Optional.of("1.0"), message("thread"));
        web.hold.countDown();
        CompletableFuture.allOf(first, progress1, progress2, other, last, reply).join();
        assertThat(web.delivered).containsExactly("parent", "final", "other message", "thread");
        assertThat(progress1.join().isOk()).isTrue();
    }

    @Test
    void closingCompletesWhatIsPending() {
        RecordingWeb web = new RecordingWeb();
        web.answer = text -> new SlackResult.RateLimited(Duration.ofSeconds(60));
        outbox = new ChannelOutbox(web, Duration.ZERO);
        CompletableFuture<SlackResult> stuck = outbox.post("C1", Optional.empty(), message("a"));
        CompletableFuture<SlackResult> queued = outbox.post("C1", Optional.empty(), message("b"));
        FakeSlack.await("the first attempt", () -> web.calls.get() == 1);
        outbox.close();
        assertThat(stuck.join()).isInstanceOf(SlackResult.Unreachable.class);
        assertThat(queued.join()).isInstanceOf(SlackResult.Unreachable.class);
        assertThat(outbox.post("C1", Optional.empty(), message("c")).join())
                .isInstanceOf(SlackResult.Unreachable.class);
    }

    @Test
    void aBurstOfFiftyChecksInOneChannelLosesNoReplyDespite429s() throws Exception {
        harness = SlackHarness.start(FakeChecker.answering(TestingReports::failing));
        harness.slack.rateLimit("chat.postMessage", number -> number == 3 || number == 40 || number == 90);
        harness.slack.rateLimit("chat.update", number -> number == 5);
        int burst = 50;
        for (int index = 0; index < burst; index++) {
            assertThat(harness.requests
                            .postForm(SignedRequests.slashCommandBody(
                                    "C1", "d" + index + ".example.com", harness.slack.responseUrl("r" + index)))
                            .statusCode())
                    .isEqualTo(200);
        }
        FakeSlack.await(
                "every thread reply",
                () -> harness.slack.calls("chat.postMessage").size() == burst + 2 * burst);

        List<FakeSlack.Call> posts = harness.slack.calls("chat.postMessage");
        List<FakeSlack.Call> parents = posts.stream()
                .filter(call -> !call.params().containsKey("thread_ts"))
                .toList();
        assertThat(parents).hasSize(burst);
        assertThat(harness.slack.attempts("chat.postMessage")).isEqualTo(posts.size() + 3);
        List<FakeSlack.Call> calls = harness.slack.calls();
        // Every parent has its own thread: the replies name burst distinct parents, two replies each.
        List<String> threads = posts.stream()
                .map(call -> call.params().get("thread_ts"))
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList();
        assertThat(threads).hasSize(burst);
        for (String ts : threads) {
            List<FakeSlack.Call> replies = posts.stream()
                    .filter(call -> ts.equals(call.params().get("thread_ts")))
                    .toList();
            assertThat(replies).as("thread of %s", ts).hasSize(2);
            FakeSlack.await("the final update of " + ts, () -> harness.slack.calls("chat.update").stream()
                    .anyMatch(update -> ts.equals(update.params().get("ts"))
                            && update.param("text").startsWith("MTA-STS d")));
            FakeSlack.Call finalUpdate = harness.slack.calls("chat.update").stream()
                    .filter(update -> ts.equals(update.params().get("ts")))
                    .reduce((earlier, later) -> later)
                    .orElseThrow();
            assertThat(finalUpdate.param("text")).endsWith("1 check fails, 1 warns");
            assertThat(calls.indexOf(finalUpdate)).isLessThan(calls.indexOf(replies.getFirst()));
        }
        assertThat(harness.checker.finished()).isEqualTo(burst);
    }
}
