package dev.mtasts.launcher;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import dev.mtasts.core.CheckPlugins;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.store.StoreModule;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the strict Guice injector every command runs in: explicit bindings, no proxies; production stage (every
 * singleton built at start-up) except for a command that runs once ({@link #forOneRun}).
 */
public final class Bootstrap {
    private Bootstrap() {}

    public static Injector injector(EngineSettings settings, Module... extra) {
        return create(Stage.PRODUCTION, settings, List.of(extra));
    }

    /** The injector with {@code history} as the engine's history store (the caller opens and closes it). */
    public static Injector injector(EngineSettings settings, HistoryStore history, Module... extra) {
        return create(Stage.PRODUCTION, settings, withStore(history, extra));
    }

    /**
     * The injector of a command that runs once and exits ({@code check}): every binding is still validated up front,
     * but a singleton is built when first used, so what the run does not need (the dispatcher and its limits, ...)
     * is never built. {@code serve} builds all of them at start-up instead, where a broken one should stop it.
     */
    public static Injector forOneRun(EngineSettings settings, HistoryStore history, Module... extra) {
        return create(Stage.DEVELOPMENT, settings, withStore(history, extra));
    }

    private static List<Module> withStore(HistoryStore history, Module... extra) {
        List<Module> modules = new ArrayList<>(List.of(extra));
        modules.add(new StoreModule(history));
        return modules;
    }

    private static Injector create(Stage stage, EngineSettings settings, List<Module> extra) {
        List<Module> modules = new ArrayList<>();
        modules.add(binder -> {
            binder.requireExplicitBindings();
            binder.disableCircularProxies();
            binder.requireExactBindingAnnotations();
            binder.requireAtInjectOnConstructors();
        });
        modules.add(new EngineModule(settings));
        modules.add(CheckPlugins.fromServiceLoader(Bootstrap.class.getClassLoader()));
        modules.addAll(extra);
        return Guice.createInjector(stage, modules);
    }
}
