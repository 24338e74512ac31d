package dev.mtasts.launcher;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard output is an interactive terminal that wants colour. */
final class Terminal {
    private Terminal() {}

    static boolean colourWanted() {
        if (System.getenv("NO_COLOR") != null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        return isTerminal();
    }

    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+ returns a Console even when redirected; isTerminal() says whether it really is one.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
