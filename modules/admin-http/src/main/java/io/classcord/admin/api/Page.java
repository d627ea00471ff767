package io.classcord.admin.api;

import java.util.List;

/** One page of a longer list: {@code items} from {@code offset}, at most {@code limit}, {@code total} in all. */
public record Page<T>(List<T> items, int offset, int limit, long total) {
}
