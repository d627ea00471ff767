package io.classcord.admin.service;

/**
 * Which stored messages to list; null fields do not filter.
 *
 * @param channel channel name, with or without {@code #}
 * @param user    sender or recipient
 * @param from    first local time, ISO-8601 ({@code 2025-06-20} or {@code 2025-06-20T17:12[:40[.123]]})
 * @param to      last local time, same form
 * @param offset  rows skipped
 * @param limit   rows returned at most
 */
public record MessageFilter(String channel, String user, String from, String to, int offset, int limit) {
}
