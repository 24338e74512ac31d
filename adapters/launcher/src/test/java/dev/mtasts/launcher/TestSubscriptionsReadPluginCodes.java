package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Ties what subscriptions read to what the plugin reports: every finding code that {@code DomainStates} and {@code
 * ChangeDetector} still name (TLS-RPT validity, certificate expiry) must be a code of the {@code mta-sts} plugin, so
 * renaming one there fails here instead of silently muting a notification.
 */
class TestSubscriptionsReadPluginCodes {
    /** The engine's own codes for an unknown verdict; not the plugin's. */
    private static final Set<String> ENGINE_CODES = Set.of("check-timeout", "check-error");

    @Test
    void everyCodeSubscriptionsReadIsAPluginCode() throws Exception {
        Set<String> pluginCodes = new TreeSet<>();
        Class<?> codes = Class.forName("dev.mtasts.checks.FindingCode");
        for (Object code : codes.getEnumConstants()) {
            pluginCodes.add((String) codes.getMethod("code").invoke(code));
        }
        List<String> read = new ArrayList<>();
        read.addAll(codesIn("dev.mtasts.core.subscription.DomainStates"));
        read.addAll(codesIn("dev.mtasts.core.subscription.ChangeDetector"));

        assertThat(read).as("codes the subscriptions read").isNotEmpty();
        assertThat(read).filteredOn(code -> !ENGINE_CODES.contains(code)).allSatisfy(code -> assertThat(pluginCodes)
                .as("the plugin reports %s", code)
                .contains(code));
    }

    /** The finding codes a class names in its static string and string-set constants (codes contain a dash). */
    private static List<String> codesIn(String className) throws ReflectiveOperationException {
        List<String> found = new ArrayList<>();
        for (Field field : Class.forName(className).getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            field.setAccessible(true);
            Object value = field.get(null);
            if (value instanceof String text && text.matches("[a-z]+(-[a-z]+)+")) {
                found.add(text);
            } else if (value instanceof Collection<?> values) {
                values.stream()
                        .filter(String.class::isInstance)
                        .map(String.class::cast)
                        .filter(text -> text.matches("[a-z]+(-[a-z]+)+"))
                        .forEach(found::add);
            }
        }
        return found;
    }
}
