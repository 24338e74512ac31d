package dev.mtasts.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TestSlackText {
    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            value = {
                "example.com => example.com",
                "<!channel> => &lt;!channel&gt;",
                "<!here> <!everyone> => &lt;!here&gt; &lt;!everyone&gt;",
                "<@U123> => &lt;@U123&gt;",
                "<https://evil.example|click> => &lt;https://evil.example|click&gt;",
                "a & b => a &amp; b",
                "&lt; already => &amp;lt; already",
                "*bold* _it_ `code` => *bold* _it_ `code`",
            })
    void escapesTheThreeCharactersSlackReadsAsMarkup(String input, String expected) {
        assertThat(SlackText.escape(input)).isEqualTo(expected);
    }

    @Test
    void makesControlAndBidiCharactersVisible() {
        assertThat(SlackText.escape("a\u0007b\u202Ec\td")).isEqualTo("a\\u0007b\\u202ec d");
        assertThat(SlackText.escape("line 1\r\nline 2")).isEqualTo("line 1\nline 2");
    }

    @Test
    void cutsAfterEscapingWithoutSplittingAnEntity() {
        String escaped = SlackText.escape("abcd&efgh", 8);
        assertThat(escaped).isEqualTo("abcd…");
        assertThat(SlackText.escape("abcd&", 9)).isEqualTo("abcd&amp;");
        assertThat(SlackText.escape("abcdef", 6)).isEqualTo("abcdef");
        assertThat(SlackText.escape("abcdefg", 6)).isEqualTo("abcde…").hasSize(6);
        assertThat(SlackText.escape("<".repeat(1000), 3000)).hasSizeLessThanOrEqualTo(3000);
    }

    @Test
    void codeSpansCannotBeClosedByUntrustedBackticks() {
        String code = SlackText.code("v=STSv1; id=`x` <!channel>", 200);
        assertThat(code).isEqualTo("`v=STSv1; id=ˋxˋ &lt;!channel&gt;`");
        assertThat(code.chars().filter(character -> character == '`')).hasSize(2);
        assertThat(SlackText.code("two\nlines", 100)).isEqualTo("`two lines`");
    }

    @Test
    void codeBlocksKeepLinesAndNeutraliseFences() {
        String block = SlackText.codeBlock("mx: a\n```\n<!channel>", 200);
        assertThat(block).isEqualTo("```mx: a\nˋˋˋ\n&lt;!channel&gt;```");
        assertThat(SlackText.codeBlock("x".repeat(5000), 3000)).hasSize(3000).endsWith("…```");
    }

    @Test
    void plainTextIsCutNotEscaped() {
        assertThat(SlackText.plain("<b> & c", 150)).isEqualTo("<b> & c");
        assertThat(SlackText.plain("x".repeat(200), 150)).hasSize(150).endsWith("…");
    }
}
