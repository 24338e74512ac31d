package dev.mtasts.core.chat;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckService.CheckDefinition;
import dev.mtasts.core.ReferenceId;
import dev.mtasts.core.Report;
import dev.mtasts.core.dispatch.CheckDispatcher;
import dev.mtasts.core.dispatch.CheckEvent;
import dev.mtasts.core.dispatch.CheckRequest;
import dev.mtasts.core.dispatch.DispatchText;
import dev.mtasts.core.dispatch.Following;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.subscription.ChannelRef;
import dev.mtasts.core.subscription.SubscribeResult;
import dev.mtasts.core.subscription.SubscriptionFailure;
import dev.mtasts.core.subscription.SubscriptionService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every chat flow, written once for every platform: check, re-check, show policy, subscribe with its baseline,
 * unsubscribe, list, history, TLS-RPT reports and help. A platform translates its events into {@link #command} and
 * {@link #button} calls with a {@link ChatPort} for the interaction, and renders what the flows hand the port.
 *
 * <p>Quick decisions (help, bad input, a refusal by the dispatcher or the permission gate) are made on the caller's
 * thread; everything that reads a store or runs a check is {@linkplain ChatPort#acknowledge acknowledged} first and
 * runs on the flows' own (virtual) job threads. Store failures become a friendly sentence with a reference id
 * ({@link SubscriptionFailure}); the details go to the log.
 */
public final class ChatFlows implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatFlows.class);

    /** How long a job follows its check, queue included, before giving up. */
    static final Duration CHECK_WAIT = Duration.ofMinutes(15);

    static final String STOPPING = "mtasts is shutting down; try again in a minute.";

    private final CheckDispatcher dispatcher;
    private final SubscriptionService subscriptions;
    private final TlsReports reports;
    private final ExecutorService jobs;

    /** @param name the platform's name, for the job threads' names */
    public ChatFlows(String name, CheckDispatcher dispatcher, SubscriptionService subscriptions, TlsReports reports) {
        requireNonNull(name, "name is null");
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
        this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
        this.reports = requireNonNull(reports, "reports is null");
        this.jobs = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name(name + "-chat-", 0).factory());
    }

    /**
     * Runs a platform's own slow step on the flows' job threads (a permission it must ask for, an App Home tab), so
     * that it stops with the flows.
     */
    public Executor jobs() {
        return jobs;
    }

    /** The checks a report lists, in order, for a platform that draws them before any runs. */
    public List<CheckDefinition> checks() {
        return dispatcher.checks();
    }

    /**
     * Handles {@code /mtasts …}. Returns the answer to give at once with the platform's acknowledgement (help, bad
     * input, "not available"); empty when the answer goes through the port.
     */
    public Optional<ChatReply> command(ChatCommand command, ChatPort port) {
        requireNonNull(command, "command is null");
        requireNonNull(port, "port is null");
        return switch (command) {
            case ChatCommand.Check check -> {
                check(port, check.domain(), false);
                yield Optional.empty();
            }
            case ChatCommand.History history -> {
                history(port, history.domain());
                yield Optional.empty();
            }
            case ChatCommand.Reports asked -> reports(port, asked.domain());
            case ChatCommand.Subscribe subscribe -> subscribe(port, subscribe.domain());
            case ChatCommand.Unsubscribe unsubscribe -> unsubscribe(port, unsubscribe.domain());
            case ChatCommand.ListSubscriptions list -> list(port);
            case ChatCommand.Help help -> Optional.of(new ChatReply.Help());
            case ChatCommand.Invalid invalid -> Optional.of(new ChatReply.Invalid(invalid.reason()));
        };
    }

    /** Handles a button under a report; {@code domain} is the button's value as the platform carried it. */
    public Optional<ChatReply> button(ChatButton button, String domain, ChatPort port) {
        requireNonNull(button, "button is null");
        requireNonNull(domain, "domain is null");
        requireNonNull(port, "port is null");
        return switch (DomainInput.parse(domain)) {
            case DomainInput.Invalid invalid -> Optional.of(new ChatReply.Invalid(invalid.reason()));
            case DomainInput.Valid valid ->
                switch (button) {
                    case RECHECK -> {
                        check(port, valid, true);
                        yield Optional.empty();
                    }
                    case SHOW_POLICY -> {
                        policy(port, valid);
                        yield Optional.empty();
                    }
                    case SUBSCRIBE -> subscribe(port, valid);
                    case UNSUBSCRIBE -> unsubscribe(port, valid);
                };
        };
    }

    /** A check (or re-check): progress, then the report; a refusal goes to the user alone. */
    private void check(ChatPort port, DomainInput.Valid domain, boolean recheck) {
        Following following = dispatcher.follow(new CheckRequest(port.origin(), domain, recheck));
        if (refused(port, following, domain)) {
            return;
        }
        later(port, ChatPort.Answer.PUBLIC, () -> report(port, following, domain, recheck));
    }

    private void history(ChatPort port, DomainInput.Valid domain) {
        later(
                port,
                ChatPort.Answer.PRIVATE,
                () -> port.tellPrivately(new ChatReply.History(
                        ChatHistory.answer(domain.domain(), () -> dispatcher.timeline(domain), port.maxTextChars()))));
    }

    private Optional<ChatReply> reports(ChatPort port, DomainInput.Valid domain) {
        later(port, ChatPort.Answer.PRIVATE, () -> {
            ChatReply reply;
            try {
                reply = new ChatReply.TlsReport(reports.summary(domain.domain(), TlsReports.DAYS));
            } catch (RuntimeException e) {
                String reference = ReferenceId.next();
                LOG.error("reading the TLS reports of {} failed (reference {})", domain.domain(), reference, e);
                reply = new ChatReply.Notice("The TLS reports of " + domain.domain() + " cannot be read right now."
                        + " Try again in a minute; if it keeps failing, give the operator the reference " + reference
                        + ".");
            }
            port.tellPrivately(reply);
        });
        return Optional.empty();
    }

    /** Show policy: the shown report's policy file, or a fresh check's (shared and cached by the dispatcher). */
    private void policy(ChatPort port, DomainInput.Valid domain) {
        Optional<Report> shown = port.shownReport(domain.domain());
        if (shown.isPresent()) {
            later(port, ChatPort.Answer.DETAILS, () -> port.postDetails(policyOf(shown.get())));
            return;
        }
        Following following = dispatcher.follow(new CheckRequest(port.origin(), domain, false));
        if (refused(port, following, domain)) {
            return;
        }
        later(port, ChatPort.Answer.DETAILS, () -> {
            CheckEvent end = following.awaitEnd(ignored -> {}, CHECK_WAIT);
            if (end instanceof CheckEvent.Finished done) {
                port.postDetails(policyOf(done.report()));
            } else {
                port.tellPrivately(new ChatReply.Failure(domain.domain(), DispatchText.refusal(domain.domain(), end)));
            }
        });
    }

    private static ChatReply policyOf(Report report) {
        return new ChatReply.Policy(report.domain(), PolicyText.from(report));
    }

    /** What a user asks of a channel's subscriptions. */
    private enum Manage {
        SUBSCRIBE,
        UNSUBSCRIBE
    }

    private Optional<ChatReply> subscribe(ChatPort port, DomainInput.Valid domain) {
        return manage(port, domain, Manage.SUBSCRIBE);
    }

    private Optional<ChatReply> unsubscribe(ChatPort port, DomainInput.Valid domain) {
        return manage(port, domain, Manage.UNSUBSCRIBE);
    }

    /**
     * Subscribe and unsubscribe, for users who may, in a channel that can follow a domain. The permission, when the
     * platform knows it at once, and whether this channel can follow anything are answered before any
     * acknowledgement; a permission the platform must ask for is awaited off its thread.
     */
    private Optional<ChatReply> manage(ChatPort port, DomainInput.Valid domain, Manage action) {
        CompletableFuture<Boolean> permitted = port.mayManageSubscriptions();
        if (permitted.isDone() && !allowed(permitted)) {
            port.tellPrivately(new ChatReply.NotAllowed());
            return Optional.empty();
        }
        Optional<ChannelRef> channel = port.channel();
        Optional<ChatReply> refusal =
                switch (action) {
                    case SUBSCRIBE ->
                        port.cannotFollowHere()
                                .or(() -> channel.isEmpty()
                                        ? Optional.of(new ChatReply.CannotPost(domain.domain()))
                                        : Optional.empty());
                    case UNSUBSCRIBE ->
                        channel.isEmpty()
                                ? Optional.of(new ChatReply.Unsubscribed(false, domain.domain()))
                                : Optional.empty();
                };
        if (refusal.isPresent() || channel.isEmpty()) {
            refusal.ifPresent(port::tellPrivately);
            return Optional.empty();
        }
        ChannelRef target = channel.get();
        later(port, ChatPort.Answer.PUBLIC, () -> {
            if (!allowed(permitted)) {
                port.tellPrivately(new ChatReply.NotAllowed());
                return;
            }
            switch (action) {
                case SUBSCRIBE -> subscribeNow(port, subscriptions, target, domain);
                case UNSUBSCRIBE -> unsubscribeNow(port, subscriptions, target, domain);
            }
        });
        return Optional.empty();
    }

    /**
     * A new or resumed subscription is confirmed in the channel and gets a check at once, shown like any report: that
     * report is its baseline (or the report the pressed button was under, when the platform still knows it).
     */
    private void subscribeNow(
            ChatPort port, SubscriptionService service, ChannelRef channel, DomainInput.Valid domain) {
        SubscribeResult result;
        try {
            result = service.subscribe(channel, domain, port.origin().requester());
        } catch (RuntimeException e) {
            port.tellPrivately(
                    new ChatReply.Notice(SubscriptionFailure.describe("Subscribing to " + domain.domain(), e)));
            return;
        }
        ChatReply reply = new ChatReply.Subscribed(
                result, domain.domain(), service.settings().interval());
        if (!SubscriptionService.wantsBaseline(result)) {
            port.tellPrivately(reply);
            return;
        }
        if (!port.postToChannel(reply)) {
            // Notifications would never arrive here: a new subscription is undone.
            if (result instanceof SubscribeResult.Subscribed) {
                try {
                    service.unsubscribe(channel, domain);
                } catch (RuntimeException e) {
                    LOG.warn("could not undo the subscription of {} to {}", channel.describe(), domain.domain(), e);
                }
            }
            port.tellPrivately(new ChatReply.CannotPost(domain.domain()));
            return;
        }
        Optional<Report> shown = port.shownReport(domain.domain());
        if (shown.isPresent()) {
            recordBaseline(service, shown.get());
            port.showFollowing(domain.domain(), true);
            return;
        }
        Following following = dispatcher.follow(new CheckRequest(port.origin(), domain, false));
        if (refused(port, following, domain)) {
            return;
        }
        report(port, following, domain, false).ifPresent(report -> recordBaseline(service, report));
    }

    /** The channel sees an unsubscription when something changed; otherwise only the user does. */
    private static void unsubscribeNow(
            ChatPort port, SubscriptionService service, ChannelRef channel, DomainInput.Valid domain) {
        boolean removed;
        try {
            removed = service.unsubscribe(channel, domain);
        } catch (RuntimeException e) {
            port.tellPrivately(
                    new ChatReply.Notice(SubscriptionFailure.describe("Unsubscribing from " + domain.domain(), e)));
            return;
        }
        ChatReply reply = new ChatReply.Unsubscribed(removed, domain.domain());
        if (!removed) {
            port.tellPrivately(reply);
            return;
        }
        if (!port.postToChannel(reply)) {
            port.tellPrivately(reply);
        }
        port.showFollowing(domain.domain(), false);
    }

    /** List: the channel's subscriptions, to the user alone. Everyone may ask. */
    private Optional<ChatReply> list(ChatPort port) {
        Optional<ChannelRef> channel = port.channel();
        if (channel.isEmpty()) {
            port.tellPrivately(new ChatReply.SubscriptionList(
                    List.of(), subscriptions.settings().limits().perChannel(), subscriptions.now()));
            return Optional.empty();
        }
        later(port, ChatPort.Answer.PRIVATE, () -> {
            ChatReply reply;
            try {
                reply = new ChatReply.SubscriptionList(
                        subscriptions.list(channel.get()),
                        subscriptions.settings().limits().perChannel(),
                        subscriptions.now());
            } catch (RuntimeException e) {
                reply = new ChatReply.Notice(SubscriptionFailure.describe("Listing this channel's subscriptions", e));
            }
            port.tellPrivately(reply);
        });
        return Optional.empty();
    }

    /** Runs the followed check with live progress and finishes the report's message; returns the report. */
    private Optional<Report> report(ChatPort port, Following following, DomainInput.Valid domain, boolean recheck) {
        List<CheckDefinition> checks = dispatcher.checks();
        if (!port.showProgress(new ChatProgress.Starting(domain.domain(), checks))) {
            return Optional.empty();
        }
        List<CheckReport> finished = new CopyOnWriteArrayList<>();
        AtomicBoolean queued = new AtomicBoolean();
        CheckEvent end = following.awaitEnd(
                event -> {
                    switch (event) {
                        case CheckEvent.Queued waiting -> {
                            queued.set(true);
                            port.showProgress(new ChatProgress.Queued(domain.domain(), waiting.ahead()));
                        }
                        case CheckEvent.Started started -> {
                            if (queued.get()) {
                                port.showProgress(new ChatProgress.Running(domain.domain(), checks, List.of()));
                            }
                        }
                        case CheckEvent.Progress step -> {
                            finished.add(step.check());
                            port.showProgress(new ChatProgress.Running(domain.domain(), checks, finished));
                        }
                        case CheckEvent.Finished done -> {}
                        case CheckEvent.Failed failed -> {}
                        case CheckEvent.Busy busy -> {}
                        case CheckEvent.Limited limited -> {}
                    }
                },
                CHECK_WAIT);
        if (!(end instanceof CheckEvent.Finished done)) {
            port.finish(new ChatFinish.Failed(domain.domain(), DispatchText.refusal(domain.domain(), end)));
            return Optional.empty();
        }
        Report report = done.report();
        port.finish(new ChatFinish.Reported(
                report, follows(port, report.domain()), recheck, ReportSummary.problemChecks(report)));
        return Optional.of(report);
    }

    /** Whether the port's channel follows the domain, for the report's Subscribe or Unsubscribe button. */
    private boolean follows(ChatPort port, String domain) {
        Optional<ChannelRef> channel = port.channel();
        if (channel.isEmpty()) {
            return false;
        }
        try {
            return subscriptions.follows(channel.get(), domain);
        } catch (RuntimeException e) {
            LOG.warn("could not tell whether {} follows {}", channel.get().describe(), domain, e);
            return false;
        }
    }

    private static void recordBaseline(SubscriptionService service, Report report) {
        try {
            service.recordBaseline(report);
        } catch (RuntimeException e) {
            LOG.warn("could not record the baseline of {}; the first scheduled check will", report.domain(), e);
        }
    }

    /** Tells the user privately when the dispatcher refused the request at once (a rate limit, a full queue). */
    private static boolean refused(ChatPort port, Following following, DomainInput.Valid domain) {
        Optional<CheckEvent> refusal = following.refusal();
        refusal.ifPresent(
                event -> port.tellPrivately(new ChatReply.Notice(DispatchText.refusal(domain.domain(), event))));
        return refusal.isPresent();
    }

    /** A permission that could not be asked (the platform did not answer) is a refusal. */
    private static boolean allowed(CompletableFuture<Boolean> permitted) {
        return permitted
                .handle((answer, failure) -> {
                    if (failure != null) {
                        LOG.warn("could not tell whether a user may manage subscriptions", failure);
                        return false;
                    }
                    return Boolean.TRUE.equals(answer);
                })
                .join();
    }

    /** Acknowledges, then runs {@code work} on a job thread. */
    private void later(ChatPort port, ChatPort.Answer answer, Runnable work) {
        port.acknowledge(answer);
        try {
            jobs.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("a chat job failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            port.tellPrivately(new ChatReply.Notice(STOPPING));
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
                LOG.warn("chat jobs still running after 5 s at shutdown; left to finish on their own");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
