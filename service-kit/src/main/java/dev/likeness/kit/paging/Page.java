package dev.likeness.kit.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a newest-first list, and the cursor the next page starts after (null on the last page). */
public record Page<T>(List<T> items, PageCursor next) {

    /**
     * The page in {@code rows}, read with a limit one past {@code limit}: the extra row only tells
     * that another page follows.
     */
    public static <T> Page<T> of(List<T> rows, int limit, Function<T, PageCursor> position) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, position.apply(items.get(limit - 1)));
    }

    public <V> Page<V> map(Function<T, V> view) {
        return new Page<>(items.stream().map(view).toList(), next);
    }
}
