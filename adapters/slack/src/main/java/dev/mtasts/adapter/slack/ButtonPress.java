package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A click on one of a report's buttons.
 *
 * @param value the button's value: the domain the report is about (still validated again, as all input is)
 * @param messageTs the clicked message, when it is a channel message
 */
public record ButtonPress(
        Action action,
        String value,
        String teamId,
        String channelId,
        String userId,
        Optional<String> messageTs,
        String responseUrl) {
    public ButtonPress {
        requireNonNull(action, "action is null");
        requireNonNull(value, "value is null");
        requireNonNull(teamId, "teamId is null");
        requireNonNull(channelId, "channelId is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(messageTs, "messageTs is null");
        requireNonNull(responseUrl, "responseUrl is null");
    }

    /** The report's buttons, by their {@code action_id}. */
    public enum Action {
        RECHECK(SlackReportFormatter.RECHECK),
        SUBSCRIBE(SlackReportFormatter.SUBSCRIBE),
        UNSUBSCRIBE(SlackReportFormatter.UNSUBSCRIBE),
        SHOW_POLICY(SlackReportFormatter.SHOW_POLICY);

        private final String actionId;

        Action(String actionId) {
            this.actionId = actionId;
        }

        public String actionId() {
            return actionId;
        }

        public static Optional<Action> of(String actionId) {
            for (Action action : values()) {
                if (action.actionId.equals(actionId)) {
                    return Optional.of(action);
                }
            }
            return Optional.empty();
        }
    }
}
