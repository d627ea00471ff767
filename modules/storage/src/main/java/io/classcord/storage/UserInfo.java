package io.classcord.storage;

/**
 * What the administration sees of an account: never its password hash.
 *
 * @param createdAt ISO-8601 instant of registration; null for accounts imported from a course database
 * @param lastLogin ISO-8601 instant of the last successful login; null if never
 */
public record UserInfo(long id, String username, String role, boolean banned, String createdAt, String lastLogin) {
}
