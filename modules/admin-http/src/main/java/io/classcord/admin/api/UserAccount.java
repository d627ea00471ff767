package io.classcord.admin.api;

import io.classcord.storage.UserInfo;

/** One account, with how many chat connections are logged in to it right now. */
public record UserAccount(long id, String username, String role, boolean banned, String createdAt, String lastLogin,
                          int connections) {

    public static UserAccount of(UserInfo u, int connections) {
        return new UserAccount(u.id(), u.username(), u.role(), u.banned(), u.createdAt(), u.lastLogin(), connections);
    }
}
