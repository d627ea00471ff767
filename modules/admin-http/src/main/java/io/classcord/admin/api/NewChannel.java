package io.classcord.admin.api;

/** Body of {@code POST /api/channels}. */
public record NewChannel(String name) {
}
