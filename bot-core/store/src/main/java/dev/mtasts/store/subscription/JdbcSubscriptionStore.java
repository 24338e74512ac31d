package dev.mtasts.store.subscription;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.subscription.ChannelRef;
import dev.mtasts.core.subscription.CheckCompletion;
import dev.mtasts.core.subscription.DeliveryAttempt;
import dev.mtasts.core.subscription.DomainLease;
import dev.mtasts.core.subscription.DomainState;
import dev.mtasts.core.subscription.Notification;
import dev.mtasts.core.subscription.PendingDelivery;
import dev.mtasts.core.subscription.Platform;
import dev.mtasts.core.subscription.SubscribeResult;
import dev.mtasts.core.subscription.Subscription;
import dev.mtasts.core.subscription.SubscriptionJson;
import dev.mtasts.core.subscription.SubscriptionLimits;
import dev.mtasts.core.subscription.SubscriptionOverview;
import dev.mtasts.core.subscription.SubscriptionStore;
import dev.mtasts.core.subscription.SubscriptionStoreException;
import dev.mtasts.spi.Severity;
import dev.mtasts.store.JdbcRetry;
import dev.mtasts.store.JdbcValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription store over JDBC, in the history database (the embedded H2 default or PostgreSQL); the schema is
 * migration {@code V100__subscriptions.sql}, applied with the history store's own.
 *
 * <p>Claims are conditional {@code UPDATE}s of a lease column ("set the lease where it is free or expired") whose
 * update count says whether this instance won: portable, and correct on both databases because a concurrent update
 * of the same row waits for the first and then re-evaluates its condition. Completions are fenced by the claim's
 * token (checks) or attempt number (deliveries), so work that outlived its lease changes nothing. Subscribing locks
 * the workspace's row, so concurrent subscribes cannot overshoot its limit.
 *
 * <p>Every method is one transaction, retried when it loses a race (a unique or foreign key violation, a
 * serialization failure or deadlock) or the connection breaks. Times are kept to the microsecond.
 */
public final class JdbcSubscriptionStore implements SubscriptionStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSubscriptionStore.class);
    private static final int QUERY_TIMEOUT_SECONDS = 30;
    private static final int MAX_TEXT = 1000;
    /** How often one claim looks for due domains again when other instances took every candidate. */
    private static final int CLAIM_ROUNDS = 3;

    private static final String ACTIVE = Subscription.State.ACTIVE.name();
    private static final String PAUSED = Subscription.State.PAUSED.name();
    private static final String PENDING = "PENDING";
    private static final String DELIVERED = "DELIVERED";
    private static final String FAILED = "FAILED";

    /** The rows of one channel: bind {@link #key(ChannelRef, Object...)}. */
    private static final String IN_CHANNEL = "platform = ? AND workspace_id = ? AND channel_id = ?";

    /**
     * The delivery row of an attempt this instance still holds (pending, leased to it, not retried since): bind
     * {@link #held(PendingDelivery, Object...)}.
     */
    private static final String HELD_ATTEMPT = "domain_name = ? AND run_number = ? AND subscription_id = ?"
            + " AND status = '" + PENDING + "' AND lease_owner = ? AND attempts = ?";

    private static final String SUBSCRIPTION_COLUMNS = "s.id, s.platform, s.workspace_id, s.channel_id,"
            + " s.domain_name, s.created_by, s.created_at, s.state, s.consecutive_failures, s.last_failure";
    private static final String OVERVIEW = "SELECT " + SUBSCRIPTION_COLUMNS
            + ", d.last_status, d.last_checked_at, d.next_check_at FROM mtasts_subscription s"
            + " JOIN mtasts_subscription_domain d ON d.domain_name = s.domain_name";

    private final DataSource dataSource;
    private final String description;
    private final JdbcRetry jdbc;

    /**
     * @param dataSource the history database, already migrated (the history store's pool; it closes it)
     * @param description where the database is, for messages; never contains a password
     */
    public JdbcSubscriptionStore(DataSource dataSource, String description) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.description = requireNonNull(description, "description is null");
        this.jdbc = new JdbcRetry(dataSource, description, SubscriptionStoreException::new);
    }

    @Override
    public SubscribeResult subscribe(
            ChannelRef channel,
            String domain,
            String createdBy,
            SubscriptionLimits limits,
            Instant now,
            Instant firstCheckAt) {
        requireNonNull(channel, "channel is null");
        requireNonNull(domain, "domain is null");
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(limits, "limits is null");
        requireNonNull(now, "now is null");
        requireNonNull(firstCheckAt, "firstCheckAt is null");
        ensureWorkspace(channel);
        return jdbc.transaction("subscribe " + channel.describe() + " to " + domain, connection -> {
            lockWorkspace(connection, channel);
            Optional<Subscription> existing = find(connection, channel, domain);
            if (existing.isPresent()) {
                return switch (existing.get().state()) {
                    case ACTIVE -> new SubscribeResult.AlreadySubscribed(existing.get());
                    case PAUSED -> resume(connection, existing.get());
                };
            }
            int inChannel =
                    count(connection, "SELECT COUNT(*) FROM mtasts_subscription WHERE " + IN_CHANNEL, key(channel));
            if (inChannel >= limits.perChannel()) {
                return new SubscribeResult.LimitReached(SubscribeResult.Scope.CHANNEL, limits.perChannel());
            }
            int inWorkspace = count(
                    connection,
                    "SELECT COUNT(*) FROM mtasts_subscription WHERE platform = ? AND workspace_id = ?",
                    channel.platform().name(),
                    channel.workspaceId());
            if (inWorkspace >= limits.perWorkspace()) {
                return new SubscribeResult.LimitReached(SubscribeResult.Scope.WORKSPACE, limits.perWorkspace());
            }
            try (PreparedStatement statement = prepare(
                    connection,
                    "INSERT INTO mtasts_subscription_domain (domain_name, next_check_at) SELECT ?, ?"
                            + " WHERE NOT EXISTS (SELECT 1 FROM mtasts_subscription_domain WHERE domain_name = ?)")) {
                statement.setString(1, domain);
                statement.setObject(2, timestamp(firstCheckAt));
                statement.setString(3, domain);
                statement.executeUpdate();
            }
            long id;
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO mtasts_subscription (platform, workspace_id, channel_id, domain_name, created_by,"
                            + " created_at, state, consecutive_failures) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
                    new String[] {"id"})) {
                statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                statement.setString(1, channel.platform().name());
                statement.setString(2, channel.workspaceId());
                statement.setString(3, channel.channelId());
                statement.setString(4, domain);
                statement.setString(5, truncate(createdBy));
                statement.setObject(6, timestamp(now));
                statement.setString(7, ACTIVE);
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("the database returned no id for the new subscription");
                    }
                    id = keys.getLong(1);
                }
            }
            return new SubscribeResult.Subscribed(new Subscription(
                    id,
                    channel,
                    domain,
                    truncate(createdBy),
                    micros(now),
                    Subscription.State.ACTIVE,
                    0,
                    Optional.empty()));
        });
    }

    /** Makes the paused subscription active; its domain gets a fresh baseline when no other channel is active. */
    private static SubscribeResult resume(Connection connection, Subscription paused) throws SQLException {
        update(
                connection,
                "UPDATE mtasts_subscription SET state = ?, consecutive_failures = 0, paused_at = NULL WHERE id = ?",
                ACTIVE,
                paused.id());
        int othersActive = count(
                connection,
                "SELECT COUNT(*) FROM mtasts_subscription WHERE domain_name = ? AND state = ? AND id <> ?",
                paused.domain(),
                ACTIVE,
                paused.id());
        if (othersActive == 0) {
            update(
                    connection,
                    "UPDATE mtasts_subscription_domain SET announced_state = NULL, unconfirmed = FALSE"
                            + " WHERE domain_name = ?",
                    paused.domain());
        }
        Subscription resumed = new Subscription(
                paused.id(),
                paused.channel(),
                paused.domain(),
                paused.createdBy(),
                paused.createdAt(),
                Subscription.State.ACTIVE,
                0,
                paused.lastFailure());
        return new SubscribeResult.Resumed(resumed, paused.consecutiveFailures());
    }

    @Override
    public boolean unsubscribe(ChannelRef channel, String domain) {
        requireNonNull(channel, "channel is null");
        requireNonNull(domain, "domain is null");
        return jdbc.transaction("unsubscribe " + channel.describe() + " from " + domain, connection -> {
            int deleted = update(
                    connection,
                    "DELETE FROM mtasts_subscription WHERE " + IN_CHANNEL + " AND domain_name = ?",
                    key(channel, domain));
            if (deleted == 0) {
                return false;
            }
            if (count(connection, "SELECT COUNT(*) FROM mtasts_subscription WHERE domain_name = ?", domain) == 0) {
                update(connection, "DELETE FROM mtasts_delivery WHERE domain_name = ?", domain);
                update(connection, "DELETE FROM mtasts_notification WHERE domain_name = ?", domain);
                update(
                        connection,
                        "DELETE FROM mtasts_subscription_domain WHERE domain_name = ? AND NOT EXISTS"
                                + " (SELECT 1 FROM mtasts_subscription WHERE domain_name = ?)",
                        domain,
                        domain);
            }
            return true;
        });
    }

    @Override
    public List<SubscriptionOverview> list(ChannelRef channel) {
        requireNonNull(channel, "channel is null");
        return jdbc.transaction("list the subscriptions of " + channel.describe(), connection -> {
            try (PreparedStatement statement = prepare(
                    connection,
                    OVERVIEW + " WHERE s.platform = ? AND s.workspace_id = ? AND s.channel_id = ?"
                            + " ORDER BY s.domain_name")) {
                statement.setString(1, channel.platform().name());
                statement.setString(2, channel.workspaceId());
                statement.setString(3, channel.channelId());
                return overviews(statement);
            }
        });
    }

    @Override
    public List<SubscriptionOverview> overview() {
        return jdbc.transaction("list every subscription", connection -> {
            try (PreparedStatement statement = prepare(
                    connection, OVERVIEW + " ORDER BY s.platform, s.workspace_id, s.channel_id, s.domain_name")) {
                return overviews(statement);
            }
        });
    }

    @Override
    public boolean recordBaseline(String domain, DomainState state, Instant nextCheckAt) {
        requireNonNull(domain, "domain is null");
        requireNonNull(state, "state is null");
        requireNonNull(nextCheckAt, "nextCheckAt is null");
        return jdbc.transaction(
                "record the baseline of " + domain,
                connection -> update(
                                connection,
                                "UPDATE mtasts_subscription_domain SET announced_state = ?, unconfirmed = FALSE,"
                                        + " last_status = ?, last_checked_at = ?, next_check_at = ?"
                                        + " WHERE domain_name = ? AND announced_state IS NULL",
                                SubscriptionJson.write(state),
                                state.status().name(),
                                timestamp(state.checkedAt()),
                                timestamp(nextCheckAt),
                                domain)
                        == 1);
    }

    @Override
    public List<DomainLease> claimDueDomains(
            Set<Platform> platforms, String owner, Instant now, Duration lease, int limit) {
        if (nothingToClaim(platforms, owner, now, lease, limit)) {
            return List.of();
        }
        // Instances racing for the same candidates may all lose them; look again (a few times) rather than
        // report nothing due while other domains are.
        List<DomainLease> claimed = new ArrayList<>();
        for (int round = 0; round < CLAIM_ROUNDS && claimed.isEmpty(); round++) {
            List<String> candidates = dueDomains(platforms, now, limit);
            if (candidates.isEmpty()) {
                break;
            }
            for (String domain : candidates) {
                claimDomain(domain, owner, now, lease).ifPresent(claimed::add);
            }
        }
        return List.copyOf(claimed);
    }

    /** Checks a claim's arguments; true when it can claim nothing (no platform, or a limit under 1). */
    private static boolean nothingToClaim(
            Set<Platform> platforms, String owner, Instant now, Duration lease, int limit) {
        requireNonNull(platforms, "platforms is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(now, "now is null");
        requireNonNull(lease, "lease is null");
        return platforms.isEmpty() || limit < 1;
    }

    private List<String> dueDomains(Set<Platform> platforms, Instant now, int limit) {
        return jdbc.transaction("find due domains", connection -> {
            List<String> due = new ArrayList<>();
            try (PreparedStatement statement = prepare(
                    connection,
                    "SELECT d.domain_name FROM mtasts_subscription_domain d WHERE d.next_check_at <= ?"
                            + " AND (d.lease_until IS NULL OR d.lease_until < ?)"
                            + " AND EXISTS (SELECT 1 FROM mtasts_subscription s WHERE s.domain_name = d.domain_name"
                            + " AND s.state = ? AND s.platform IN (" + placeholders(platforms.size()) + "))"
                            + " ORDER BY d.next_check_at, d.domain_name FETCH FIRST " + limit + " ROWS ONLY")) {
                int index = 1;
                statement.setObject(index++, timestamp(now));
                statement.setObject(index++, timestamp(now));
                statement.setString(index++, ACTIVE);
                for (Platform platform : sorted(platforms)) {
                    statement.setString(index++, platform.name());
                }
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        due.add(result.getString(1));
                    }
                }
            }
            return due;
        });
    }

    /** Takes the lease on one due domain unless another instance got there first. */
    private Optional<DomainLease> claimDomain(String domain, String owner, Instant now, Duration lease) {
        String token = UUID.randomUUID().toString();
        Instant until = micros(now.plus(lease));
        return jdbc.transaction("claim " + domain, connection -> {
            int won = update(
                    connection,
                    "UPDATE mtasts_subscription_domain SET lease_owner = ?, lease_token = ?, lease_until = ?"
                            + " WHERE domain_name = ? AND next_check_at <= ?"
                            + " AND (lease_until IS NULL OR lease_until < ?)",
                    truncate(owner),
                    token,
                    timestamp(until),
                    domain,
                    timestamp(now),
                    timestamp(now));
            if (won == 0) {
                return Optional.empty();
            }
            try (PreparedStatement statement = prepare(
                    connection,
                    "SELECT run_number, announced_state, unconfirmed FROM mtasts_subscription_domain"
                            + " WHERE domain_name = ?")) {
                statement.setString(1, domain);
                try (ResultSet result = statement.executeQuery()) {
                    if (!result.next()) {
                        return Optional.empty();
                    }
                    Optional<DomainState> state = Optional.ofNullable(result.getString("announced_state"))
                            .map(SubscriptionJson::readState);
                    return Optional.of(new DomainLease(
                            domain,
                            truncate(owner),
                            token,
                            until,
                            result.getLong("run_number"),
                            state,
                            result.getBoolean("unconfirmed")));
                }
            }
        });
    }

    @Override
    public boolean completeCheck(DomainLease lease, CheckCompletion completion) {
        requireNonNull(lease, "lease is null");
        requireNonNull(completion, "completion is null");
        return jdbc.transaction("complete the check of " + lease.domain(), connection -> {
            String set = "run_number = run_number + 1, unconfirmed = ?, last_status = ?, last_checked_at = ?,"
                    + " next_check_at = ?, lease_owner = NULL, lease_token = NULL, lease_until = NULL";
            int updated;
            if (completion.state().isPresent()) {
                updated = update(
                        connection,
                        "UPDATE mtasts_subscription_domain SET " + set + ", announced_state = ?"
                                + " WHERE domain_name = ? AND lease_token = ?",
                        completion.unconfirmed(),
                        completion.status().name(),
                        timestamp(completion.checkedAt()),
                        timestamp(completion.nextCheckAt()),
                        SubscriptionJson.write(completion.state().get()),
                        lease.domain(),
                        lease.token());
            } else {
                updated = update(
                        connection,
                        "UPDATE mtasts_subscription_domain SET " + set + " WHERE domain_name = ? AND lease_token = ?",
                        completion.unconfirmed(),
                        completion.status().name(),
                        timestamp(completion.checkedAt()),
                        timestamp(completion.nextCheckAt()),
                        lease.domain(),
                        lease.token());
            }
            if (updated == 0) {
                return false;
            }
            if (completion.notification().isPresent()) {
                long run = number(
                        connection,
                        "SELECT run_number FROM mtasts_subscription_domain WHERE domain_name = ?",
                        lease.domain());
                Instant created = completion.checkedAt();
                update(
                        connection,
                        "INSERT INTO mtasts_notification (domain_name, run_number, created_at, payload)"
                                + " VALUES (?, ?, ?, ?)",
                        lease.domain(),
                        run,
                        timestamp(created),
                        SubscriptionJson.write(completion.notification().get()));
                int queued = update(
                        connection,
                        "INSERT INTO mtasts_delivery (domain_name, run_number, subscription_id, status, attempts,"
                                + " outcome_recorded, next_attempt_at, created_at)"
                                + " SELECT ?, ?, s.id, ?, 0, TRUE, ?, ? FROM mtasts_subscription s"
                                + " WHERE s.domain_name = ? AND s.state = ?",
                        lease.domain(),
                        run,
                        PENDING,
                        timestamp(created),
                        timestamp(created),
                        lease.domain(),
                        ACTIVE);
                LOG.debug("{} run {}: queued {} deliveries", lease.domain(), run, queued);
            }
            return true;
        });
    }

    @Override
    public void abandonCheck(DomainLease lease, Instant retryAt) {
        requireNonNull(lease, "lease is null");
        requireNonNull(retryAt, "retryAt is null");
        jdbc.transaction(
                "release " + lease.domain(),
                connection -> update(
                        connection,
                        "UPDATE mtasts_subscription_domain SET next_check_at = ?, lease_owner = NULL,"
                                + " lease_token = NULL, lease_until = NULL WHERE domain_name = ? AND lease_token = ?",
                        timestamp(retryAt),
                        lease.domain(),
                        lease.token()));
    }

    @Override
    public List<PendingDelivery> claimDeliveries(
            Set<Platform> platforms, String owner, Instant now, Duration lease, int limit) {
        if (nothingToClaim(platforms, owner, now, lease, limit)) {
            return List.of();
        }
        List<Candidate> candidates = jdbc.transaction("find due deliveries", connection -> {
            List<Candidate> due = new ArrayList<>();
            try (PreparedStatement statement = prepare(
                    connection,
                    // The delivery's columns are renamed: the subscription's are read by their own names.
                    "SELECT dl.id AS delivery_id, dl.domain_name AS delivery_domain, dl.run_number AS delivery_run,"
                            + " dl.attempts AS delivery_attempts, dl.outcome_recorded AS delivery_recorded, "
                            + SUBSCRIPTION_COLUMNS + " FROM mtasts_delivery dl"
                            + " JOIN mtasts_subscription s ON s.id = dl.subscription_id"
                            + " WHERE dl.status = ? AND dl.next_attempt_at <= ?"
                            + " AND (dl.lease_until IS NULL OR dl.lease_until < ?)"
                            + " AND s.state = ? AND s.platform IN (" + placeholders(platforms.size()) + ")"
                            + " AND NOT EXISTS (SELECT 1 FROM mtasts_delivery older"
                            + " WHERE older.subscription_id = dl.subscription_id AND older.status = ?"
                            + " AND older.id < dl.id)"
                            + " ORDER BY dl.id FETCH FIRST " + limit + " ROWS ONLY")) {
                int index = 1;
                statement.setString(index++, PENDING);
                statement.setObject(index++, timestamp(now));
                statement.setObject(index++, timestamp(now));
                statement.setString(index++, ACTIVE);
                for (Platform platform : sorted(platforms)) {
                    statement.setString(index++, platform.name());
                }
                statement.setString(index, PENDING);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        due.add(new Candidate(
                                result.getLong("delivery_id"),
                                result.getString("delivery_domain"),
                                result.getLong("delivery_run"),
                                result.getInt("delivery_attempts"),
                                result.getBoolean("delivery_recorded"),
                                subscription(result)));
                    }
                }
            }
            return due;
        });
        Instant until = micros(now.plus(lease));
        Map<String, Notification> notifications = new HashMap<>();
        List<PendingDelivery> claimed = new ArrayList<>();
        for (Candidate candidate : candidates) {
            boolean won = jdbc.transaction(
                    "claim a delivery of " + candidate.domain(),
                    connection -> update(
                                    connection,
                                    "UPDATE mtasts_delivery SET attempts = attempts + 1, outcome_recorded = FALSE,"
                                            + " lease_owner = ?, lease_until = ? WHERE id = ? AND status = ?"
                                            + " AND attempts = ? AND (lease_until IS NULL OR lease_until < ?)",
                                    truncate(owner),
                                    timestamp(until),
                                    candidate.id(),
                                    PENDING,
                                    candidate.attempts(),
                                    timestamp(now))
                            == 1);
            if (!won) {
                continue;
            }
            Notification notification = notifications.computeIfAbsent(
                    candidate.domain() + "\n" + candidate.run(),
                    key -> notification(candidate.domain(), candidate.run()));
            claimed.add(new PendingDelivery(
                    candidate.domain(),
                    candidate.run(),
                    candidate.subscription().id(),
                    candidate.subscription().channel(),
                    notification,
                    truncate(owner),
                    new DeliveryAttempt(
                            PendingDelivery.idempotencyKey(
                                    candidate.domain(),
                                    candidate.run(),
                                    candidate.subscription().id()),
                            candidate.attempts() + 1,
                            candidate.attempts() > 0 && !candidate.outcomeRecorded())));
        }
        return List.copyOf(claimed);
    }

    private Notification notification(String domain, long run) {
        return jdbc.transaction("read the notification of " + domain, connection -> {
            try (PreparedStatement statement = prepare(
                    connection, "SELECT payload FROM mtasts_notification WHERE domain_name = ? AND run_number = ?")) {
                statement.setString(1, domain);
                statement.setLong(2, run);
                try (ResultSet result = statement.executeQuery()) {
                    if (!result.next()) {
                        throw new SubscriptionStoreException(
                                "the notification of " + domain + " run " + run + " is missing");
                    }
                    return SubscriptionJson.readNotification(result.getString(1));
                }
            }
        });
    }

    @Override
    public void recordDelivered(PendingDelivery delivery, Instant now) {
        requireNonNull(delivery, "delivery is null");
        requireNonNull(now, "now is null");
        jdbc.inTransaction("record a delivery of " + delivery.domain(), connection -> {
            if (finish(connection, delivery, DELIVERED, Optional.empty(), now) == 1) {
                update(
                        connection,
                        "UPDATE mtasts_subscription SET consecutive_failures = 0 WHERE id = ?",
                        delivery.subscriptionId());
            }
        });
    }

    @Override
    public FailureOutcome recordDeliveryFailure(
            PendingDelivery delivery,
            String reason,
            Optional<Instant> retryAt,
            int maxConsecutiveFailures,
            Instant now) {
        requireNonNull(delivery, "delivery is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(retryAt, "retryAt is null");
        requireNonNull(now, "now is null");
        return jdbc.transaction("record a failed delivery of " + delivery.domain(), connection -> {
            if (retryAt.isPresent()) {
                int updated = update(
                        connection,
                        "UPDATE mtasts_delivery SET outcome_recorded = TRUE, last_error = ?, next_attempt_at = ?,"
                                + " lease_owner = NULL, lease_until = NULL WHERE " + HELD_ATTEMPT,
                        held(delivery, truncate(reason), timestamp(retryAt.get())));
                if (updated == 0) {
                    return FailureOutcome.NONE;
                }
                int failures = count(
                        connection,
                        "SELECT consecutive_failures FROM mtasts_subscription WHERE id = ?",
                        delivery.subscriptionId());
                return new FailureOutcome(failures, false);
            }
            if (finish(connection, delivery, FAILED, Optional.of(reason), now) == 0) {
                return FailureOutcome.NONE;
            }
            update(
                    connection,
                    "UPDATE mtasts_subscription SET consecutive_failures = consecutive_failures + 1,"
                            + " last_failure = ?, last_failure_at = ? WHERE id = ?",
                    truncate(reason),
                    timestamp(now),
                    delivery.subscriptionId());
            int failures = count(
                    connection,
                    "SELECT consecutive_failures FROM mtasts_subscription WHERE id = ?",
                    delivery.subscriptionId());
            boolean paused = failures >= maxConsecutiveFailures
                    && update(
                                    connection,
                                    "UPDATE mtasts_subscription SET state = ?, paused_at = ? WHERE id = ?"
                                            + " AND state = ?",
                                    PAUSED,
                                    timestamp(now),
                                    delivery.subscriptionId(),
                                    ACTIVE)
                            == 1;
            return new FailureOutcome(failures, paused);
        });
    }

    /** {@code before}, then the parameters of {@link #HELD_ATTEMPT}. */
    private static @Nullable Object[] held(PendingDelivery delivery, @Nullable Object... before) {
        @Nullable Object[] parameters = Arrays.copyOf(before, before.length + 5);
        parameters[before.length] = delivery.domain();
        parameters[before.length + 1] = delivery.run();
        parameters[before.length + 2] = delivery.subscriptionId();
        parameters[before.length + 3] = delivery.owner();
        parameters[before.length + 4] = delivery.attempt().number();
        return parameters;
    }

    /** Ends a claimed delivery, if this instance still holds that attempt; returns the rows changed (0 or 1). */
    private static int finish(
            Connection connection, PendingDelivery delivery, String status, Optional<String> error, Instant now)
            throws SQLException {
        return update(
                connection,
                "UPDATE mtasts_delivery SET status = ?, outcome_recorded = TRUE, last_error = ?, finished_at = ?,"
                        + " lease_owner = NULL, lease_until = NULL WHERE " + HELD_ATTEMPT,
                held(
                        delivery,
                        status,
                        error.map(JdbcSubscriptionStore::truncate).orElse(null),
                        timestamp(now)));
    }

    @Override
    public int purgeFinished(Instant before) {
        requireNonNull(before, "before is null");
        return jdbc.transaction("purge finished deliveries", connection -> {
            int deleted = update(
                    connection,
                    "DELETE FROM mtasts_delivery WHERE status <> ? AND finished_at < ?",
                    PENDING,
                    timestamp(before));
            update(
                    connection,
                    "DELETE FROM mtasts_notification n WHERE n.created_at < ? AND NOT EXISTS"
                            + " (SELECT 1 FROM mtasts_delivery d WHERE d.domain_name = n.domain_name"
                            + " AND d.run_number = n.run_number)",
                    timestamp(before));
            return deleted;
        });
    }

    /** Where the subscriptions live, for messages. */
    public String describe() {
        return description;
    }

    private record Candidate(
            long id, String domain, long run, int attempts, boolean outcomeRecorded, Subscription subscription) {}

    /** The parameters of {@link #IN_CHANNEL}, then {@code more}. */
    private static Object[] key(ChannelRef channel, Object... more) {
        Object[] parameters = new Object[3 + more.length];
        parameters[0] = channel.platform().name();
        parameters[1] = channel.workspaceId();
        parameters[2] = channel.channelId();
        System.arraycopy(more, 0, parameters, 3, more.length);
        return parameters;
    }

    /** Creates the workspace's lock row on its first subscription; a concurrent creation is fine. */
    private void ensureWorkspace(ChannelRef channel) {
        jdbc.transaction(
                "register " + channel.platform().label() + " workspace " + channel.workspaceId(),
                connection -> update(
                        connection,
                        "INSERT INTO mtasts_subscription_workspace (platform, workspace_id) SELECT ?, ?"
                                + " WHERE NOT EXISTS (SELECT 1 FROM mtasts_subscription_workspace"
                                + " WHERE platform = ? AND workspace_id = ?)",
                        channel.platform().name(),
                        channel.workspaceId(),
                        channel.platform().name(),
                        channel.workspaceId()));
    }

    private static void lockWorkspace(Connection connection, ChannelRef channel) throws SQLException {
        try (PreparedStatement statement = prepare(
                connection,
                "SELECT platform FROM mtasts_subscription_workspace WHERE platform = ? AND workspace_id = ?"
                        + " FOR UPDATE")) {
            statement.setString(1, channel.platform().name());
            statement.setString(2, channel.workspaceId());
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new SQLException("the workspace row vanished", "40001");
                }
            }
        }
    }

    private static Optional<Subscription> find(Connection connection, ChannelRef channel, String domain)
            throws SQLException {
        try (PreparedStatement statement = prepare(
                connection,
                "SELECT " + SUBSCRIPTION_COLUMNS + " FROM mtasts_subscription s WHERE s.platform = ?"
                        + " AND s.workspace_id = ? AND s.channel_id = ? AND s.domain_name = ?")) {
            statement.setString(1, channel.platform().name());
            statement.setString(2, channel.workspaceId());
            statement.setString(3, channel.channelId());
            statement.setString(4, domain);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.of(subscription(result)) : Optional.empty();
            }
        }
    }

    private static List<SubscriptionOverview> overviews(PreparedStatement statement) throws SQLException {
        List<SubscriptionOverview> overviews = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                overviews.add(new SubscriptionOverview(
                        subscription(result),
                        Optional.ofNullable(result.getString("last_status")).map(Severity::valueOf),
                        JdbcValues.instant(result, "last_checked_at"),
                        JdbcValues.instant(result, "next_check_at")));
            }
        }
        return List.copyOf(overviews);
    }

    private static Subscription subscription(ResultSet result) throws SQLException {
        Platform platform = Platform.valueOf(result.getString("platform"));
        return new Subscription(
                result.getLong("id"),
                new ChannelRef(platform, result.getString("workspace_id"), result.getString("channel_id")),
                result.getString("domain_name"),
                result.getString("created_by"),
                JdbcValues.instant(result, "created_at").orElseThrow(),
                Subscription.State.valueOf(result.getString("state")),
                result.getInt("consecutive_failures"),
                Optional.ofNullable(result.getString("last_failure")));
    }

    private static int count(Connection connection, String sql, @Nullable Object... parameters) throws SQLException {
        return Math.toIntExact(number(connection, sql, parameters));
    }

    /** The first column of the one row {@code sql} selects. */
    private static long number(Connection connection, String sql, @Nullable Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql)) {
            bind(statement, parameters);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new SQLException("no row for: " + sql);
                }
                return result.getLong(1);
            }
        }
    }

    private static int update(Connection connection, String sql, @Nullable Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        return statement;
    }

    private static void bind(PreparedStatement statement, @Nullable Object... parameters) throws SQLException {
        for (int index = 0; index < parameters.length; index++) {
            Object parameter = parameters[index];
            switch (parameter) {
                case null -> statement.setNull(index + 1, Types.VARCHAR);
                case String text -> statement.setString(index + 1, text);
                case Long number -> statement.setLong(index + 1, number);
                case Integer number -> statement.setInt(index + 1, number);
                case Boolean flag -> statement.setBoolean(index + 1, flag);
                case OffsetDateTime time -> statement.setObject(index + 1, time);
                default ->
                    throw new IllegalArgumentException(
                            "cannot bind a " + parameter.getClass().getSimpleName());
            }
        }
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static List<Platform> sorted(Set<Platform> platforms) {
        return platforms.stream().sorted().toList();
    }

    private static String truncate(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC);
    }
}
