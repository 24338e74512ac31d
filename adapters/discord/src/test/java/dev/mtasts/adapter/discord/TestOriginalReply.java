package dev.mtasts.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.junit.jupiter.api.Test;

final class TestOriginalReply {
    private final List<String> sent = new ArrayList<>();
    private final List<CompletableFuture<Message>> inFlight = new ArrayList<>();

    @Test
    void editsWaitForTheDeferAndGoOutInOrder() {
        CompletableFuture<Void> defer = new CompletableFuture<>();
        OriginalReply reply = new OriginalReply(defer, this::send);

        reply.progress(MessageEditData.fromContent("1/3"));
        assertThat(sent).isEmpty();

        defer.complete(null);
        assertThat(sent).containsExactly("1/3");

        reply.progress(MessageEditData.fromContent("2/3"));
        reply.progress(MessageEditData.fromContent("3/3"));
        CompletableFuture<Message> done = reply.finish(MessageEditData.fromContent("report"));
        assertThat(sent).as("nothing overtakes the edit in flight").containsExactly("1/3");

        inFlight.getLast().complete(null);
        assertThat(sent).as("stale progress is dropped").containsExactly("1/3", "report");
        assertThat(done).isNotDone();

        inFlight.getLast().complete(null);
        assertThat(done).isCompleted();
    }

    @Test
    void progressWhileAnEditIsInFlightIsCoalesced() {
        OriginalReply reply = new OriginalReply(CompletableFuture.completedFuture(null), this::send);

        reply.progress(MessageEditData.fromContent("1/4"));
        reply.progress(MessageEditData.fromContent("2/4"));
        reply.progress(MessageEditData.fromContent("3/4"));
        inFlight.getLast().complete(null);

        assertThat(sent).containsExactly("1/4", "3/4");
    }

    @Test
    void aFailedEditDoesNotStopTheNext() {
        OriginalReply reply =
                new OriginalReply(CompletableFuture.failedFuture(new IllegalStateException("defer")), this::send);

        reply.progress(MessageEditData.fromContent("1/2"));
        inFlight.getLast().completeExceptionally(new IllegalStateException("edit"));
        reply.finish(MessageEditData.fromContent("report"));
        reply.progress(MessageEditData.fromContent("late"));

        assertThat(sent).containsExactly("1/2", "report");
    }

    private CompletableFuture<Message> send(MessageEditData data) {
        sent.add(data.getContent());
        CompletableFuture<Message> future = new CompletableFuture<>();
        inFlight.add(future);
        return future;
    }
}
