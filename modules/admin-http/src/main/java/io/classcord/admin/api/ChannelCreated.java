package io.classcord.admin.api;

/** A channel created, under its canonical name. */
public record ChannelCreated(String channel) {
}
