package io.storesync.internal.jdbi;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The text the schema stores for StoreSync's enums ({@code orders.status}, {@code users.role}, ...): the constant's
 * name in lower case. It lives here, not on the public enums, because the column format is a storage detail that a
 * host must never come to depend on.
 */
public final class DbCodes {
    private DbCodes() {}

    /** The stored text of a constant. */
    public static String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The stored text of a constant, or SQL NULL for an absent one. */
    public static @Nullable String codeOrNull(@Nullable Enum<?> value) {
        return value == null ? null : code(value);
    }

    /**
     * The constant a column holds. Unknown text means the row was written by something other than this version of
     * StoreSync, so it fails loudly instead of guessing, naming the type and the value.
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String stored) {
        for (E constant : type.getEnumConstants()) {
            if (code(constant).equals(stored)) return constant;
        }
        throw new StoreSyncException(ErrorCode.INTERNAL,
                "the database holds an unknown " + type.getSimpleName() + " '" + stored + "'");
    }

    /** {@link #parse} for a nullable column. */
    public static <E extends Enum<E>> @Nullable E parseOrNull(Class<E> type, @Nullable String stored) {
        return stored == null ? null : parse(type, stored);
    }
}
