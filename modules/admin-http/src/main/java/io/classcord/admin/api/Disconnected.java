package io.classcord.admin.api;

/** A user kicked: the connections closed. */
public record Disconnected(String user, int disconnected) {
}
