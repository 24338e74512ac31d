package dev.mtasts.core.chat;

/** The buttons under a report or a notification, the same on every platform. */
public enum ChatButton {
    RECHECK,
    SHOW_POLICY,
    SUBSCRIBE,
    UNSUBSCRIBE
}
