package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.mtasts.core.metrics.Metrics;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds Bolt's {@link App} for the bot and wires its listeners to {@link SlackInteractions}. Every listener acks at
 * once (returning the ack is how Bolt sends it) and leaves the slow work to the job threads.
 */
public final class SlackBoltApp {
    public static final String COMMAND = "/mtasts";

    private static final Pattern OUR_ACTIONS = Pattern.compile("^mtasts_[a-z_]+$");

    private SlackBoltApp() {}

    /** The Slack SDK client pointed at the configured Web API base URL, with sensible timeouts and no stats threads. */
    public static Slack slack(SlackSetup setup) {
        requireNonNull(setup, "setup is null");
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(setup.apiUrl());
        config.setHttpClientReadTimeoutMillis(15_000);
        config.setHttpClientWriteTimeoutMillis(15_000);
        config.setHttpClientCallTimeoutMillis(30_000);
        config.getMethodsConfig().setStatsEnabled(false);
        return Slack.getInstance(config);
    }

    public static App create(SlackSetup setup, Slack slack, SlackInteractions interactions) {
        return create(setup, slack, interactions, Metrics.inMemory());
    }

    /** As above, counting each command and button press in {@code metrics} ({@code mtasts_adapter_events_total}). */
    public static App create(SlackSetup setup, Slack slack, SlackInteractions interactions, Metrics metrics) {
        requireNonNull(metrics, "metrics is null");
        requireNonNull(setup, "setup is null");
        requireNonNull(slack, "slack is null");
        requireNonNull(interactions, "interactions is null");
        boolean http =
                switch (setup.transport()) {
                    case HTTP -> true;
                    case SOCKET_MODE -> false;
                };
        AppConfig config = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(setup.botToken())
                .signingSecret(setup.signingSecret().orElse(null))
                // HTTP mode: SlackEventsHandler has already verified the signature with a symmetric window; Bolt
                // checks again (its window is one-sided). Socket Mode requests are not signed.
                .requestVerificationEnabled(http)
                .authTestCacheEnabled(true)
                .build();
        App app = new App(config);
        app.command(COMMAND, (request, context) -> {
            metrics.adapterEvent("slack", "command");
            SlashCommandPayload payload = request.getPayload();
            Optional<SlackMessage> reply = interactions.onCommand(new SlashInvocation(
                    orEmpty(payload.getTeamId()),
                    orEmpty(payload.getChannelId()),
                    orEmpty(payload.getUserId()),
                    orEmpty(payload.getText()),
                    orEmpty(payload.getResponseUrl())));
            if (reply.isEmpty()) {
                return context.ack();
            }
            SlackMessage message = reply.get();
            return context.ack(response ->
                    response.responseType("ephemeral").text(message.text()).blocks(message.blocks()));
        });
        app.blockAction(OUR_ACTIONS, (request, context) -> {
            metrics.adapterEvent("slack", "button");
            BlockActionPayload payload = request.getPayload();
            for (BlockActionPayload.Action action : payload.getActions()) {
                ButtonPress.Action.of(action.getActionId())
                        .ifPresent(known -> interactions.onButton(new ButtonPress(
                                known,
                                orEmpty(action.getValue()),
                                payload.getTeam() == null
                                        ? ""
                                        : orEmpty(payload.getTeam().getId()),
                                channel(payload),
                                payload.getUser() == null
                                        ? ""
                                        : orEmpty(payload.getUser().getId()),
                                messageTs(payload),
                                orEmpty(payload.getResponseUrl()))));
            }
            return context.ack();
        });
        app.event(AppHomeOpenedEvent.class, (payload, context) -> {
            AppHomeOpenedEvent event = payload.getEvent();
            if ("home".equals(event.getTab()) && event.getUser() != null) {
                interactions.onHomeOpened(orEmpty(payload.getTeamId()), event.getUser());
            }
            return context.ack();
        });
        return app;
    }

    private static String channel(BlockActionPayload payload) {
        if (payload.getChannel() != null && payload.getChannel().getId() != null) {
            return payload.getChannel().getId();
        }
        if (payload.getContainer() != null && payload.getContainer().getChannelId() != null) {
            return payload.getContainer().getChannelId();
        }
        return "";
    }

    private static Optional<String> messageTs(BlockActionPayload payload) {
        if (payload.getContainer() != null
                && "message".equals(payload.getContainer().getType())
                && payload.getContainer().getMessageTs() != null) {
            return Optional.of(payload.getContainer().getMessageTs());
        }
        if (payload.getMessage() != null && payload.getMessage().getTs() != null) {
            return Optional.of(payload.getMessage().getTs());
        }
        return Optional.empty();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
