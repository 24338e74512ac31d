package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/**
 * A message ready for Slack: Block Kit blocks, and the plain fallback {@code text} that notifications and screen
 * readers use. Both are already escaped.
 */
public record SlackMessage(String text, List<LayoutBlock> blocks) {
    /** Slack's limit of blocks in one message. */
    public static final int MAX_BLOCKS = 50;

    public SlackMessage {
        requireNonNull(text, "text is null");
        blocks = List.copyOf(requireNonNull(blocks, "blocks is null"));
        if (text.isBlank()) {
            throw new IllegalArgumentException("a Slack message needs a fallback text");
        }
        if (blocks.size() > MAX_BLOCKS) {
            throw new IllegalArgumentException(
                    "a Slack message has at most " + MAX_BLOCKS + " blocks, not " + blocks.size());
        }
    }
}
