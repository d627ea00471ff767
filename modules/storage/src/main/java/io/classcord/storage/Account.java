package io.classcord.storage;

/** A registered user. {@code role} is {@code "user"} or {@code "admin"}. */
public record Account(long id, String username, String role, boolean banned) {

    public boolean isAdmin() {
        return "admin".equals(role);
    }
}
