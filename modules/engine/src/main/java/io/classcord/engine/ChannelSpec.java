package io.classcord.engine;

/** A channel that exists from start-up; {@code adminOnly} channels accept only accounts with the admin role. */
public record ChannelSpec(String name, boolean adminOnly) {
}
