package io.storesync.api;

import java.util.UUID;

/** Parsing shared by the typed ids, so every id rejects bad text with the same typed error. */
final class Ids {
    private Ids() {}

    static UUID parse(String kind, String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ValidationException(kind + " must be a UUID, got '" + text + "'");
        }
    }
}
