package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

/**
 * A message sent to an interaction's {@code response_url}: it works where the bot's token cannot post (private
 * channels it is not in, DMs), up to five times in 30 minutes.
 *
 * @param inChannel visible to everyone in the channel; otherwise only to the user who acted (ephemeral)
 * @param replaceOriginal replace the message whose button was pressed
 */
public record ResponseMessage(boolean inChannel, boolean replaceOriginal, SlackMessage message) {
    public ResponseMessage {
        requireNonNull(message, "message is null");
    }

    public static ResponseMessage ephemeral(SlackMessage message) {
        return new ResponseMessage(false, false, message);
    }

    public static ResponseMessage inChannel(SlackMessage message) {
        return new ResponseMessage(true, false, message);
    }
}
