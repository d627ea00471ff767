package io.classcord.admin.api;

import io.classcord.storage.StoredMessage;

/** One message from the database; {@code recipient} is set for private messages, {@code channel} otherwise. */
public record StoredChatMessage(long id, String timestamp, String channel, String sender, String recipient,
                                String content) {

    public static StoredChatMessage of(StoredMessage m) {
        return new StoredChatMessage(m.id(), m.timestamp(), m.channel(), m.sender(), m.recipient(), m.content());
    }
}
