package io.classcord.admin.api;

/** Body of {@code POST /tableau/session}: a Classcord account that has the admin role. */
public record SignInRequest(String username, String password) {
}
