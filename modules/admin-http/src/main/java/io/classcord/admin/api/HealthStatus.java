package io.classcord.admin.api;

/** The body of {@code /health}: {@code status} UP when both the chat listener and the database are. */
public record HealthStatus(String status, String chat, String database) {
}
