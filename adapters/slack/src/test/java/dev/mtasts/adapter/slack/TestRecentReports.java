package dev.mtasts.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The recent list behind the Home tab: a person sees their own checks and those of conversations they are in. */
class TestRecentReports {
    @Test
    void aViewerSeesOwnChecksAndTheirChannelsOnly() {
        RecentReports recent = new RecentReports(20);
        recent.add(new RecentReports.Entry("T1", "C-public", "U-alice", TestingReports.failing("public.example")));
        recent.add(new RecentReports.Entry("T1", "G-private", "U-alice", TestingReports.failing("private.example")));
        recent.add(new RecentReports.Entry("T1", "D-alice", "U-alice", TestingReports.failing("dm.example")));
        recent.add(new RecentReports.Entry("T1", "G-other", "U-bob", TestingReports.failing("bob.example")));
        recent.add(new RecentReports.Entry("T2", "C-public", "U-bob", TestingReports.failing("elsewhere.example")));

        assertThat(recent.visibleTo("T1", "U-bob", Set.of("C-public")))
                .extracting(entry -> entry.report().domain())
                .containsExactly("bob.example", "public.example");
        assertThat(recent.visibleTo("T1", "U-alice", Set.of()))
                .extracting(entry -> entry.report().domain())
                .containsExactly("dm.example", "private.example", "public.example");
        assertThat(recent.visibleTo("T1", "U-carol", Set.of())).isEmpty();
    }
}
