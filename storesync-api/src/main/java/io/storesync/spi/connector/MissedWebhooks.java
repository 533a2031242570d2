package io.storesync.spi.connector;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of webhooks the platform failed to deliver ({@link Connector#missedWebhooks()}), oldest first.
 *
 * @param webhooks the page's webhooks, re-rendered as the platform would have delivered them
 * @param unreadable the page's entries the connector could not re-render, each with a reason that names no personal
 *     data (an id and what is wrong); the engine reports them and stores the rest. They are confirmed with the page:
 *     an entry that cannot be read now never will be, and left unconfirmed it would come back first on every page
 * @param confirmation what {@link Connector#confirmMissedWebhooks} takes to mark this page's entries collected (Shopee's
 *     {@code last_message_id}); null when the page is empty, or when the platform hands each entry out once and needs no
 *     confirmation
 * @param more whether the platform holds more after this page; the next page is only handed out once this one is
 *     confirmed
 */
public record MissedWebhooks(List<MissedWebhook> webhooks, List<String> unreadable, @Nullable String confirmation,
        boolean more) {
    /** Nothing missed: what a platform that redelivers on its own (or keeps nothing) answers. */
    public static final MissedWebhooks NONE = new MissedWebhooks(List.of(), List.of(), null, false);

    public MissedWebhooks {
        webhooks = List.copyOf(webhooks);
        unreadable = List.copyOf(unreadable);
    }

    /** Whether the page holds nothing at all, readable or not. */
    public boolean isEmpty() {
        return webhooks.isEmpty() && unreadable.isEmpty();
    }
}
