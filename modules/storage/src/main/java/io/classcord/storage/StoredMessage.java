package io.classcord.storage;

/** A committed message, as read back from the database. */
public record StoredMessage(long id, Long userId, String sender, String channel, String recipient, String content,
                            String timestamp) {
}
