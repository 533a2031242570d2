package io.storesync.api.store;

import java.net.URI;
import java.util.Objects;

/**
 * The first step of connecting stores by the seller's consent: where to send the seller, and the {@code state} the host
 * must keep with the seller's session and hand back to {@link Stores#completeAuthorization} (it is what stops a forged
 * callback from attaching an attacker's shop to this organization). {@link #toString()} hides the state.
 */
public record AuthorizationStart(String platform, URI consentUrl, String state) {
    public AuthorizationStart {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(consentUrl, "consentUrl");
        Objects.requireNonNull(state, "state");
    }

    @Override
    public String toString() {
        return "AuthorizationStart[" + platform + ", state=***]";
    }
}
