package dev.mtasts.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestButtonId {
    @Test
    void roundTripsTheActionAndTheDomain() {
        for (ButtonId.Action action : ButtonId.Action.values()) {
            String customId = ButtonId.of(action, "example.com").customId();

            assertThat(ButtonId.parse(customId)).contains(new ButtonId(action, Optional.of("example.com")));
        }
        assertThat(ButtonId.of(ButtonId.Action.RECHECK, "example.com").customId())
                .isEqualTo("mtasts:recheck:example.com");
    }

    @Test
    void leavesOutADomainTooLongForDiscordsLimit() {
        String domain = "a".repeat(63) + "." + "b".repeat(63) + ".example";

        ButtonId id = ButtonId.of(ButtonId.Action.POLICY, domain);

        assertThat(id.domain()).isEmpty();
        assertThat(id.customId()).isEqualTo("mtasts:policy");
        assertThat(ButtonId.parse("mtasts:policy")).contains(new ButtonId(ButtonId.Action.POLICY, Optional.empty()));
        String longest = "d".repeat(ButtonId.MAX_LENGTH - "mtasts:subscribe:".length());
        assertThat(ButtonId.of(ButtonId.Action.SUBSCRIBE, longest).customId()).hasSize(ButtonId.MAX_LENGTH);
    }

    @Test
    void ignoresIdsItDidNotMake() {
        assertThat(ButtonId.parse("other-bot:recheck:example.com")).isEmpty();
        assertThat(ButtonId.parse("mtasts:delete:example.com")).isEmpty();
        assertThat(ButtonId.parse(null)).isEmpty();
    }
}
