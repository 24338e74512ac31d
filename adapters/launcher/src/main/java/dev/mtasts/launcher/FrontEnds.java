package dev.mtasts.launcher;

import com.google.inject.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Decides which chat front ends {@code serve} installs, with a plain {@code if} on config and environment. */
final class FrontEnds {
    private FrontEnds() {}

    static List<Module> modules(BotConfig config, Function<String, String> environment) {
        List<Module> modules = new ArrayList<>();
        return modules;
    }
}
