package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.CheckReport;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's side of the chat flows, independent of Bolt: it turns a slash command or a button press into a call to the
 * core's {@link ChatFlows} with a {@link ChatPort} for that interaction, and moves what the flows decide over Slack:
 * the ack's ephemeral answer, the report's parent message updated with live progress, its thread, the response URL.
 *
 * <p>When the bot cannot post in the channel ({@code not_in_channel}, {@code channel_not_found}: private channels and
 * DMs it was not invited to), the report goes to the interaction's {@code response_url} instead, in the channel,
 * with a hint to invite the bot.
 */
public final class SlackInteractions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlackInteractions.class);

    /** Errors meaning "the bot's token cannot write here", for which the response URL still works. */
    static final Set<String> FALLBACK_ERRORS = Set.of(
            "not_in_channel",
            "channel_not_found",
            "restricted_action",
            "missing_scope",
            "cant_update_message",
            "message_not_found");

    /** This front end's name in the dispatcher's rate limits. */
    static final String FRONT_END = "slack";

    /** The most of a timeline one reply shows. */
    private static final int TEXT_CHARS = 8000;

    private final ChatFlows flows;
    private final ChannelOutbox outbox;
    private final RecentReports recent;
    private final SlackSubscriptions subscriptions;
    private final ShareLinks share;

    public SlackInteractions(
            CheckDispatcher dispatcher,
            ChannelOutbox outbox,
            RecentReports recent,
            SlackSubscriptions subscriptions,
            TlsReports reports) {
        this(dispatcher, outbox, recent, subscriptions, ShareLinks.none(), reports);
    }

    /** With a "Share" link to the web permalink under each report when {@code share} has a public URL. */
    public SlackInteractions(
            CheckDispatcher dispatcher,
            ChannelOutbox outbox,
            RecentReports recent,
            SlackSubscriptions subscriptions,
            ShareLinks share,
            TlsReports reports) {
        requireNonNull(dispatcher, "dispatcher is null");
        this.share = requireNonNull(share, "share is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.recent = requireNonNull(recent, "recent is null");
        this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
        this.flows = new ChatFlows(FRONT_END, dispatcher, subscriptions.service(), reports);
    }

    /**
     * Handles {@code /mtasts …}: returns the ephemeral answer to send with the ack (help, bad input, "not
     * available"), or nothing when the answer follows through the response URL or the channel.
     */
    public Optional<SlackMessage> onCommand(SlashInvocation invocation) {
        requireNonNull(invocation, "invocation is null");
        Conversation conversation = new Conversation(new Where(
                invocation.teamId(),
                invocation.channelId(),
                invocation.userId(),
                invocation.responseUrl(),
                Optional.empty(),
                false));
        return flows.command(ChatCommand.parse(invocation.text()), conversation).map(SlackInteractions::render);
    }

    /** Handles a click on a report's button; all of it is answered after the ack. */
    public void onButton(ButtonPress press) {
        requireNonNull(press, "press is null");
        Conversation conversation = new Conversation(new Where(
                press.teamId(), press.channelId(), press.userId(), press.responseUrl(), press.messageTs(), true));
        ChatButton button =
                switch (press.action()) {
                    case RECHECK -> ChatButton.RECHECK;
                    case SHOW_POLICY -> ChatButton.SHOW_POLICY;
                    case SUBSCRIBE -> ChatButton.SUBSCRIBE;
                    case UNSUBSCRIBE -> ChatButton.UNSUBSCRIBE;
                };
        flows.button(button, press.value(), conversation).ifPresent(conversation::tellPrivately);
    }

    /**
     * Publishes the user's App Home tab: how to subscribe, and the recent checks this user may see: their own, and
     * those of the conversations they are in (asked of Slack; when Slack will not say, their own only).
     */
    public void onHomeOpened(String teamId, String userId) {
        requireNonNull(teamId, "teamId is null");
        requireNonNull(userId, "userId is null");
        submit(() -> {
            Set<String> channels = outbox.channelsOf(userId).orElse(Set.of());
            outbox.publishHome(userId, SlackReportFormatter.home(recent.visibleTo(teamId, userId, channels)));
        });
    }

    /** Block Kit for what the flows say. */
    static SlackMessage render(ChatReply reply) {
        return switch (reply) {
            case ChatReply.Help help -> SlackReportFormatter.help();
            case ChatReply.Invalid invalid -> SlackReportFormatter.invalid(invalid.reason());
            case ChatReply.Notice notice -> SlackReportFormatter.notice(notice.text());
            case ChatReply.NotAllowed notAllowed -> SlackSubscriptionFormatter.notAllowed();
            case ChatReply.CannotPost cannot -> SlackSubscriptionFormatter.cannotPostHere(cannot.domain());
            case ChatReply.Subscribed subscribed ->
                SlackSubscriptionFormatter.subscribed(subscribed.result(), subscribed.domain(), subscribed.interval());
            case ChatReply.Unsubscribed unsubscribed ->
                SlackSubscriptionFormatter.unsubscribed(unsubscribed.removed(), unsubscribed.domain());
            case ChatReply.SubscriptionList list ->
                SlackSubscriptionFormatter.list(list.subscriptions(), list.perChannelLimit(), list.now());
            case ChatReply.History history -> SlackReportFormatter.history(history.answer());
            case ChatReply.Policy policy -> SlackReportFormatter.policy(policy.domain(), policy.policy());
            case ChatReply.Failure failure -> SlackReportFormatter.failure(failure.domain(), failure.reason());
            case ChatReply.TlsReport report -> SlackTlsReportFormatter.summary(report.summary());
        };
    }

    /**
     * Where an interaction happened and how to answer it.
     *
     * @param pressed the message whose button was pressed, when it is a channel message
     * @param button whether it is a button press (its report replaces the pressed message)
     */
    private record Where(
            String teamId,
            String channelId,
            String userId,
            String responseUrl,
            Optional<String> pressed,
            boolean button) {}

    /** One interaction: a command, or a button press under the message {@code pressed}. */
    private final class Conversation implements ChatPort {
        private final String teamId;
        private final String channelId;
        private final String userId;
        private final Optional<String> pressed;
        private final Where where;
        private volatile boolean acknowledged;
        /** The report's parent message, once it is open; empty while none is (or it goes by the response URL). */
        private volatile Optional<String> parent = Optional.empty();
        /** Whether the report's first response replaces the pressed message. */
        private volatile boolean replaceOriginal;

        Conversation(Where where) {
            this.where = where;
            this.teamId = where.teamId();
            this.channelId = where.channelId();
            this.userId = where.userId();
            this.pressed = where.pressed();
        }

        /** Everything Slack posts in a channel is public. */
        @Override
        public Origin origin() {
            return new Origin(FRONT_END, userId, teamId + "/" + channelId, Origin.Visibility.PUBLIC);
        }

        @Override
        public Optional<ChannelRef> channel() {
            try {
                return Optional.of(new ChannelRef(Platform.SLACK, teamId, channelId));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        /** Slack cannot tell before posting; a refused post undoes the subscription. */
        @Override
        public Optional<ChatReply> cannotFollowHere() {
            return Optional.empty();
        }

        /** In admins mode, Slack is asked ({@code users.info}), off Bolt's thread. */
        @Override
        public CompletableFuture<Boolean> mayManageSubscriptions() {
            try {
                return CompletableFuture.supplyAsync(() -> subscriptions.mayManage(userId), flows.jobs());
            } catch (RejectedExecutionException e) {
                return CompletableFuture.completedFuture(false);
            }
        }

        @Override
        public Optional<Report> shownReport(String domain) {
            return pressed.flatMap(ts -> recent.shownIn(channelId, ts))
                    .filter(report -> report.domain().equals(domain));
        }

        @Override
        public int maxTextChars() {
            return TEXT_CHARS;
        }

        /** Slack's ack has gone (or goes) without an answer; what follows uses the response URL and the channel. */
        @Override
        public void acknowledge(Answer answer) {
            acknowledged = true;
        }

        @Override
        public void tellPrivately(ChatReply reply) {
            respond(ResponseMessage.ephemeral(render(reply)));
        }

        @Override
        public boolean postToChannel(ChatReply reply) {
            SlackMessage message = render(reply);
            SlackResult posted = outbox.post(channelId, pressed, message).join();
            if (posted.isOk()) {
                return true;
            }
            if (isFallback(posted)) {
                return false;
            }
            LOG.warn("could not post in {}: {}", channelId, posted.describe());
            respond(ResponseMessage.inChannel(message));
            return true;
        }

        @Override
        public boolean showProgress(ChatProgress progress) {
            return switch (progress) {
                case ChatProgress.Starting starting -> open(starting);
                case ChatProgress.Queued queued -> {
                    parent.ifPresent(ts ->
                            outbox.update(channelId, ts, SlackReportFormatter.queued(queued.domain(), queued.ahead())));
                    yield true;
                }
                case ChatProgress.Running running -> {
                    Map<String, CheckReport> finished = new LinkedHashMap<>();
                    running.finished().forEach(check -> finished.put(check.id(), check));
                    parent.ifPresent(ts -> outbox.update(
                            channelId,
                            ts,
                            SlackReportFormatter.progress(running.domain(), running.checks(), Map.copyOf(finished))));
                    yield true;
                }
            };
        }

        /**
         * Opens the report's message: a new parent for a command, the pressed message for a button. Where the bot
         * cannot post, the report goes through the response URL.
         */
        private boolean open(ChatProgress.Starting starting) {
            SlackMessage start = SlackReportFormatter.progress(starting.domain(), starting.checks(), Map.of());
            if (where.button()) {
                replaceOriginal = true;
                if (pressed.isEmpty()) {
                    return true;
                }
                SlackResult updated =
                        outbox.update(channelId, pressed.get(), start).join();
                if (updated.isOk()) {
                    parent = pressed;
                    return true;
                }
                return refusedUnlessFallback(starting.domain(), updated, "update");
            }
            SlackResult posted = outbox.post(channelId, Optional.empty(), start).join();
            if (posted instanceof SlackResult.Ok ok && ok.ts().isPresent()) {
                parent = ok.ts();
                return true;
            }
            if (isFallback(posted)) {
                respond(ResponseMessage.ephemeral(start));
                return true;
            }
            return refusedUnlessFallback(starting.domain(), posted, "message");
        }

        private boolean refusedUnlessFallback(String domain, SlackResult result, String what) {
            if (isFallback(result)) {
                return true;
            }
            LOG.warn("could not show the report of {} in {}: {}", domain, channelId, result.describe());
            respond(ResponseMessage.ephemeral(SlackReportFormatter.failure(
                    domain, "Slack refused the " + what + " (" + result.describe() + ")")));
            return false;
        }

        @Override
        public void finish(ChatFinish finish) {
            switch (finish) {
                case ChatFinish.Failed failed -> {
                    SlackMessage message = SlackReportFormatter.failure(failed.domain(), failed.reason());
                    if (parent.isPresent()) {
                        outbox.update(channelId, parent.get(), message).join();
                    } else {
                        respond(ResponseMessage.ephemeral(message));
                    }
                }
                case ChatFinish.Reported reported -> {
                    Report report = reported.report();
                    recent.add(new RecentReports.Entry(teamId, channelId, userId, report));
                    if (parent.isPresent()) {
                        inThread(parent.get(), reported);
                    } else {
                        List<SlackMessage> messages = SlackReportFormatter.fallback(report, reported.followed(), share);
                        for (int index = 0; index < messages.size(); index++) {
                            boolean replace = replaceOriginal && index == 0;
                            respond(new ResponseMessage(true, replace, messages.get(index)));
                        }
                    }
                }
            }
        }

        /** The final parent, then the thread: who re-checked, and one reply per problem with its fix. */
        private void inThread(String ts, ChatFinish.Reported reported) {
            Report report = reported.report();
            recent.remember(channelId, ts, report);
            SlackResult updated = outbox.update(
                            channelId, ts, SlackReportFormatter.parent(report, reported.followed(), share))
                    .join();
            if (!updated.isOk()) {
                LOG.warn(
                        "could not post the final report of {} in {}: {}",
                        report.domain(),
                        channelId,
                        updated.describe());
            }
            List<CompletableFuture<SlackResult>> replies = new ArrayList<>();
            if (reported.recheck()) {
                replies.add(outbox.post(
                        channelId, Optional.of(ts), SlackReportFormatter.recheckNote(report, Optional.of(userId))));
            }
            for (CheckReport check : reported.problems()) {
                replies.add(outbox.post(channelId, Optional.of(ts), SlackReportFormatter.problem(check)));
            }
            for (CompletableFuture<SlackResult> reply : replies) {
                SlackResult result = reply.join();
                if (!result.isOk()) {
                    LOG.warn(
                            "a thread reply for {} in {} was not delivered: {}",
                            report.domain(),
                            channelId,
                            result.describe());
                }
            }
        }

        /** In the pressed report's thread; where the bot cannot post, in the channel through the response URL. */
        @Override
        public void postDetails(ChatReply reply) {
            SlackMessage message = render(reply);
            if (pressed.isPresent()) {
                SlackResult posted = outbox.post(channelId, pressed, message).join();
                if (posted.isOk()) {
                    return;
                }
                if (!isFallback(posted)) {
                    LOG.warn("could not post details in {}: {}", channelId, posted.describe());
                    respond(ResponseMessage.ephemeral(
                            SlackReportFormatter.notice("Slack refused the message (" + posted.describe() + ")")));
                    return;
                }
            }
            respond(ResponseMessage.inChannel(message));
        }

        @Override
        public void showFollowing(String domain, boolean followed) {
            pressed.ifPresent(ts -> recent.shownIn(channelId, ts)
                    .filter(report -> report.domain().equals(domain))
                    .ifPresent(report ->
                            outbox.update(channelId, ts, SlackReportFormatter.parent(report, followed, share))));
        }

        /** Before the ack has gone, without waiting (Bolt's thread must ack); after it, in order. */
        private void respond(ResponseMessage message) {
            CompletableFuture<SlackResult> sent = outbox.respond(channelId, where.responseUrl(), message);
            if (!acknowledged) {
                sent.thenAccept(this::logUndelivered);
                return;
            }
            logUndelivered(sent.join());
        }

        private void logUndelivered(SlackResult result) {
            if (!result.isOk()) {
                LOG.warn("a response to {} was not delivered: {}", channelId, result.describe());
            }
        }
    }

    private static boolean isFallback(SlackResult result) {
        return result instanceof SlackResult.Failed failed && FALLBACK_ERRORS.contains(failed.error());
    }

    private void submit(Runnable job) {
        try {
            flows.jobs().execute(() -> {
                try {
                    job.run();
                } catch (RuntimeException e) {
                    LOG.error("a Slack job failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("the Slack front end is stopping; an interaction was dropped");
        }
    }

    /** Stops the flows: they finish their jobs for a few seconds, never interrupted. */
    @Override
    public void close() {
        flows.close();
    }
}
