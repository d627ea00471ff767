package io.classcord.admin.api;

/** The dashboard's live {@code presence} event; {@code kind} is {@code connected}, {@code disconnected} or {@code joined}. */
public record PresenceEvent(String kind, String name, String address, String channel, String time) {
}
