package io.classcord.admin.api;

/** A channel closed or reopened; {@code changed} is false when it already was. */
public record ChannelChange(String channel, boolean open, boolean changed) {
}
