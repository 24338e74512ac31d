package dev.mtasts.adapter.discord;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.Report;
import dev.mtasts.core.chat.ChatButton;
import dev.mtasts.core.chat.ChatCommand;
import dev.mtasts.core.chat.ChatFinish;
import dev.mtasts.core.chat.ChatFlows;
import dev.mtasts.core.chat.ChatPort;
import dev.mtasts.core.chat.ChatProgress;
import dev.mtasts.core.chat.ChatReply;
import dev.mtasts.core.chat.TlsReports;
import dev.mtasts.core.dispatch.CheckDispatcher;
import dev.mtasts.core.dispatch.Origin;
import dev.mtasts.core.frontend.ShareLinks;
import dev.mtasts.core.subscription.ChannelRef;
import dev.mtasts.core.subscription.Platform;
import dev.mtasts.core.subscription.SubscriptionService;
import dev.mtasts.core.subscription.SubscriptionText;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discord's side of the chat flows: it turns {@code /mtasts} and the report buttons into calls to the core's {@link
 * ChatFlows} with a {@link ChatPort} for the interaction, and moves what the flows decide over Discord: an immediate
 * ephemeral reply, or a deferral (within Discord's 3 seconds) whose original reply is edited with live progress and
 * the report, with a thread for the details where one can be made.
 */
final class DiscordInteractions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiscordInteractions.class);

    static final String NOT_HERE = "Only a server channel that mtasts is a member of can follow a domain: add the bot"
            + " to the server (not only to your account), then subscribe in the channel to be notified.";

    static final String CANNOT_POST = "mtasts cannot post in this channel, so it could not tell it about changes: give"
            + " the bot View Channel, Send Messages and Embed Links here, then subscribe again.";

    /** This front end's name in the dispatcher's rate limits. */
    static final String FRONT_END = "discord";

    /** The most plain text one reply shows (an embed's description holds 4096). */
    private static final int TEXT_CHARS = 3900;

    private static final EnumSet<Message.MentionType> NO_MENTIONS = EnumSet.noneOf(Message.MentionType.class);

    private final ChatFlows flows;
    private final SubscribeGate gate;
    private final Optional<String> subscribeRole;
    private final ShareLinks share;

    DiscordInteractions(
            CheckDispatcher checks, DiscordSettings config, SubscriptionService subscriptions, TlsReports reports) {
        this(checks, config, subscriptions, reports, ShareLinks.none());
    }

    /** With a "Share" link button to the web permalink under each report when {@code share} has a public URL. */
    @Inject
    DiscordInteractions(
            CheckDispatcher checks,
            DiscordSettings config,
            SubscriptionService subscriptions,
            TlsReports reports,
            ShareLinks share) {
        requireNonNull(config, "config is null");
        this.share = requireNonNull(share, "share is null");
        this.flows = new ChatFlows(FRONT_END, checks, subscriptions, reports);
        this.subscribeRole = config.subscribeRoleName();
        this.gate = new SubscribeGate(subscribeRole);
    }

    /** {@code /mtasts <subcommand> [domain]}. */
    void slashCommand(SlashCommandInteractionEvent event) {
        String subcommand = Optional.ofNullable(event.getSubcommandName()).orElse("help");
        String domain = Optional.ofNullable(event.getOption("domain", OptionMapping::getAsString))
                .orElse("");
        Interaction interaction = new Interaction(event);
        flows.command(ChatCommand.parse(subcommand + " " + domain), interaction).ifPresent(interaction::tellPrivately);
    }

    /** A report button: Re-check, Subscribe, Show policy. */
    void button(ButtonInteractionEvent event) {
        Optional<ButtonId> parsed = ButtonId.parse(event.getComponentId());
        if (parsed.isEmpty()) {
            return;
        }
        ButtonId button = parsed.get();
        Interaction interaction = new Interaction(event);
        Optional<String> domain = button.domain().or(() -> domainOf(event.getMessage()));
        if (domain.isEmpty()) {
            interaction.tellPrivately(new ChatReply.Notice("This report no longer says which domain it is about."));
            return;
        }
        ChatButton pressed =
                switch (button.action()) {
                    case RECHECK -> ChatButton.RECHECK;
                    case SUBSCRIBE -> ChatButton.SUBSCRIBE;
                    case POLICY -> ChatButton.SHOW_POLICY;
                };
        flows.button(pressed, domain.get(), interaction).ifPresent(interaction::tellPrivately);
    }

    @Override
    public void close() {
        flows.close();
    }

    /** A message for what the flows say; every piece of untrusted text is escaped by the formatters. */
    private MessageCreateData create(ChatReply reply) {
        return switch (reply) {
            case ChatReply.Help help -> DiscordReportFormatter.help(subscribeRole);
            case ChatReply.Invalid invalid -> DiscordReportFormatter.notice(invalid.reason());
            case ChatReply.Notice notice -> DiscordReportFormatter.notice(notice.text());
            case ChatReply.NotAllowed notAllowed -> DiscordReportFormatter.notice(gate.refusal());
            case ChatReply.CannotPost cannot -> DiscordReportFormatter.notice(CANNOT_POST);
            case ChatReply.Subscribed subscribed ->
                DiscordReportFormatter.notice(SubscriptionText.subscribed(
                        subscribed.result(), subscribed.domain(), Platform.DISCORD, subscribed.interval()));
            case ChatReply.Unsubscribed unsubscribed ->
                DiscordReportFormatter.notice(
                        SubscriptionText.unsubscribed(unsubscribed.removed(), unsubscribed.domain()));
            case ChatReply.SubscriptionList list ->
                DiscordSubscriptionFormatter.list(list.subscriptions(), list.perChannelLimit(), list.now());
            case ChatReply.History history ->
                MessageCreateData.fromEditData(DiscordReportFormatter.history(history.answer()));
            case ChatReply.Policy policy ->
                MessageCreateData.fromEditData(DiscordReportFormatter.policy(policy.domain(), policy.policy()));
            case ChatReply.Failure failure -> DiscordReportFormatter.notice(failure.reason());
            case ChatReply.TlsReport report -> DiscordTlsReportFormatter.summary(report.summary());
        };
    }

    /** {@link #create} as an edit of the deferred original reply, replacing all of it. */
    private MessageEditData edit(ChatReply reply) {
        MessageEditBuilder builder = new MessageEditBuilder().applyCreateData(create(reply));
        return builder.setReplace(true)
                .setAllowedMentions(NO_MENTIONS)
                .mentionRepliedUser(false)
                .build();
    }

    /** One slash command or button press. */
    private final class Interaction implements ChatPort {
        private final IReplyCallback event;
        private final InteractionHook hook;
        private final boolean threads;
        private @Nullable Answer acknowledged;
        private @Nullable OriginalReply reply;
        /** Text posted to the channel above the report that follows (a subscription's confirmation), escaped. */
        private volatile Optional<String> header = Optional.empty();

        Interaction(IReplyCallback event) {
            this.event = event;
            this.hook = event.getHook();
            this.threads = threadsPossible(event);
        }

        /** Rate limits count per member and per server (per channel outside servers). */
        @Override
        public Origin origin() {
            String place = event.isFromGuild() && event.getGuild() != null
                    ? "guild-" + event.getGuild().getId()
                    : "channel-" + event.getChannelId();
            return new Origin(FRONT_END, event.getUser().getId(), place, Origin.Visibility.PUBLIC);
        }

        /** The channel of a server interaction; empty in DMs and group DMs. */
        @Override
        public Optional<ChannelRef> channel() {
            if (!event.isFromGuild() || event.getGuild() == null || event.getChannelId() == null) {
                return Optional.empty();
            }
            return Optional.of(new ChannelRef(Platform.DISCORD, event.getGuild().getId(), event.getChannelId()));
        }

        /** A server text channel the bot is in (not only a user install) and may post to can follow a domain. */
        @Override
        public Optional<ChatReply> cannotFollowHere() {
            if (channel().isEmpty() || !event.isFromAttachedGuild() || event.getGuild() == null) {
                return Optional.of(new ChatReply.Notice(NOT_HERE));
            }
            Member self = event.getGuild().getSelfMember();
            boolean canPost = self.hasPermission(
                    event.getGuildChannel(),
                    Permission.VIEW_CHANNEL,
                    Permission.MESSAGE_SEND,
                    Permission.MESSAGE_EMBED_LINKS);
            return canPost ? Optional.empty() : Optional.of(new ChatReply.Notice(CANNOT_POST));
        }

        @Override
        public CompletableFuture<Boolean> mayManageSubscriptions() {
            return CompletableFuture.completedFuture(
                    gate.permits(Optional.ofNullable(event.isFromGuild() ? event.getMember() : null)));
        }

        /** Discord's buttons carry no report; a check answers them (shared and cached by the dispatcher). */
        @Override
        public Optional<Report> shownReport(String domain) {
            return Optional.empty();
        }

        @Override
        public int maxTextChars() {
            return TEXT_CHARS;
        }

        /** Defers: publicly for a report, ephemerally for anything else. */
        @Override
        public synchronized void acknowledge(Answer answer) {
            acknowledged = answer;
            boolean ephemeral =
                    switch (answer) {
                        case PUBLIC -> false;
                        case PRIVATE, DETAILS -> true;
                    };
            reply = new OriginalReply(event.deferReply(ephemeral).submit(), data -> hook.editOriginal(data)
                    .submit());
        }

        /**
         * At once, an ephemeral reply; after an ephemeral deferral, the edit of it; after a public one, the public
         * "thinking…" is deleted and the text goes to the user alone.
         */
        @Override
        public void tellPrivately(ChatReply said) {
            Answer answer;
            OriginalReply original;
            synchronized (this) {
                answer = acknowledged;
                original = reply;
            }
            if (answer == null || original == null) {
                event.reply(create(said))
                        .setEphemeral(true)
                        .queue(null, failure -> LOG.warn("could not answer a Discord interaction", failure));
                return;
            }
            switch (answer) {
                case PRIVATE, DETAILS ->
                    original.finish(edit(said)).exceptionally(failure -> {
                        LOG.warn("could not answer a Discord interaction privately", failure);
                        return null;
                    });
                case PUBLIC ->
                    original.settled()
                            .thenCompose(ignored -> hook.deleteOriginal().submit())
                            .handle((ignored, failure) -> null)
                            .thenCompose(ignored -> hook.setEphemeral(true)
                                    .sendMessage(create(said))
                                    .submit())
                            .exceptionally(failure -> {
                                LOG.warn("could not answer a Discord interaction privately", failure);
                                return null;
                            });
            }
        }

        /** In the public reply: shown at once, and kept above the report that follows. */
        @Override
        public boolean postToChannel(ChatReply said) {
            OriginalReply original = original();
            MessageCreateData data = create(said);
            header = Optional.of(data.getContent());
            original.progress(edit(said));
            return true;
        }

        @Override
        public boolean showProgress(ChatProgress progress) {
            OriginalReply original = original();
            switch (progress) {
                case ChatProgress.Starting starting ->
                    original.progress(DiscordReportFormatter.progress(starting.domain(), starting.checks(), List.of()));
                case ChatProgress.Queued queued ->
                    original.progress(DiscordReportFormatter.queued(queued.domain(), queued.ahead()));
                case ChatProgress.Running running ->
                    original.progress(
                            DiscordReportFormatter.progress(running.domain(), running.checks(), running.finished()));
            }
            return true;
        }

        @Override
        public void finish(ChatFinish finish) {
            switch (finish) {
                case ChatFinish.Failed failed -> tellPrivately(new ChatReply.Notice(failed.reason()));
                case ChatFinish.Reported reported -> report(reported.report());
            }
        }

        /** The report in the reply, and its details in a thread on it (or inline where no thread can be made). */
        private void report(Report report) {
            OriginalReply original = original();
            List<MessageCreateData> details = DiscordReportFormatter.threadMessages(report);
            DiscordReportFormatter.Details layout = threads && !details.isEmpty()
                    ? DiscordReportFormatter.Details.THREAD
                    : DiscordReportFormatter.Details.INLINE;
            Message message;
            try {
                message = original.finish(withHeader(DiscordReportFormatter.report(report, layout, share)))
                        .join();
            } catch (CompletionException e) {
                LOG.warn("could not post the report of {} to Discord", report.domain(), e.getCause());
                return;
            }
            if (layout == DiscordReportFormatter.Details.INLINE) {
                return;
            }
            try {
                ThreadChannel thread = message.createThreadChannel(DiscordReportFormatter.threadName(report))
                        .submit()
                        .join();
                for (MessageCreateData detail : details) {
                    thread.sendMessage(detail).submit().join();
                }
            } catch (CompletionException | UnsupportedOperationException | IllegalStateException e) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                LOG.info(
                        "no thread for the report of {} ({}); putting the details in the reply",
                        report.domain(),
                        cause.toString());
                original.finish(withHeader(
                                DiscordReportFormatter.report(report, DiscordReportFormatter.Details.INLINE, share)))
                        .exceptionally(failure -> {
                            LOG.warn("could not put the details of {} in the reply", report.domain(), failure);
                            return null;
                        });
            }
        }

        /** The report with the posted text (a subscription's confirmation) above its embeds. */
        private MessageEditData withHeader(MessageEditData data) {
            Optional<String> above = header;
            if (above.isEmpty()) {
                return data;
            }
            return MessageEditBuilder.from(data)
                    .setContent(DiscordMarkdown.truncate(above.get(), Message.MAX_CONTENT_LENGTH))
                    .build();
        }

        /** Details of a button's report go to the member alone, in the ephemeral reply. */
        @Override
        public void postDetails(ChatReply said) {
            original().finish(edit(said)).exceptionally(failure -> {
                LOG.warn("could not answer a Discord button", failure);
                return null;
            });
        }

        /** Discord's report buttons do not change with the subscription. */
        @Override
        public void showFollowing(String domain, boolean followed) {}

        private synchronized OriginalReply original() {
            if (reply == null) {
                acknowledge(Answer.PUBLIC);
            }
            return requireNonNull(reply, "reply is null");
        }
    }

    /**
     * Threads need a cached (attached) guild, a text or announcement channel, and the bot's permission to create
     * public threads and post in them. DMs, user installs, threads themselves and forums get the details inline.
     */
    static boolean threadsPossible(IReplyCallback event) {
        if (!event.isFromAttachedGuild()) {
            return false;
        }
        ChannelType type = event.getChannelType();
        if (type != ChannelType.TEXT && type != ChannelType.NEWS) {
            return false;
        }
        GuildChannel channel = event.getGuildChannel();
        Member self = event.getGuild().getSelfMember();
        return self.hasPermission(
                channel,
                Permission.VIEW_CHANNEL,
                Permission.CREATE_PUBLIC_THREADS,
                Permission.MESSAGE_SEND_IN_THREADS,
                Permission.MESSAGE_EMBED_LINKS);
    }

    /** A button whose id could not hold the domain: the report's title starts with "domain: ". */
    static Optional<String> domainOf(Message message) {
        return message.getEmbeds().stream()
                .map(MessageEmbed::getTitle)
                .filter(title -> title != null && title.indexOf(':') > 0)
                .map(title -> title.substring(0, title.indexOf(':')).strip())
                .findFirst();
    }
}
