package dev.mtasts.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class TestChatCommand {
    @Test
    void bareDomainIsACheck() {
        assertThat(ChatCommand.parse("Example.COM"))
                .isInstanceOfSatisfying(
                        ChatCommand.Check.class,
                        check -> assertThat(check.domain().domain()).isEqualTo("example.com"));
    }

    @Test
    void checkVerbTakesTheDomain() {
        assertThat(ChatCommand.parse("check https://example.com/x"))
                .isInstanceOfSatisfying(
                        ChatCommand.Check.class,
                        check -> assertThat(check.domain().domain()).isEqualTo("example.com"));
    }

    @Test
    void subscribeAndUnsubscribe() {
        assertThat(ChatCommand.parse("subscribe example.org")).isInstanceOf(ChatCommand.Subscribe.class);
        assertThat(ChatCommand.parse("UNSUBSCRIBE example.org")).isInstanceOf(ChatCommand.Unsubscribe.class);
    }

    @Test
    void historyTakesTheDomain() {
        assertThat(ChatCommand.parse("history Example.COM"))
                .isInstanceOfSatisfying(
                        ChatCommand.History.class,
                        history -> assertThat(history.domain().domain()).isEqualTo("example.com"));
        assertThat(ChatCommand.parse("history")).isInstanceOf(ChatCommand.Invalid.class);
    }

    @Test
    void emptyAndHelpAreHelp() {
        assertThat(ChatCommand.parse("")).isInstanceOf(ChatCommand.Help.class);
        assertThat(ChatCommand.parse("  help ")).isInstanceOf(ChatCommand.Help.class);
    }

    @Test
    void listTakesNoArgument() {
        assertThat(ChatCommand.parse("list")).isInstanceOf(ChatCommand.ListSubscriptions.class);
        assertThat(ChatCommand.parse("list example.com")).isInstanceOf(ChatCommand.Invalid.class);
    }

    @Test
    void verbWithoutDomainIsInvalidWithAHint() {
        assertThat(ChatCommand.parse("subscribe"))
                .isInstanceOfSatisfying(ChatCommand.Invalid.class, invalid -> assertThat(invalid.reason())
                        .contains("needs a domain"));
    }

    @Test
    void badDomainCarriesTheNormalisersReason() {
        assertThat(ChatCommand.parse("check 10.0.0.1"))
                .isInstanceOfSatisfying(ChatCommand.Invalid.class, invalid -> assertThat(invalid.reason())
                        .containsIgnoringCase("IP"));
        assertThat(ChatCommand.parse("<!channel>")).isInstanceOf(ChatCommand.Invalid.class);
    }
}
