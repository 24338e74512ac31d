package dev.mtasts.adapter.discord;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.jspecify.annotations.Nullable;

/**
 * The deferred reply of one interaction, edited in place: progress edits, then the final one. Edits go out one at a
 * time and in order, after the defer; progress that arrives while an edit is in flight replaces the progress still
 * waiting, so a fast check costs a few edits, not one per check; the final edit drops any progress still waiting.
 * Thread-safe: progress is reported from check threads.
 */
final class OriginalReply {
    private final Function<MessageEditData, CompletableFuture<Message>> editor;
    private CompletableFuture<?> last;
    private @Nullable MessageEditData pendingProgress;
    private boolean finished;

    /**
     * @param deferred completes when the interaction is acknowledged
     * @param editor sends one edit of the original reply (in production, {@code hook.editOriginal(data).submit()})
     */
    OriginalReply(CompletableFuture<?> deferred, Function<MessageEditData, CompletableFuture<Message>> editor) {
        this.last = requireNonNull(deferred, "deferred is null");
        this.editor = requireNonNull(editor, "editor is null");
    }

    /** Queues a progress edit, or replaces the one already waiting. Ignored after {@link #finish}. */
    synchronized void progress(MessageEditData data) {
        requireNonNull(data, "data is null");
        if (finished) {
            return;
        }
        boolean queued = pendingProgress != null;
        pendingProgress = data;
        if (!queued) {
            last = last.handle((ignored, failure) -> null).thenCompose(ignored -> sendPendingProgress());
        }
    }

    /**
     * Sends {@code data} after every edit before it, and completes with the edited message. Later calls edit again
     * (the inline fallback when a thread cannot be made).
     */
    synchronized CompletableFuture<Message> finish(MessageEditData data) {
        requireNonNull(data, "data is null");
        finished = true;
        pendingProgress = null;
        CompletableFuture<Message> edited =
                last.handle((ignored, failure) -> null).thenCompose(ignored -> editor.apply(data));
        last = edited;
        return edited;
    }

    /** Completes once the defer and every queued edit are done, failed or not. */
    synchronized CompletableFuture<Void> settled() {
        return last.handle((ignored, failure) -> null);
    }

    private CompletableFuture<?> sendPendingProgress() {
        MessageEditData data;
        synchronized (this) {
            data = pendingProgress;
            pendingProgress = null;
        }
        if (data == null) {
            return CompletableFuture.completedFuture(null);
        }
        return editor.apply(data);
    }
}
