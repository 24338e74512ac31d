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

/** Builds the strict Guice injector every command runs in: production stage, explicit bindings, no proxies. */
public final class Bootstrap {
    private Bootstrap() {}

    public static Injector injector(EngineSettings settings, Module... extra) {
        List<Module> modules = new ArrayList<>();
        modules.add(binder -> {
            binder.requireExplicitBindings();
            binder.disableCircularProxies();
            binder.requireExactBindingAnnotations();
            binder.requireAtInjectOnConstructors();
        });
        modules.add(new EngineModule(settings));
        modules.add(CheckPlugins.fromServiceLoader(Bootstrap.class.getClassLoader()));
        modules.addAll(List.of(extra));
        return Guice.createInjector(Stage.PRODUCTION, modules);
    }

    /** The injector with {@code history} as the engine's history store (the caller opens and closes it). */
    public static Injector injector(EngineSettings settings, HistoryStore history, Module... extra) {
        List<Module> modules = new ArrayList<>(List.of(extra));
        modules.add(new StoreModule(history));
        return injector(settings, modules.toArray(Module[]::new));
    }
}
