package io.storesync.api.inventory;

import io.storesync.internal.api.Check;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A location to create. The organization's first location becomes its default whatever {@code makeDefault} says,
 * so that there is always exactly one default once there is any location.
 */
public record NewLocation(String name, @Nullable Map<String, Object> address, boolean makeDefault) {
    public NewLocation {
        Check.text(name, "name", 255);
        address = address == null ? null : Map.copyOf(Check.jsonObject(address, "address"));
    }

    /** A location with just a name, not made default. */
    public static NewLocation named(String name) {
        return new NewLocation(name, null, false);
    }
}
