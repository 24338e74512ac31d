package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.Report;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bot's short memory, in process only: the last reports per workspace with who asked and where (for the App Home
 * tab, which shows a person only their own checks and those of channels they are in), and which report
 * each posted parent message shows (for its buttons). Both are bounded; nothing survives a restart, and the buttons
 * re-run the check when the memory has no report.
 */
public final class RecentReports {
    /** Parent messages remembered across all workspaces, at most. */
    static final int MAX_MESSAGES = 1000;
    /** Workspaces with recent reports, at most; the least recently active is dropped. */
    static final int MAX_TEAMS = 1000;

    private final int perTeam;
    private final Map<String, Deque<Entry>> byTeam = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<MessageKey, Report> byMessage = new LinkedHashMap<>(16, 0.75f, true);

    public RecentReports(int perTeam) {
        if (perTeam < 1) {
            throw new IllegalArgumentException("perTeam must be at least 1, not " + perTeam);
        }
        this.perTeam = perTeam;
    }

    /** A report a workspace member ({@code userId}) asked for, and where it was shown. */
    public record Entry(String teamId, String channelId, String userId, Report report) {
        public Entry {
            requireNonNull(teamId, "teamId is null");
            requireNonNull(channelId, "channelId is null");
            requireNonNull(userId, "userId is null");
            requireNonNull(report, "report is null");
        }
    }

    private record MessageKey(String channelId, String ts) {}

    public synchronized void add(Entry entry) {
        requireNonNull(entry, "entry is null");
        Deque<Entry> entries = byTeam.computeIfAbsent(entry.teamId(), team -> new ArrayDeque<>());
        entries.addFirst(entry);
        while (entries.size() > perTeam) {
            entries.removeLast();
        }
        trim(byTeam, MAX_TEAMS);
    }

    /** The workspace's recent reports, newest first. */
    public synchronized List<Entry> recent(String teamId) {
        requireNonNull(teamId, "teamId is null");
        Deque<Entry> entries = byTeam.get(teamId);
        return entries == null ? List.of() : List.copyOf(entries);
    }

    /**
     * The workspace's recent reports {@code userId} may see, newest first: their own, and those shown in {@code
     * channels} (the conversations they are in).
     */
    public synchronized List<Entry> visibleTo(String teamId, String userId, java.util.Set<String> channels) {
        requireNonNull(userId, "userId is null");
        requireNonNull(channels, "channels is null");
        return recent(teamId).stream()
                .filter(entry -> entry.userId().equals(userId) || channels.contains(entry.channelId()))
                .toList();
    }

    /** Remembers that the parent message {@code ts} in {@code channelId} shows {@code report}. */
    public synchronized void remember(String channelId, String ts, Report report) {
        byMessage.put(new MessageKey(channelId, ts), requireNonNull(report, "report is null"));
        trim(byMessage, MAX_MESSAGES);
    }

    public synchronized Optional<Report> shownIn(String channelId, String ts) {
        return Optional.ofNullable(byMessage.get(new MessageKey(channelId, ts)));
    }

    private static void trim(Map<?, ?> map, int max) {
        Iterator<?> iterator = map.keySet().iterator();
        while (map.size() > max && iterator.hasNext()) {
            iterator.next();
            iterator.remove();
        }
    }
}
