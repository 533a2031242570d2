package io.storesync.api;

import io.storesync.internal.api.Check;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which page of a listing to read. A listing is read from its start with {@link #first(int)} and continued with
 * {@link Page#next()}: the continuation is an opaque cursor naming the last row returned, and the next page starts
 * after that row. Rows written between two reads therefore neither repeat a row already returned nor push one past
 * the reader: every row that existed when the first page was read is returned exactly once (a row whose sort key
 * changes meanwhile, such as a renamed SKU, is returned where it now sorts).
 *
 * <p>Counting every match costs a scan of all of them, so it is done only when asked for with {@link #withTotal()}.
 *
 * @param size rows per page, 1 to {@value #MAX_SIZE}
 * @param after the cursor of the previous page ({@link Page#nextCursor()}); {@code null} for the first page. Only a
 *     cursor returned by the same listing is accepted; anything else is a {@link ValidationException}
 * @param countTotal whether to count all the matches into {@link Page#total()}
 */
public record PageRequest(int size, @Nullable String after, boolean countTotal) {
    /** The largest page StoreSync returns at once. */
    public static final int MAX_SIZE = 1000;
    /** The longest cursor StoreSync writes (a SKU or platform product id encoded). */
    public static final int MAX_CURSOR_LENGTH = 2048;
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]+");

    public PageRequest {
        Check.positive(size, "size");
        if (size > MAX_SIZE) throw new ValidationException("size must be at most " + MAX_SIZE + ", got " + size);
        if (after != null && (after.length() > MAX_CURSOR_LENGTH || !CURSOR.matcher(after).matches())) {
            throw new ValidationException("after is not a page cursor StoreSync returned");
        }
    }

    /** The first page of the given size, without a total. */
    public static PageRequest first(int size) {
        return new PageRequest(size, null, false);
    }

    /** The page that follows the row {@code cursor} names, same size; {@link Page#next()} builds it for you. */
    public PageRequest after(String cursor) {
        return new PageRequest(size, Check.present(cursor, "cursor"), countTotal);
    }

    /** This page, also counting all the matches of the listing into {@link Page#total()}. */
    public PageRequest withTotal() {
        return new PageRequest(size, after, true);
    }
}
