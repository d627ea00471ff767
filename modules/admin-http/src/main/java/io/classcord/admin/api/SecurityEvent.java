package io.classcord.admin.api;

/**
 * Something a security lesson shows: a refused login, a client cut off, a sanction.
 *
 * @param kind   {@code login_failed}, {@code login_throttled}, {@code rate_limited}, {@code slow_client},
 *               {@code kicked}, {@code banned}, {@code unbanned}, {@code name_refused} or {@code login_cut}
 * @param name   the name involved as the client sent it (may be null): text, never markup
 * @param detail a short French text for the teacher
 */
public record SecurityEvent(String kind, String address, String name, String time, String detail) {
}
