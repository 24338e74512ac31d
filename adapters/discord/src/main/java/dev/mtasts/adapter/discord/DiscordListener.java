package dev.mtasts.adapter.discord;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.metrics.Metrics;
import jakarta.inject.Inject;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes JDA's events: {@code /mtasts} and report buttons to {@link DiscordInteractions}, and registers the command
 * when shard 0 (or the only connection) is ready. Runs on JDA's event thread, so it only hands work on.
 */
final class DiscordListener extends ListenerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(DiscordListener.class);

    private final DiscordInteractions interactions;
    private final Metrics metrics;

    @Inject
    DiscordListener(DiscordInteractions interactions, Metrics metrics) {
        this.interactions = requireNonNull(interactions, "interactions is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public void onReady(ReadyEvent event) {
        if (event.getJDA().getShardInfo().getShardId() != 0) {
            return;
        }
        event.getJDA()
                .updateCommands()
                .addCommands(DiscordCommands.mtasts())
                .queue(
                        commands -> LOG.info("registered the global /{} command", DiscordCommands.NAME),
                        failure -> LOG.error("could not register the /{} command", DiscordCommands.NAME, failure));
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        if (!event.getName().equals(DiscordCommands.NAME)) {
            return;
        }
        metrics.adapterEvent("discord", "command");
        try {
            interactions.slashCommand(event);
        } catch (RuntimeException e) {
            answerCrash(event, e);
        }
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        metrics.adapterEvent("discord", "button");
        try {
            interactions.button(event);
        } catch (RuntimeException e) {
            answerCrash(event, e);
        }
    }

    private static void answerCrash(IReplyCallback event, RuntimeException e) {
        LOG.error("a Discord interaction failed", e);
        if (!event.isAcknowledged()) {
            event.reply(DiscordReportFormatter.notice("Something went wrong in mtasts; try again in a minute."))
                    .setEphemeral(true)
                    .queue(null, failure -> LOG.warn("could not answer a failed interaction", failure));
        }
    }
}
