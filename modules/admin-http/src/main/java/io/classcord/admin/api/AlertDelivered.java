package io.classcord.admin.api;

/** An alert was queued for {@code delivered} connections of {@code channel} (null: everyone). */
public record AlertDelivered(String channel, int delivered) {
}
