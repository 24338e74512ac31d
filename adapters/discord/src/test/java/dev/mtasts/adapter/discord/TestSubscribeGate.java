package dev.mtasts.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.Permission;
import org.junit.jupiter.api.Test;

final class TestSubscribeGate {
    private static final EnumSet<Permission> MEMBER = EnumSet.of(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND);

    @Test
    void byDefaultManageServerIsNeeded() {
        SubscribeGate gate = new SubscribeGate(Optional.empty());

        assertThat(gate.permits(MEMBER, List.of())).isFalse();
        assertThat(gate.permits(EnumSet.of(Permission.MANAGE_SERVER), List.of()))
                .isTrue();
        assertThat(gate.permits(EnumSet.of(Permission.ADMINISTRATOR), List.of()))
                .isTrue();
        assertThat(gate.permits(Optional.empty())).as("a DM with the bot").isTrue();
        assertThat(SubscribeGate.DEFAULT.getPermissionsRaw()).isEqualTo(Permission.MANAGE_SERVER.getRawValue());
    }

    @Test
    void aConfiguredRoleReplacesManageServerAndMatchesByIdOnly() {
        SubscribeGate byId = new SubscribeGate(Optional.of("1100000000000000600"));

        assertThat(byId.permits(MEMBER, List.of("1100000000000000600"))).isTrue();
        assertThat(byId.permits(MEMBER, List.of("42", "1100000000000000601"))).isFalse();
        assertThat(byId.permits(EnumSet.of(Permission.MANAGE_SERVER), List.of("42")))
                .isFalse();
        assertThat(byId.permits(EnumSet.of(Permission.ADMINISTRATOR), List.of()))
                .isTrue();
        assertThat(byId.refusal()).startsWith("Only members with the role 1100000000000000600 (its id) can subscribe");
    }
}
