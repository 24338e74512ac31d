package dev.mtasts.core;

import com.google.inject.Module;
import dev.mtasts.core.internal.PluginChecksModule;
import dev.mtasts.spi.CheckPlugin;

/**
 * The public way to give the engine its checks, installed next to {@link EngineModule}: the plugins on the class path
 * (what {@code mtasts} does), or given ones (tests, embedders). Nothing outside the engine needs {@code
 * dev.mtasts.core.internal}.
 */
public final class CheckPlugins {
    private CheckPlugins() {}

    /** The plugins {@link java.util.ServiceLoader} finds through {@code classLoader}. */
    public static Module fromServiceLoader(ClassLoader classLoader) {
        return PluginChecksModule.fromServiceLoader(classLoader);
    }

    /** Exactly these plugins. */
    public static Module of(CheckPlugin... plugins) {
        return PluginChecksModule.of(plugins);
    }
}
