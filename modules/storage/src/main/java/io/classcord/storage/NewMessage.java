package io.classcord.storage;

/**
 * A message to store. {@code userId} is null for guests; {@code recipient} is null for channel
 * messages and names the addressee of a private message. {@code timestamp} is the ISO-8601 local
 * time sent on the wire (e.g. {@code 2025-06-20T17:12:40.123456}).
 */
public record NewMessage(Long userId, String sender, String channel, String recipient, String content, String timestamp) {
}
