package dev.mtasts.core;

/** Told as each check of a domain finishes, for live progress in chat. Called from check threads; be quick. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (report, done, total) -> {};

    void checkFinished(CheckReport report, int done, int total);
}
