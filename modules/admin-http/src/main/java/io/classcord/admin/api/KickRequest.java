package io.classcord.admin.api;

/** Body of {@code POST /api/users/NAME/kick}: the reason shown to the user, or null for the default one. */
public record KickRequest(String reason) {
}
