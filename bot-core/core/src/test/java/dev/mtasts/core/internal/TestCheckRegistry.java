package dev.mtasts.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Stage;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckPlugin;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.Finding;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class TestCheckRegistry {
    @Test
    void keepsPluginOrder() {
        CheckRegistry registry =
                new CheckRegistry(new LinkedHashSet<>(List.of(named("b-check"), named("a-check"))), Set.of());

        assertThat(registry.checks()).extracting(Check::id).containsExactly("b-check", "a-check");
    }

    @Test
    void duplicateIdsFailStartUpNamingBothClasses() {
        CheckPlugin first = plugin("first", named("dns-record"));
        CheckPlugin second = plugin("second", named("dns-record"));

        assertThatThrownBy(() -> Guice.createInjector(
                                Stage.PRODUCTION,
                                PluginChecksModule.of(first, second),
                                binder -> binder.bind(CheckRegistry.class))
                        .getInstance(CheckRegistry.class))
                .hasMessageContaining("duplicate check id 'dns-record'");
    }

    @Test
    void malformedIdFailsStartUp() {
        assertThatThrownBy(() -> new CheckRegistry(Set.of(named("Bad_Id")), Set.of()))
                .hasMessageContaining("invalid id 'Bad_Id'");
    }

    @Test
    void noChecksFailsStartUp() {
        assertThatThrownBy(() -> new CheckRegistry(Set.of(), Set.of())).hasMessageContaining("no checks are installed");
    }

    @Test
    void duplicatePluginNamesFail() {
        assertThatThrownBy(() -> PluginChecksModule.of(plugin("same", named("x")), plugin("same", named("y"))))
                .hasMessageContaining("two check plugins are named 'same'");
    }

    private static CheckPlugin plugin(String name, Check... checks) {
        return new CheckPlugin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Check> checks() {
                return List.of(checks);
            }
        };
    }

    private static Check named(String id) {
        return TestCheckRunner.check(id, context -> CheckResult.of(Finding.pass("ok", "ok")));
    }
}
