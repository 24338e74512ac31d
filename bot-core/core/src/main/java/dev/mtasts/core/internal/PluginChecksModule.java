package dev.mtasts.core.internal;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckPlugin;
import dev.mtasts.spi.SenderAnalyzer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the checks of the given plugins into a {@code Multibinder<Check>}. {@link #fromServiceLoader} discovers the
 * plugins eagerly, so start-up can name what it found and fail with a precise message; tests use {@link #of} to
 * bypass discovery.
 */
public final class PluginChecksModule extends AbstractModule {
    private static final Logger LOG = LoggerFactory.getLogger(PluginChecksModule.class);

    private final List<CheckPlugin> plugins;

    private PluginChecksModule(List<CheckPlugin> plugins) {
        this.plugins = List.copyOf(requireNonNull(plugins, "plugins is null"));
        Map<String, CheckPlugin> names = new HashMap<>();
        for (CheckPlugin plugin : this.plugins) {
            CheckPlugin previous = names.putIfAbsent(plugin.name(), plugin);
            if (previous != null) {
                throw new IllegalStateException("two check plugins are named '" + plugin.name() + "': "
                        + previous.getClass().getName() + " and "
                        + plugin.getClass().getName());
            }
        }
    }

    public static PluginChecksModule fromServiceLoader(ClassLoader classLoader) {
        List<CheckPlugin> plugins = new ArrayList<>();
        for (ServiceLoader.Provider<CheckPlugin> provider :
                ServiceLoader.load(CheckPlugin.class, classLoader).stream().toList()) {
            try {
                CheckPlugin plugin = provider.get();
                LOG.debug(
                        "Installing check plugin {} ({} checks) from {}",
                        plugin.name(),
                        plugin.checks().size(),
                        plugin.getClass().getProtectionDomain().getCodeSource());
                plugins.add(plugin);
            } catch (ServiceConfigurationError e) {
                throw new IllegalStateException(
                        "check plugin " + provider.type().getName() + " failed to load: " + e.getMessage(), e);
            }
        }
        if (plugins.isEmpty()) {
            throw new IllegalStateException("no " + CheckPlugin.class.getName()
                    + " found on the class path: is the mtasts-checks jar missing?");
        }
        return new PluginChecksModule(plugins);
    }

    public static PluginChecksModule of(CheckPlugin... plugins) {
        return new PluginChecksModule(List.of(plugins));
    }

    @Override
    protected void configure() {
        Multibinder<Check> checks = Multibinder.newSetBinder(binder(), Check.class);
        Multibinder<SenderAnalyzer> analyzers = Multibinder.newSetBinder(binder(), SenderAnalyzer.class);
        for (CheckPlugin plugin : plugins) {
            for (Check check : plugin.checks()) {
                checks.addBinding().toInstance(check);
            }
            plugin.senderAnalyzer().ifPresent(analyzer -> analyzers.addBinding().toInstance(analyzer));
        }
    }
}
