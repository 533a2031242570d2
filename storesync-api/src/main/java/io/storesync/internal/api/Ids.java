package io.storesync.internal.api;

import io.storesync.api.ValidationException;
import java.util.UUID;

/** Parsing shared by the typed ids, so every id rejects bad text with the same typed error. */
public final class Ids {
    private Ids() {}

    public static UUID parse(String kind, String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ValidationException(kind + " must be a UUID, got '" + text + "'");
        }
    }
}
