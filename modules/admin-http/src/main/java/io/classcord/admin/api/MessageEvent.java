package io.classcord.admin.api;

/** The dashboard's live {@code message} event: {@code channel} null for a private message, {@code recipient} null in a channel. */
public record MessageEvent(String channel, String sender, String recipient, String time, String text) {
}
