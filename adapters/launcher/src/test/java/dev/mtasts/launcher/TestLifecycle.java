package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TestLifecycle {
    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void startsInOrderAndStopsInReverseEvenWhenAStopFails() throws Exception {
        Lifecycle lifecycle = new Lifecycle()
                .onStop("store", () -> log.add("close store"))
                .add("gateway", part("gateway", false, true))
                .onStop("dispatcher", () -> log.add("stop dispatcher"));
        lifecycle.start();
        assertThat(log).containsExactly("start gateway");

        List<Exception> failures = lifecycle.stop();

        assertThat(log).containsExactly("start gateway", "stop dispatcher", "stop gateway", "close store");
        assertThat(failures).singleElement().satisfies(failure -> assertThat(failure)
                .hasMessage("gateway would not stop"));
        assertThat(lifecycle.stop()).isEmpty();
        assertThat(log).hasSize(4);
    }

    @Test
    void aPartThatFailsToStartStopsThoseStartedBeforeIt() {
        Lifecycle lifecycle = new Lifecycle()
                .onStop("store", () -> log.add("close store"))
                .add("server", part("server", false, false))
                .add("gateway", part("gateway", true, false))
                .add("scheduler", part("scheduler", false, false));

        assertThatThrownBy(lifecycle::start).hasMessage("gateway would not start");
        assertThat(log).containsExactly("start server", "stop server", "close store");
    }

    private Lifecycle.Part part(String name, boolean failStart, boolean failStop) {
        return new Lifecycle.Part() {
            @Override
            public void start() {
                if (failStart) {
                    throw new IllegalStateException(name + " would not start");
                }
                log.add("start " + name);
            }

            @Override
            public void stop() {
                log.add("stop " + name);
                if (failStop) {
                    throw new IllegalStateException(name + " would not stop");
                }
            }
        };
    }
}
