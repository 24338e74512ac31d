package dev.mtasts.adapter.discord;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckService.CheckDefinition;
import dev.mtasts.core.Report;
import dev.mtasts.core.chat.ChatCommand;
import dev.mtasts.core.chat.ChatHistory;
import dev.mtasts.core.chat.PolicyText;
import dev.mtasts.core.dispatch.CheckDispatcher;
import dev.mtasts.core.dispatch.CheckEvent;
import dev.mtasts.core.dispatch.CheckRequest;
import dev.mtasts.core.dispatch.DispatchText;
import dev.mtasts.core.dispatch.Following;
import dev.mtasts.core.dispatch.Origin;
import dev.mtasts.core.frontend.ShareLinks;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.subscription.ChannelRef;
import dev.mtasts.core.subscription.Platform;
import dev.mtasts.core.subscription.SubscribeResult;
import dev.mtasts.core.subscription.SubscriptionFailure;
import dev.mtasts.core.subscription.SubscriptionService;
import dev.mtasts.core.subscription.SubscriptionText;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code /mtasts} and the report buttons do. Thin: build the command, hand the check to the core's {@link
 * CheckDispatcher} (queue, coalescing, cache, rate limits), defer within Discord's 3 seconds, follow the check on an
 * executor, format with {@link DiscordReportFormatter}, send. Help, refusals and errors are ephemeral.
 */
final class DiscordInteractions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiscordInteractions.class);

    static final String NOT_YET = "Subscriptions are not available yet: this version of mtasts cannot watch domains"
            + " for a channel. Run /mtasts check (or press Re-check under a report) meanwhile.";

    static final String NOT_HERE = "Only a server channel that mtasts is a member of can follow a domain: add the bot"
            + " to the server (not only to your account), then subscribe in the channel to be notified.";

    static final String CANNOT_POST = "mtasts cannot post in this channel, so it could not tell it about changes: give"
            + " the bot View Channel, Send Messages and Embed Links here, then subscribe again.";

    /** This front end's name in the dispatcher's rate limits. */
    static final String FRONT_END = "discord";

    /** How long a job follows its check, queue included, before giving up. */
    private static final java.time.Duration CHECK_WAIT = java.time.Duration.ofMinutes(15);

    private final ShareLinks share;
    private final CheckDispatcher checks;
    private final Optional<SubscriptionService> subscriptions;
    private final SubscribeGate gate;
    private final Optional<String> subscribeRole;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("mtasts-discord-check-", 0).factory());

    DiscordInteractions(CheckDispatcher checks, DiscordConfig config, Optional<SubscriptionService> subscriptions) {
        this(checks, config, subscriptions, ShareLinks.none());
    }

    /** With a "Share" link button to the web permalink under each report when {@code share} has a public URL. */
    @Inject
    DiscordInteractions(
            CheckDispatcher checks,
            DiscordConfig config,
            Optional<SubscriptionService> subscriptions,
            ShareLinks share) {
        this.share = requireNonNull(share, "share is null");
        this.checks = requireNonNull(checks, "checks is null");
        this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
        requireNonNull(config, "config is null");
        this.subscribeRole = config.subscribeRoleName();
        this.gate = new SubscribeGate(subscribeRole);
    }

    /** The report message, with the "Share" link button when a public URL is set. */
    private MessageEditData reportOf(Report report, DiscordReportFormatter.Details details) {
        return DiscordReportFormatter.report(report, details, share);
    }

    /** {@code /mtasts <subcommand> [domain]}. */
    void slashCommand(SlashCommandInteractionEvent event) {
        String subcommand = Optional.ofNullable(event.getSubcommandName()).orElse("help");
        String domain = Optional.ofNullable(event.getOption("domain", OptionMapping::getAsString))
                .orElse("");
        ChatCommand command = ChatCommand.parse(subcommand + " " + domain);
        switch (command) {
            case ChatCommand.Check check -> startCheck(event, check.domain(), false);
            case ChatCommand.Subscribe subscribe -> subscribe(event, subscribe.domain());
            case ChatCommand.Unsubscribe unsubscribe -> unsubscribe(event, unsubscribe.domain());
            case ChatCommand.History history -> history(event, history.domain());
            case ChatCommand.ListSubscriptions list -> list(event);
            case ChatCommand.Help help -> ephemeral(event, DiscordReportFormatter.help(subscribeRole));
            case ChatCommand.Invalid invalid -> ephemeral(event, DiscordReportFormatter.notice(invalid.reason()));
        }
    }

    /** A report button: Re-check, Subscribe, Show policy. */
    void button(ButtonInteractionEvent event) {
        Optional<ButtonId> parsed = ButtonId.parse(event.getComponentId());
        if (parsed.isEmpty()) {
            return;
        }
        ButtonId button = parsed.get();
        Optional<String> domain = button.domain().or(() -> domainOf(event.getMessage()));
        if (domain.isEmpty()) {
            ephemeral(event, DiscordReportFormatter.notice("This report no longer says which domain it is about."));
            return;
        }
        switch (ChatCommand.parse("check " + domain.get())) {
            case ChatCommand.Check check -> {
                switch (button.action()) {
                    case RECHECK -> startCheck(event, check.domain(), true);
                    case SUBSCRIBE -> subscribe(event, check.domain());
                    case POLICY -> showPolicy(event, check.domain());
                }
            }
            case ChatCommand.Invalid invalid -> ephemeral(event, DiscordReportFormatter.notice(invalid.reason()));
            case ChatCommand.Subscribe subscribe -> ephemeral(event, DiscordReportFormatter.help(subscribeRole));
            case ChatCommand.Unsubscribe unsubscribe -> ephemeral(event, DiscordReportFormatter.help(subscribeRole));
            case ChatCommand.ListSubscriptions list -> ephemeral(event, DiscordReportFormatter.help(subscribeRole));
            case ChatCommand.History history -> ephemeral(event, DiscordReportFormatter.help(subscribeRole));
            case ChatCommand.Help help -> ephemeral(event, DiscordReportFormatter.help(subscribeRole));
        }
    }

    @Override
    public void close() {
        // Never interrupted: a job may be writing a subscription to the embedded database.
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Discord checks still running after 5 s at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Subscribe: for permitted members, in a channel the bot can post in. A new or resumed subscription gets a check
     * at once, posted like any report with the confirmation above it: that report is the baseline.
     */
    private void subscribe(IReplyCallback event, DomainInput.Valid domain) {
        Optional<SubscriptionService> service = permittedService(event);
        Optional<ChannelRef> channel = service.flatMap(ignored -> subscribableChannel(event));
        if (service.isEmpty() || channel.isEmpty()) {
            return;
        }
        boolean threads = threadsPossible(event);
        String userId = event.getUser().getId();
        Origin origin = origin(event);
        InteractionHook hook = event.getHook();
        OriginalReply reply = new OriginalReply(
                event.deferReply().submit(), data -> hook.editOriginal(data).submit());
        try {
            executor.execute(() -> {
                SubscribeResult result;
                try {
                    result = service.get().subscribe(channel.get(), domain, userId);
                } catch (RuntimeException e) {
                    privately(reply, hook, SubscriptionFailure.describe("Subscribing to " + domain.domain(), e));
                    return;
                }
                String text = SubscriptionText.subscribed(
                        result,
                        domain.domain(),
                        Platform.DISCORD,
                        service.get().settings().interval());
                if (!SubscriptionService.wantsBaseline(result)) {
                    privately(reply, hook, text);
                    return;
                }
                Following following = checks.follow(new CheckRequest(origin, domain, false));
                if (following.refusal().isPresent()) {
                    privately(
                            reply,
                            hook,
                            text + " "
                                    + DispatchText.refusal(
                                            domain.domain(), following.refusal().get()));
                    return;
                }
                runCheck(following, reply, hook, domain, threads, Optional.of(text))
                        .ifPresent(report -> {
                            try {
                                service.get().recordBaseline(report);
                            } catch (RuntimeException e) {
                                LOG.warn(
                                        "could not record the baseline of {}; the first scheduled check will",
                                        domain.domain(),
                                        e);
                            }
                        });
            });
        } catch (RejectedExecutionException e) {
            fail(reply, hook, domain, DispatchText.refusal(domain.domain(), new CheckEvent.Busy(0, true)));
        }
    }

    /** Unsubscribe: the channel sees it when something changed; otherwise only the member does. */
    private void unsubscribe(IReplyCallback event, DomainInput.Valid domain) {
        Optional<SubscriptionService> service = permittedService(event);
        Optional<ChannelRef> channel = service.flatMap(ignored -> guildChannel(event));
        if (service.isEmpty()) {
            return;
        }
        if (channel.isEmpty()) {
            ephemeral(event, DiscordReportFormatter.notice(SubscriptionText.unsubscribed(false, domain.domain())));
            return;
        }
        InteractionHook hook = event.getHook();
        OriginalReply reply = new OriginalReply(
                event.deferReply().submit(), data -> hook.editOriginal(data).submit());
        try {
            executor.execute(() -> {
                boolean removed;
                try {
                    removed = service.get().unsubscribe(channel.get(), domain);
                } catch (RuntimeException e) {
                    privately(reply, hook, SubscriptionFailure.describe("Unsubscribing from " + domain.domain(), e));
                    return;
                }
                String text = SubscriptionText.unsubscribed(removed, domain.domain());
                if (removed) {
                    reply.finish(DiscordReportFormatter.noticeEdit(text)).exceptionally(failure -> {
                        LOG.warn("could not confirm the unsubscription from {}", domain.domain(), failure);
                        return null;
                    });
                } else {
                    privately(reply, hook, text);
                }
            });
        } catch (RejectedExecutionException e) {
            privately(reply, hook, "mtasts is shutting down; try again in a minute.");
        }
    }

    /** History: the domain's timeline, to the member alone, read off the gateway thread. */
    private void history(IReplyCallback event, DomainInput.Valid domain) {
        InteractionHook hook = event.getHook();
        OriginalReply reply = new OriginalReply(
                event.deferReply(true).submit(), data -> hook.editOriginal(data).submit());
        try {
            executor.execute(() -> reply.finish(DiscordReportFormatter.history(
                            ChatHistory.answer(domain.domain(), () -> checks.timeline(domain), 3900)))
                    .exceptionally(failure -> {
                        LOG.warn("could not show the history of {}", domain.domain(), failure);
                        return null;
                    }));
        } catch (RejectedExecutionException e) {
            reply.finish(DiscordReportFormatter.noticeEdit(
                    DispatchText.refusal(domain.domain(), new CheckEvent.Busy(0, true))));
        }
    }

    /** List: the channel's subscriptions, to the member alone. Everyone may ask. */
    private void list(IReplyCallback event) {
        if (subscriptions.isEmpty()) {
            ephemeral(event, DiscordReportFormatter.notice(NOT_YET));
            return;
        }
        SubscriptionService service = subscriptions.get();
        Optional<ChannelRef> channel = guildChannel(event);
        if (channel.isEmpty()) {
            ephemeral(event, DiscordReportFormatter.notice(SubscriptionText.listHeadline(0, 0)));
            return;
        }
        InteractionHook hook = event.getHook();
        CompletableFuture<?> deferred = event.deferReply(true).submit();
        try {
            executor.execute(() -> {
                MessageEditData answer;
                try {
                    answer = MessageEditData.fromCreateData(DiscordSubscriptionFormatter.list(
                            service.list(channel.get()),
                            service.settings().limits().perChannel(),
                            service.now()));
                } catch (RuntimeException e) {
                    answer = DiscordReportFormatter.noticeEdit(
                            SubscriptionFailure.describe("Listing this channel's subscriptions", e));
                }
                MessageEditData data = answer;
                deferred.thenCompose(ignored -> hook.editOriginal(data).submit())
                        .exceptionally(failure -> {
                            LOG.warn("could not answer a Discord list command", failure);
                            return null;
                        });
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("the Discord front end is stopping; a list command was dropped");
        }
    }

    /** The service, if subscriptions exist and the member passes the gate; otherwise answers and returns empty. */
    private Optional<SubscriptionService> permittedService(IReplyCallback event) {
        boolean permitted = gate.permits(Optional.ofNullable(event.isFromGuild() ? event.getMember() : null));
        if (!permitted) {
            ephemeral(event, DiscordReportFormatter.notice(gate.refusal()));
            return Optional.empty();
        }
        if (subscriptions.isEmpty()) {
            ephemeral(event, DiscordReportFormatter.notice(NOT_YET));
            return Optional.empty();
        }
        return subscriptions;
    }

    /** The channel as a subscription target: a server text channel the bot is in and may post to. */
    private Optional<ChannelRef> subscribableChannel(IReplyCallback event) {
        Optional<ChannelRef> channel = guildChannel(event);
        if (channel.isEmpty() || !event.isFromAttachedGuild()) {
            ephemeral(event, DiscordReportFormatter.notice(NOT_HERE));
            return Optional.empty();
        }
        Member self = event.getGuild().getSelfMember();
        boolean canPost = self.hasPermission(
                event.getGuildChannel(),
                Permission.VIEW_CHANNEL,
                Permission.MESSAGE_SEND,
                Permission.MESSAGE_EMBED_LINKS);
        if (!canPost) {
            ephemeral(event, DiscordReportFormatter.notice(CANNOT_POST));
            return Optional.empty();
        }
        return channel;
    }

    /** The channel of a server interaction; empty in DMs and group DMs. */
    private static Optional<ChannelRef> guildChannel(IReplyCallback event) {
        if (!event.isFromGuild() || event.getGuild() == null || event.getChannelId() == null) {
            return Optional.empty();
        }
        return Optional.of(new ChannelRef(Platform.DISCORD, event.getGuild().getId(), event.getChannelId()));
    }

    /** Replaces the public "thinking…" reply with a message the member alone sees. */
    private static void privately(OriginalReply reply, InteractionHook hook, String text) {
        reply.settled()
                .thenCompose(ignored -> hook.deleteOriginal().submit())
                .handle((ignored, failure) -> null)
                .thenCompose(ignored -> hook.setEphemeral(true)
                        .sendMessage(DiscordReportFormatter.notice(text))
                        .submit())
                .exceptionally(failure -> {
                    LOG.warn("could not answer a Discord interaction privately", failure);
                    return null;
                });
    }

    /**
     * Hands the check to the dispatcher; a refusal (rate limit, full queue) is an ephemeral reply at once. Otherwise
     * defers publicly and follows the check off the gateway thread.
     */
    private void startCheck(IReplyCallback event, DomainInput.Valid domain, boolean recheck) {
        Following following = checks.follow(new CheckRequest(origin(event), domain, recheck));
        if (following.refusal().isPresent()) {
            ephemeral(
                    event,
                    DiscordReportFormatter.notice(DispatchText.refusal(
                            domain.domain(), following.refusal().get())));
            return;
        }
        boolean threads = threadsPossible(event);
        InteractionHook hook = event.getHook();
        OriginalReply reply = new OriginalReply(
                event.deferReply().submit(), data -> hook.editOriginal(data).submit());
        try {
            executor.execute(() -> runCheck(following, reply, hook, domain, threads, Optional.empty()));
        } catch (RejectedExecutionException e) {
            fail(reply, hook, domain, DispatchText.refusal(domain.domain(), new CheckEvent.Busy(0, true)));
        }
    }

    /** Who asks and where: rate limits count per member and per server (per channel outside servers). */
    private static Origin origin(IReplyCallback event) {
        String place = event.isFromGuild() && event.getGuild() != null
                ? "guild-" + event.getGuild().getId()
                : "channel-" + event.getChannelId();
        return new Origin(FRONT_END, event.getUser().getId(), place, Origin.Visibility.PUBLIC);
    }

    /** Runs the check with live progress and posts the report, with {@code header} above it; returns the report. */
    private Optional<Report> runCheck(
            Following following,
            OriginalReply reply,
            InteractionHook hook,
            DomainInput.Valid domain,
            boolean threads,
            Optional<String> header) {
        List<CheckDefinition> definitions = checks.checks();
        List<CheckReport> finished = new ArrayList<>();
        reply.progress(DiscordReportFormatter.progress(domain.domain(), definitions, List.of()));
        boolean[] queued = {false};
        CheckEvent end = following.awaitEnd(
                event -> {
                    switch (event) {
                        case CheckEvent.Queued waiting -> {
                            queued[0] = true;
                            reply.progress(DiscordReportFormatter.queued(domain.domain(), waiting.ahead()));
                        }
                        case CheckEvent.Started started -> {
                            if (queued[0]) {
                                reply.progress(
                                        DiscordReportFormatter.progress(domain.domain(), definitions, List.of()));
                            }
                        }
                        case CheckEvent.Progress step -> {
                            finished.add(step.check());
                            reply.progress(DiscordReportFormatter.progress(
                                    domain.domain(), definitions, List.copyOf(finished)));
                        }
                        case CheckEvent.Finished done -> {}
                        case CheckEvent.Failed failed -> {}
                        case CheckEvent.Busy busy -> {}
                        case CheckEvent.Limited limited -> {}
                    }
                },
                CHECK_WAIT);
        if (!(end instanceof CheckEvent.Finished done)) {
            fail(reply, hook, domain, DispatchText.refusal(domain.domain(), end));
            return Optional.empty();
        }
        Report report = done.report();
        List<MessageCreateData> details = DiscordReportFormatter.threadMessages(report);
        DiscordReportFormatter.Details layout = threads && !details.isEmpty()
                ? DiscordReportFormatter.Details.THREAD
                : DiscordReportFormatter.Details.INLINE;
        Message message;
        try {
            message = reply.finish(withHeader(reportOf(report, layout), header)).join();
        } catch (CompletionException e) {
            LOG.warn("could not post the report of {} to Discord", domain.domain(), e.getCause());
            return Optional.of(report);
        }
        if (layout == DiscordReportFormatter.Details.THREAD) {
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
                        domain.domain(),
                        cause.toString());
                reply.finish(withHeader(reportOf(report, DiscordReportFormatter.Details.INLINE), header))
                        .exceptionally(failure -> {
                            LOG.warn("could not put the details of {} in the reply", domain.domain(), failure);
                            return null;
                        });
            }
        }
        return Optional.of(report);
    }

    /** The report with a line of (escaped) text above its embeds, such as a subscription's confirmation. */
    private static MessageEditData withHeader(MessageEditData data, Optional<String> header) {
        if (header.isEmpty()) {
            return data;
        }
        return MessageEditBuilder.from(data)
                .setContent(DiscordMarkdown.truncate(DiscordMarkdown.escape(header.get()), Message.MAX_CONTENT_LENGTH))
                .build();
    }

    /** "Show policy": runs the check again (the policy may have changed) and answers ephemerally. */
    private void showPolicy(IReplyCallback event, DomainInput.Valid domain) {
        Following following = checks.follow(new CheckRequest(origin(event), domain, false));
        if (following.refusal().isPresent()) {
            ephemeral(
                    event,
                    DiscordReportFormatter.notice(DispatchText.refusal(
                            domain.domain(), following.refusal().get())));
            return;
        }
        InteractionHook hook = event.getHook();
        OriginalReply reply = new OriginalReply(
                event.deferReply(true).submit(), data -> hook.editOriginal(data).submit());
        try {
            executor.execute(() -> {
                CheckEvent end = following.awaitEnd(ignored -> {}, CHECK_WAIT);
                MessageEditData answer = end instanceof CheckEvent.Finished done
                        ? DiscordReportFormatter.policy(domain.domain(), PolicyText.from(done.report()))
                        : DiscordReportFormatter.noticeEdit(DispatchText.refusal(domain.domain(), end));
                reply.finish(answer).exceptionally(failure -> {
                    LOG.warn("could not show the policy of {}", domain.domain(), failure);
                    return null;
                });
            });
        } catch (RejectedExecutionException e) {
            reply.finish(DiscordReportFormatter.noticeEdit(
                    DispatchText.refusal(domain.domain(), new CheckEvent.Busy(0, true))));
        }
    }

    /** Errors are ephemeral: the public "thinking…" reply is deleted and the error goes to the user alone. */
    private void fail(OriginalReply reply, InteractionHook hook, DomainInput.Valid domain, String text) {
        reply.settled()
                .thenCompose(ignored -> hook.deleteOriginal().submit())
                .handle((ignored, failure) -> null)
                .thenCompose(ignored -> hook.setEphemeral(true)
                        .sendMessage(DiscordReportFormatter.notice(text))
                        .submit())
                .exceptionally(failure -> {
                    LOG.warn("could not tell the user that the check of {} failed", domain.domain(), failure);
                    return null;
                });
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

    private static void ephemeral(IReplyCallback event, MessageCreateData data) {
        event.reply(data)
                .setEphemeral(true)
                .queue(null, failure -> LOG.warn("could not answer a Discord interaction", failure));
    }
}
