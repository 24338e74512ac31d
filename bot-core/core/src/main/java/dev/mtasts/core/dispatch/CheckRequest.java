package dev.mtasts.core.dispatch;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.input.DomainInput;

/**
 * One request to check a domain. {@code bypassCache} is the Re-check button: a fresh run even when a recent result
 * exists, within the per-domain re-check cooldown.
 */
public record CheckRequest(Origin origin, DomainInput.Valid domain, boolean bypassCache) {
    public CheckRequest {
        requireNonNull(origin, "origin is null");
        requireNonNull(domain, "domain is null");
    }
}
