package dev.mtasts.core.dispatch;

/** Receives the {@link CheckEvent}s of one request. Called from dispatcher threads; be quick (post asynchronously). */
@FunctionalInterface
public interface CheckListener {
    void on(CheckEvent event);
}
