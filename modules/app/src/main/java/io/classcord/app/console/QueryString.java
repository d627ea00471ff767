package io.classcord.app.console;

import java.util.Map;

/** The query string of an API call from the options given, e.g. {@code ?channel=%23dev&limit=5}. */
final class QueryString {

    private QueryString() {
    }

    /** The {@code names} present in {@code options}, in that order; empty when none is. */
    static String of(Map<String, String> options, String... names) {
        StringBuilder query = new StringBuilder();
        for (String name : names) {
            String value = options.get(name);
            if (value != null) {
                query.append(query.isEmpty() ? '?' : '&').append(name).append('=').append(AdminClient.encode(value));
            }
        }
        return query.toString();
    }
}
