package dev.mtasts.core.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestShareLinks {
    @Test
    void aLinkIsThePublicUrlAndTheUrlEncodedALabelDomain() {
        ShareLinks links = ShareLinks.of(" https://mtasts.example.org/checks/ ");
        assertThat(links.report("example.com")).contains("https://mtasts.example.org/checks/report/example.com");
        assertThat(links.report("Bücher.Example"))
                .contains("https://mtasts.example.org/checks/report/xn--bcher-kva.example");
        assertThat(links.report("postmaster@Example.COM."))
                .contains("https://mtasts.example.org/checks/report/example.com");
    }

    @Test
    void noPublicUrlOrNoDomainMeansNoLink() {
        assertThat(ShareLinks.none().report("example.com")).isEmpty();
        assertThat(ShareLinks.of("https://mtasts.example.org").report("<script>|x"))
                .isEmpty();
        assertThat(ShareLinks.of("https://mtasts.example.org").report("evil.example>|<!channel>"))
                .isEmpty();
    }

    @Test
    void aPublicUrlThatCannotCarryALinkIsRefusedNamingTheKey() {
        for (String bad : new String[] {
            "javascript:alert(1)",
            "mtasts.example.org",
            "ftp://mtasts.example.org",
            "https://mtasts.example.org/?q=1",
            "https://mtasts.example.org/#x",
            "https://user@mtasts.example.org/",
            "https://mtasts.example.org/a|b",
            "https://mtasts.example.org/<x>"
        }) {
            assertThatThrownBy(() -> ShareLinks.of(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("http.public-url");
        }
    }
}
