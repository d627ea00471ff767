package io.classcord.admin.api;

/** Body of {@code POST /api/alert}: the text, and the channel or null for everyone. */
public record AlertRequest(String message, String channel) {
}
