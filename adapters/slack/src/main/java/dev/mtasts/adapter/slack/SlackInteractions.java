package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckService.CheckDefinition;
import dev.mtasts.core.Report;
import dev.mtasts.core.chat.ChatCommand;
import dev.mtasts.core.chat.ChatHistory;
import dev.mtasts.core.chat.PolicyText;
import dev.mtasts.core.chat.ReportSummary;
import dev.mtasts.core.dispatch.CheckDispatcher;
import dev.mtasts.core.dispatch.CheckEvent;
import dev.mtasts.core.dispatch.CheckListener;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bot does for each Slack interaction, independent of Bolt: the command's immediate (ephemeral) answer is
 * returned for the ack, and the slow part — checking, posting the parent, live progress, the final report and its
 * thread — runs on a job thread. Checks go through the core's {@link CheckDispatcher}: queued with a visible
 * position, shared with overlapping checks of the same domain, answered from its short cache, and rate-limited (a
 * refusal is an ephemeral reply saying when to try again).
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

    /** How long a job waits for its check, queue included, before giving up. */
    private static final java.time.Duration CHECK_WAIT = java.time.Duration.ofMinutes(15);

    /** The most of a timeline one reply shows. */
    private static final int HISTORY_CHARS = 8000;

    private final CheckDispatcher dispatcher;
    private final ChannelOutbox outbox;
    private final RecentReports recent;
    private final Optional<SlackSubscriptions> subscriptions;
    private final ShareLinks share;
    private final ExecutorService jobs = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("slack-job-", 0).factory());

    /** Interactions without subscriptions: subscribe, unsubscribe and list say they are not available. */
    public SlackInteractions(CheckDispatcher dispatcher, ChannelOutbox outbox, RecentReports recent) {
        this(dispatcher, outbox, recent, Optional.empty());
    }

    public SlackInteractions(
            CheckDispatcher dispatcher,
            ChannelOutbox outbox,
            RecentReports recent,
            Optional<SlackSubscriptions> subscriptions) {
        this(dispatcher, outbox, recent, subscriptions, ShareLinks.none());
    }

    /** With a "Share" link to the web permalink under each report when {@code share} has a public URL. */
    public SlackInteractions(
            CheckDispatcher dispatcher,
            ChannelOutbox outbox,
            RecentReports recent,
            Optional<SlackSubscriptions> subscriptions,
            ShareLinks share) {
        this.share = requireNonNull(share, "share is null");
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.recent = requireNonNull(recent, "recent is null");
        this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
    }

    /** The report's parent message, with the "Share" link when a public URL is set. */
    private SlackMessage parent(Report report, boolean subscribed) {
        return SlackReportFormatter.parent(report, subscribed, share);
    }

    private List<SlackMessage> fallback(Report report, boolean subscribed) {
        return SlackReportFormatter.fallback(report, subscribed, share);
    }

    /**
     * Handles {@code /mtasts …}: returns the ephemeral answer to send with the ack (help, a refusal, the channel's
     * subscriptions), or nothing when the work (a check, a subscription change) was started in the background.
     */
    public Optional<SlackMessage> onCommand(SlashInvocation invocation) {
        requireNonNull(invocation, "invocation is null");
        return switch (ChatCommand.parse(invocation.text())) {
            case ChatCommand.Check check -> {
                submit(() -> checkCommand(invocation, check.domain()));
                yield Optional.empty();
            }
            case ChatCommand.History history -> {
                submit(() -> history(invocation, history.domain()));
                yield Optional.empty();
            }
            case ChatCommand.Subscribe subscribe -> {
                if (subscriptions.isEmpty()) {
                    yield Optional.of(SlackReportFormatter.subscriptionsUnavailable());
                }
                submit(() -> subscribeCommand(invocation, subscribe.domain(), subscriptions.get()));
                yield Optional.empty();
            }
            case ChatCommand.Unsubscribe unsubscribe -> {
                if (subscriptions.isEmpty()) {
                    yield Optional.of(SlackReportFormatter.subscriptionsUnavailable());
                }
                submit(() -> unsubscribe(
                        invocation.teamId(),
                        invocation.channelId(),
                        invocation.userId(),
                        invocation.responseUrl(),
                        Optional.empty(),
                        unsubscribe.domain(),
                        subscriptions.get()));
                yield Optional.empty();
            }
            case ChatCommand.ListSubscriptions list ->
                Optional.of(subscriptions
                        .map(subscribed -> list(invocation, subscribed))
                        .orElseGet(SlackReportFormatter::subscriptionsUnavailable));
            case ChatCommand.Help help -> Optional.of(SlackReportFormatter.help());
            case ChatCommand.Invalid invalid -> Optional.of(SlackReportFormatter.invalid(invalid.reason()));
        };
    }

    /** Handles a click on a report's button; all of it happens after the ack. */
    public void onButton(ButtonPress press) {
        requireNonNull(press, "press is null");
        switch (DomainInput.parse(press.value())) {
            case DomainInput.Invalid invalid ->
                submit(() -> respond(
                        press.channelId(),
                        press.responseUrl(),
                        ResponseMessage.ephemeral(SlackReportFormatter.invalid(invalid.reason()))));
            case DomainInput.Valid domain -> {
                switch (press.action()) {
                    case RECHECK -> submit(() -> recheck(press, domain));
                    case SHOW_POLICY -> submit(() -> showPolicy(press, domain));
                    case SUBSCRIBE, UNSUBSCRIBE -> {
                        if (subscriptions.isEmpty()) {
                            submit(() -> respond(
                                    press.channelId(),
                                    press.responseUrl(),
                                    ResponseMessage.ephemeral(SlackReportFormatter.subscriptionsUnavailable())));
                        } else if (press.action() == ButtonPress.Action.SUBSCRIBE) {
                            submit(() -> subscribeButton(press, domain, subscriptions.get()));
                        } else {
                            submit(() -> unsubscribe(
                                    press.teamId(),
                                    press.channelId(),
                                    press.userId(),
                                    press.responseUrl(),
                                    press.messageTs(),
                                    domain,
                                    subscriptions.get()));
                        }
                    }
                }
            }
        }
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

    private void checkCommand(SlashInvocation invocation, DomainInput.Valid domain) {
        checkInChannel(invocation, domain);
    }

    /** The check command's flow; returns the report when the check ran. */
    private Optional<Report> checkInChannel(SlashInvocation invocation, DomainInput.Valid domain) {
        Following following = follow(invocation.teamId(), invocation.channelId(), invocation.userId(), domain, false);
        if (refused(following, domain, invocation.channelId(), invocation.responseUrl())) {
            return Optional.empty();
        }
        List<CheckDefinition> checks = dispatcher.checks();
        SlackMessage start = SlackReportFormatter.progress(domain.domain(), checks, Map.of());
        SlackResult posted =
                outbox.post(invocation.channelId(), Optional.empty(), start).join();
        if (posted instanceof SlackResult.Ok ok && ok.ts().isPresent()) {
            return checkInThread(
                    following,
                    invocation.teamId(),
                    invocation.userId(),
                    invocation.channelId(),
                    ok.ts().get(),
                    domain,
                    Optional.empty());
        } else if (isFallback(posted)) {
            return checkViaResponseUrl(
                    following,
                    invocation.teamId(),
                    invocation.userId(),
                    invocation.channelId(),
                    invocation.responseUrl(),
                    domain,
                    false);
        } else {
            LOG.warn(
                    "could not post the report of {} in {}: {}",
                    domain.domain(),
                    invocation.channelId(),
                    posted.describe());
            respond(
                    invocation.channelId(),
                    invocation.responseUrl(),
                    ResponseMessage.ephemeral(SlackReportFormatter.failure(
                            domain.domain(), "Slack refused the message (" + posted.describe() + ")")));
            return Optional.empty();
        }
    }

    /** {@code /mtasts history}: the timeline, only to the user (it is read from the store, off the ack). */
    private void history(SlashInvocation invocation, DomainInput.Valid domain) {
        ChatHistory.Answer answer =
                ChatHistory.answer(domain.domain(), () -> dispatcher.timeline(domain), HISTORY_CHARS);
        respond(
                invocation.channelId(),
                invocation.responseUrl(),
                ResponseMessage.ephemeral(SlackReportFormatter.history(answer)));
    }

    private void recheck(ButtonPress press, DomainInput.Valid domain) {
        Following following = follow(press.teamId(), press.channelId(), press.userId(), domain, true);
        if (refused(following, domain, press.channelId(), press.responseUrl())) {
            return;
        }
        if (press.messageTs().isPresent()) {
            String ts = press.messageTs().get();
            SlackMessage start = SlackReportFormatter.progress(domain.domain(), dispatcher.checks(), Map.of());
            SlackResult updated = outbox.update(press.channelId(), ts, start).join();
            if (updated.isOk()) {
                checkInThread(
                        following,
                        press.teamId(),
                        press.userId(),
                        press.channelId(),
                        ts,
                        domain,
                        Optional.of(press.userId()));
                return;
            }
            if (!isFallback(updated)) {
                LOG.warn(
                        "could not update the report of {} in {}: {}",
                        domain.domain(),
                        press.channelId(),
                        updated.describe());
                respond(
                        press.channelId(),
                        press.responseUrl(),
                        ResponseMessage.ephemeral(SlackReportFormatter.failure(
                                domain.domain(), "Slack refused the update (" + updated.describe() + ")")));
                return;
            }
        }
        checkViaResponseUrl(
                following, press.teamId(), press.userId(), press.channelId(), press.responseUrl(), domain, true);
    }

    private void showPolicy(ButtonPress press, DomainInput.Valid domain) {
        Optional<Report> shown = press.messageTs()
                .flatMap(ts -> recent.shownIn(press.channelId(), ts))
                .filter(report -> report.domain().equals(domain.domain()));
        Optional<Report> checked = shown.isPresent() ? shown : checkQuietly(press, domain);
        if (checked.isEmpty()) {
            return;
        }
        Report report = checked.get();
        SlackMessage message = SlackReportFormatter.policy(domain.domain(), PolicyText.from(report));
        if (press.messageTs().isPresent()) {
            SlackResult posted =
                    outbox.post(press.channelId(), press.messageTs(), message).join();
            if (posted.isOk()) {
                return;
            }
            if (!isFallback(posted)) {
                LOG.warn(
                        "could not post the policy of {} in {}: {}",
                        domain.domain(),
                        press.channelId(),
                        posted.describe());
                respond(
                        press.channelId(),
                        press.responseUrl(),
                        ResponseMessage.ephemeral(SlackReportFormatter.failure(
                                domain.domain(), "Slack refused the message (" + posted.describe() + ")")));
                return;
            }
        }
        respond(press.channelId(), press.responseUrl(), ResponseMessage.inChannel(message));
    }

    /**
     * Runs the check with live progress on the parent {@code ts}, then the final parent and the thread replies;
     * returns the report unless the check failed.
     */
    private Optional<Report> checkInThread(
            Following following,
            String teamId,
            String userId,
            String channelId,
            String ts,
            DomainInput.Valid domain,
            Optional<String> recheckedBy) {
        List<CheckDefinition> checks = dispatcher.checks();
        Map<String, CheckReport> finished = new LinkedHashMap<>();
        boolean[] queued = {false};
        CheckListener progress = event -> {
            switch (event) {
                case CheckEvent.Queued waiting -> {
                    queued[0] = true;
                    outbox.update(channelId, ts, SlackReportFormatter.queued(domain.domain(), waiting.ahead()));
                }
                case CheckEvent.Started started -> {
                    if (queued[0]) {
                        outbox.update(channelId, ts, SlackReportFormatter.progress(domain.domain(), checks, Map.of()));
                    }
                }
                case CheckEvent.Progress step -> {
                    finished.put(step.check().id(), step.check());
                    outbox.update(
                            channelId,
                            ts,
                            SlackReportFormatter.progress(domain.domain(), checks, Map.copyOf(finished)));
                }
                case CheckEvent.Finished done -> {}
                case CheckEvent.Failed failed -> {}
                case CheckEvent.Busy busy -> {}
                case CheckEvent.Limited limited -> {}
            }
        };
        Optional<Report> checked = awaitReport(following, domain, progress, text -> outbox.update(
                        channelId, ts, SlackReportFormatter.failure(domain.domain(), text))
                .join());
        if (checked.isEmpty()) {
            return Optional.empty();
        }
        Report report = checked.get();
        recent.add(new RecentReports.Entry(teamId, channelId, userId, report));
        recent.remember(channelId, ts, report);
        SlackResult updated = outbox.update(channelId, ts, parent(report, follows(teamId, channelId, report.domain())))
                .join();
        if (!updated.isOk()) {
            LOG.warn("could not post the final report of {} in {}: {}", report.domain(), channelId, updated.describe());
        }
        List<CompletableFuture<SlackResult>> replies = new ArrayList<>();
        recheckedBy.ifPresent(user -> replies.add(
                outbox.post(channelId, Optional.of(ts), SlackReportFormatter.recheckNote(report, Optional.of(user)))));
        for (CheckReport check : ReportSummary.problemChecks(report)) {
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
        return Optional.of(report);
    }

    /** For channels the bot cannot post in: the report through the response URL, with the invite hint. */
    private Optional<Report> checkViaResponseUrl(
            Following following,
            String teamId,
            String userId,
            String channelId,
            String responseUrl,
            DomainInput.Valid domain,
            boolean replaceOriginal) {
        if (!replaceOriginal) {
            respond(
                    channelId,
                    responseUrl,
                    ResponseMessage.ephemeral(
                            SlackReportFormatter.progress(domain.domain(), dispatcher.checks(), Map.of())));
        }
        Optional<Report> checked = awaitReport(
                following,
                domain,
                event -> {},
                text -> respond(
                        channelId,
                        responseUrl,
                        ResponseMessage.ephemeral(SlackReportFormatter.failure(domain.domain(), text))));
        if (checked.isEmpty()) {
            return Optional.empty();
        }
        Report report = checked.get();
        recent.add(new RecentReports.Entry(teamId, channelId, userId, report));
        List<SlackMessage> messages = fallback(report, follows(teamId, channelId, report.domain()));
        for (int index = 0; index < messages.size(); index++) {
            boolean replace = replaceOriginal && index == 0;
            respond(channelId, responseUrl, new ResponseMessage(true, replace, messages.get(index)));
        }
        return Optional.of(report);
    }

    /** {@code /mtasts subscribe}: the confirmation in the channel, then the baseline check like a check command. */
    private void subscribeCommand(SlashInvocation invocation, DomainInput.Valid domain, SlackSubscriptions subscribed) {
        if (!subscribed.mayManage(invocation.userId())) {
            respond(
                    invocation.channelId(),
                    invocation.responseUrl(),
                    ResponseMessage.ephemeral(SlackSubscriptionFormatter.notAllowed()));
            return;
        }
        ChannelRef channel = channel(invocation.teamId(), invocation.channelId());
        Optional<SubscribeResult> result =
                subscribe(subscribed, channel, domain, invocation.userId(), invocation.responseUrl());
        if (result.isEmpty()) {
            return;
        }
        SlackMessage reply = SlackSubscriptionFormatter.subscribed(
                result.get(), domain.domain(), subscribed.service().settings().interval());
        if (!SubscriptionService.wantsBaseline(result.get())) {
            respond(invocation.channelId(), invocation.responseUrl(), ResponseMessage.ephemeral(reply));
            return;
        }
        SlackResult posted =
                outbox.post(invocation.channelId(), Optional.empty(), reply).join();
        if (isFallback(posted)) {
            cannotPostHere(subscribed, channel, domain, result.get(), invocation.responseUrl());
            return;
        }
        checkInChannel(invocation, domain).ifPresent(report -> recordBaseline(subscribed, report));
    }

    /** The Subscribe button under a report: that report is the baseline; the confirmation goes in its thread. */
    private void subscribeButton(ButtonPress press, DomainInput.Valid domain, SlackSubscriptions subscribed) {
        if (!subscribed.mayManage(press.userId())) {
            respond(
                    press.channelId(),
                    press.responseUrl(),
                    ResponseMessage.ephemeral(SlackSubscriptionFormatter.notAllowed()));
            return;
        }
        ChannelRef channel = channel(press.teamId(), press.channelId());
        Optional<SubscribeResult> result = subscribe(subscribed, channel, domain, press.userId(), press.responseUrl());
        if (result.isEmpty()) {
            return;
        }
        SlackMessage reply = SlackSubscriptionFormatter.subscribed(
                result.get(), domain.domain(), subscribed.service().settings().interval());
        if (!SubscriptionService.wantsBaseline(result.get())) {
            respond(press.channelId(), press.responseUrl(), ResponseMessage.ephemeral(reply));
            return;
        }
        Optional<Report> shown = press.messageTs()
                .flatMap(ts -> recent.shownIn(press.channelId(), ts))
                .filter(report -> report.domain().equals(domain.domain()));
        SlackResult posted = press.messageTs().isPresent()
                ? outbox.post(press.channelId(), press.messageTs(), reply).join()
                : outbox.post(press.channelId(), Optional.empty(), reply).join();
        if (isFallback(posted)) {
            cannotPostHere(subscribed, channel, domain, result.get(), press.responseUrl());
            return;
        }
        Optional<Report> checked = shown.isPresent() ? shown : checkQuietly(press, domain);
        if (checked.isEmpty()) {
            return;
        }
        Report baseline = checked.get();
        recordBaseline(subscribed, baseline);
        if (shown.isPresent()) {
            outbox.update(press.channelId(), press.messageTs().get(), parent(baseline, true));
        } else {
            checkInChannelAsPost(press, baseline);
        }
    }

    /** Posts a fresh baseline report (no progress) when the pressed message's report is no longer known. */
    private void checkInChannelAsPost(ButtonPress press, Report report) {
        recent.add(new RecentReports.Entry(press.teamId(), press.channelId(), press.userId(), report));
        SlackResult posted = outbox.post(press.channelId(), Optional.empty(), parent(report, true))
                .join();
        if (posted instanceof SlackResult.Ok ok && ok.ts().isPresent()) {
            recent.remember(press.channelId(), ok.ts().get(), report);
            for (CheckReport check : ReportSummary.problemChecks(report)) {
                outbox.post(press.channelId(), ok.ts(), SlackReportFormatter.problem(check));
            }
        }
    }

    /** Unsubscribes (command or button); the confirmation is seen by the channel, or only by the user if nothing changed. */
    private void unsubscribe(
            String teamId,
            String channelId,
            String userId,
            String responseUrl,
            Optional<String> messageTs,
            DomainInput.Valid domain,
            SlackSubscriptions subscribed) {
        if (!subscribed.mayManage(userId)) {
            respond(channelId, responseUrl, ResponseMessage.ephemeral(SlackSubscriptionFormatter.notAllowed()));
            return;
        }
        boolean removed;
        try {
            removed = subscribed.service().unsubscribe(channel(teamId, channelId), domain);
        } catch (RuntimeException e) {
            respond(
                    channelId,
                    responseUrl,
                    ResponseMessage.ephemeral(SlackReportFormatter.notice(
                            SubscriptionFailure.describe("Unsubscribing from " + domain.domain(), e))));
            return;
        }
        SlackMessage reply = SlackSubscriptionFormatter.unsubscribed(removed, domain.domain());
        if (!removed) {
            respond(channelId, responseUrl, ResponseMessage.ephemeral(reply));
            return;
        }
        SlackResult posted = outbox.post(channelId, messageTs, reply).join();
        if (!posted.isOk()) {
            respond(channelId, responseUrl, ResponseMessage.inChannel(reply));
        }
        if (messageTs.isPresent()) {
            String ts = messageTs.get();
            recent.shownIn(channelId, ts)
                    .filter(report -> report.domain().equals(domain.domain()))
                    .ifPresent(report -> outbox.update(channelId, ts, parent(report, false)));
        }
    }

    /** {@code /mtasts list}, answered with the ack. */
    private SlackMessage list(SlashInvocation invocation, SlackSubscriptions subscribed) {
        try {
            SubscriptionService service = subscribed.service();
            return SlackSubscriptionFormatter.list(
                    service.list(channel(invocation.teamId(), invocation.channelId())),
                    service.settings().limits().perChannel(),
                    service.now());
        } catch (RuntimeException e) {
            return SlackReportFormatter.notice(SubscriptionFailure.describe("Listing this channel's subscriptions", e));
        }
    }

    private Optional<SubscribeResult> subscribe(
            SlackSubscriptions subscribed,
            ChannelRef channel,
            DomainInput.Valid domain,
            String userId,
            String responseUrl) {
        try {
            return Optional.of(subscribed.service().subscribe(channel, domain, userId));
        } catch (RuntimeException e) {
            respond(
                    channel.channelId(),
                    responseUrl,
                    ResponseMessage.ephemeral(SlackReportFormatter.notice(
                            SubscriptionFailure.describe("Subscribing to " + domain.domain(), e))));
            return Optional.empty();
        }
    }

    /** The bot cannot post here, so notifications would never arrive: a new subscription is undone. */
    private void cannotPostHere(
            SlackSubscriptions subscribed,
            ChannelRef channel,
            DomainInput.Valid domain,
            SubscribeResult result,
            String responseUrl) {
        if (result instanceof SubscribeResult.Subscribed) {
            subscribed.service().unsubscribe(channel, domain);
        }
        respond(
                channel.channelId(),
                responseUrl,
                ResponseMessage.ephemeral(SlackSubscriptionFormatter.cannotPostHere(domain.domain())));
    }

    private static void recordBaseline(SlackSubscriptions subscribed, Report report) {
        try {
            subscribed.service().recordBaseline(report);
        } catch (RuntimeException e) {
            LOG.warn("could not record the baseline of {}; the first scheduled check will", report.domain(), e);
        }
    }

    /** Whether the channel follows the domain, for the report's Subscribe or Unsubscribe button. */
    private boolean follows(String teamId, String channelId, String domain) {
        if (subscriptions.isEmpty()) {
            return false;
        }
        try {
            return subscriptions.get().service().follows(channel(teamId, channelId), domain);
        } catch (RuntimeException e) {
            LOG.warn("could not tell whether {} follows {}", channelId, domain, e);
            return false;
        }
    }

    private static ChannelRef channel(String teamId, String channelId) {
        return new ChannelRef(Platform.SLACK, teamId, channelId);
    }

    private void respond(String channelId, String responseUrl, ResponseMessage message) {
        SlackResult result = outbox.respond(channelId, responseUrl, message).join();
        if (!result.isOk()) {
            LOG.warn("a response to {} was not delivered: {}", channelId, result.describe());
        }
    }

    private static boolean isFallback(SlackResult result) {
        return result instanceof SlackResult.Failed failed && FALLBACK_ERRORS.contains(failed.error());
    }

    /** The check's request, from this channel's user; everything Slack posts in a channel is public. */
    private Following follow(
            String teamId, String channelId, String userId, DomainInput.Valid domain, boolean recheck) {
        Origin origin = new Origin(FRONT_END, userId, teamId + "/" + channelId, Origin.Visibility.PUBLIC);
        return dispatcher.follow(new CheckRequest(origin, domain, recheck));
    }

    /** Tells the user privately when the dispatcher refused the request at once (a rate limit, a full queue). */
    private boolean refused(Following following, DomainInput.Valid domain, String channelId, String responseUrl) {
        Optional<CheckEvent> refusal = following.refusal();
        refusal.ifPresent(event -> respond(
                channelId,
                responseUrl,
                ResponseMessage.ephemeral(SlackReportFormatter.notice(DispatchText.refusal(domain.domain(), event)))));
        return refusal.isPresent();
    }

    /** A check without progress (Show policy, a baseline); refusals and failures go to the user privately. */
    private Optional<Report> checkQuietly(ButtonPress press, DomainInput.Valid domain) {
        Following following = follow(press.teamId(), press.channelId(), press.userId(), domain, false);
        if (refused(following, domain, press.channelId(), press.responseUrl())) {
            return Optional.empty();
        }
        return awaitReport(
                following,
                domain,
                event -> {},
                text -> respond(
                        press.channelId(),
                        press.responseUrl(),
                        ResponseMessage.ephemeral(SlackReportFormatter.failure(domain.domain(), text))));
    }

    /** Waits for the report, telling {@code meanwhile} the queue and progress; other ends go to {@code failure}. */
    private static Optional<Report> awaitReport(
            Following following, DomainInput.Valid domain, CheckListener meanwhile, Consumer<String> failure) {
        CheckEvent end = following.awaitEnd(meanwhile, CHECK_WAIT);
        if (end instanceof CheckEvent.Finished finished) {
            return Optional.of(finished.report());
        }
        failure.accept(DispatchText.refusal(domain.domain(), end));
        return Optional.empty();
    }

    private void submit(Runnable job) {
        try {
            jobs.execute(() -> {
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

    /**
     * Stops taking jobs and gives running ones a few seconds. Never interrupts them: a job may be writing a
     * subscription to the embedded database, which an interrupt would break for every other connection.
     */
    @Override
    public void close() {
        jobs.shutdown();
        try {
            if (!jobs.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Slack jobs still running after 5 s at shutdown; left to finish on their own");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
