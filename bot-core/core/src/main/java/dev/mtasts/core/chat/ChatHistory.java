package dev.mtasts.core.chat;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.history.HistoryStoreException;
import dev.mtasts.core.history.Timeline;
import dev.mtasts.core.history.TimelineText;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /mtasts history <domain>}, the same on every platform: the domain's timeline (what changed when) as plain
 * text, cut to what one chat message holds, or a friendly sentence when the history cannot be read.
 */
public final class ChatHistory {
    private static final Logger LOG = LoggerFactory.getLogger(ChatHistory.class);

    private ChatHistory() {}

    /** What the reply shows. */
    public sealed interface Answer {
        /** The timeline's text (untrusted parts made visible, not yet escaped for the platform). */
        record Shown(String domain, String text, boolean cut) implements Answer {}

        /** The history could not be read; the sentence carries a reference for the log. */
        record Failed(String domain, String sentence) implements Answer {}
    }

    /** Reads the timeline through {@code timeline} and renders at most {@code maxChars} of it. */
    public static Answer answer(String domain, Supplier<Timeline> timeline, int maxChars) {
        requireNonNull(domain, "domain is null");
        requireNonNull(timeline, "timeline is null");
        String text;
        try {
            text = TimelineText.render(timeline.get());
        } catch (HistoryStoreException e) {
            String reference =
                    HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            LOG.error("reading the history of {} failed (reference {})", domain, reference, e);
            return new Answer.Failed(
                    domain,
                    "The history of " + domain + " cannot be read right now: the history database is not answering."
                            + " Try again in a minute; if it keeps failing, give the operator the reference "
                            + reference + ".");
        }
        if (text.length() <= maxChars) {
            return new Answer.Shown(domain, text.strip(), false);
        }
        String note = "\n… cut here; `mtasts history " + domain + "` on the command line shows it all.";
        int end = text.lastIndexOf('\n', Math.max(0, maxChars - note.length()));
        return new Answer.Shown(domain, text.substring(0, Math.max(end, 0)).strip() + note, true);
    }
}
