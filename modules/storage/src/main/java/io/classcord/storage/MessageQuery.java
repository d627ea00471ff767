package io.classcord.storage;

/**
 * Which stored messages to read, newest first. Every filter is optional (null).
 *
 * @param channel messages posted in this channel (canonical name, e.g. {@code #dev})
 * @param user    messages sent by this name, or private messages addressed to it; compared as accounts
 *                are (ignoring case)
 * @param from    first wire timestamp included, ISO-8601 local ({@code 2025-06-20} or {@code 2025-06-20T17:12})
 * @param to      timestamps strictly before this one are included
 * @param offset  messages skipped, newest first
 * @param limit   most messages returned, 1 to {@link #MAX_LIMIT}
 */
public record MessageQuery(String channel, String user, String from, String to, int offset, int limit) {

    public static final int MAX_LIMIT = 1000;

    public MessageQuery {
        Page.checkBounds(offset, limit, MAX_LIMIT);
    }
}
