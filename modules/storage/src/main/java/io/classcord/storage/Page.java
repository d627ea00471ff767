package io.classcord.storage;

import java.util.List;

/**
 * One page of a longer result.
 *
 * @param items  the rows of this page
 * @param offset rows skipped before the first one
 * @param limit  most rows a page holds
 * @param total  rows matching the query across every page
 */
public record Page<T>(List<T> items, int offset, int limit, long total) {

    public Page {
        items = List.copyOf(items);
    }

    /** Checks paging values before any query runs; the message names the bad one. */
    public static void checkBounds(int offset, int limit, int maxLimit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, not " + offset);
        }
        if (limit < 1 || limit > maxLimit) {
            throw new IllegalArgumentException("limit must be between 1 and " + maxLimit + ", not " + limit);
        }
    }
}
