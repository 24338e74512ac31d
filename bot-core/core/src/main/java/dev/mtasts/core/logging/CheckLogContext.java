package dev.mtasts.core.logging;

import static java.util.Objects.requireNonNull;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Carries a check's id and domain through its log lines (SLF4J's MDC: {@code check_id}, {@code domain}), so that a
 * JSON log ({@code logging.format: json}) can be filtered to one check; the text format does not show them.
 */
public final class CheckLogContext {
    public static final String CHECK_ID = "check_id";
    public static final String DOMAIN = "domain";

    private CheckLogContext() {}

    /** Runs {@code work} with a fresh check id and {@code domain} in the MDC, restoring the previous MDC after. */
    public static <T> T check(String domain, Supplier<T> work) {
        requireNonNull(domain, "domain is null");
        requireNonNull(work, "work is null");
        Map<String, String> previous = MDC.getCopyOfContextMap();
        MDC.put(CHECK_ID, HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
        MDC.put(DOMAIN, domain);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }

    /** Virtual threads that run with the MDC of the caller of this method (a check's threads carry its id). */
    public static ThreadFactory virtualThreads() {
        Map<String, String> context = MDC.getCopyOfContextMap();
        ThreadFactory virtual = Thread.ofVirtual().factory();
        return task -> virtual.newThread(context == null ? task : with(context, task));
    }

    /** {@code task} wrapped to run with the caller's MDC (a check's id on the threads it starts). */
    public static Runnable propagating(Runnable task) {
        requireNonNull(task, "task is null");
        Map<String, String> context = MDC.getCopyOfContextMap();
        return context == null ? task : with(context, task);
    }

    private static Runnable with(Map<String, String> context, Runnable task) {
        return () -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            MDC.setContextMap(context);
            try {
                task.run();
            } finally {
                if (previous == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(previous);
                }
            }
        };
    }
}
