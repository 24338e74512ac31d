package dev.mtasts.core.dispatch;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * Who asked for a check, and from where: the front end (an open name such as {@code slack}, {@code discord} or
 * {@code web}, so a new front end needs no change in the core), the requester (a user id, or a client address for the
 * web), the place (a channel, guild or workspace id; the web may use one place for everyone) and whether the answer
 * is seen by others. Rate limits are kept per requester and per place, each within its front end.
 */
public record Origin(String frontEnd, String requester, String place, Visibility visibility) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public Origin {
        requireNonNull(frontEnd, "frontEnd is null");
        requireNonNull(requester, "requester is null");
        requireNonNull(place, "place is null");
        requireNonNull(visibility, "visibility is null");
        if (!NAME.matcher(frontEnd).matches()) {
            throw new IllegalArgumentException("not a front-end name: " + frontEnd);
        }
    }

    /** Whether the answer is shown only to the requester or to everyone in the place. */
    public enum Visibility {
        PRIVATE,
        PUBLIC
    }

    String requesterKey() {
        return frontEnd + "\u0000" + requester;
    }

    String placeKey() {
        return frontEnd + "\u0000" + place;
    }
}
