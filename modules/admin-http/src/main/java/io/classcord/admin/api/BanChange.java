package io.classcord.admin.api;

/** An account banned or unbanned, and the connections a ban closed. */
public record BanChange(String user, boolean banned, int disconnected) {
}
