package io.classcord.admin.api;

/** Body of {@code PUT /api/users/{name}/role}: {@code admin} or {@code user}. */
public record RoleRequest(String role) {
}
