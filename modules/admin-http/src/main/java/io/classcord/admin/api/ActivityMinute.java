package io.classcord.admin.api;

/**
 * One minute of the chat's activity.
 *
 * @param minute      its start, ISO-8601 in UTC
 * @param messages    messages posted during it
 * @param connections connections open at its end
 */
public record ActivityMinute(String minute, int messages, int connections) {
}
