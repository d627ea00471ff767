package io.classcord.admin.api;

/**
 * A teacher's dashboard session as the page sees it; the session id itself only travels in the
 * {@code HttpOnly} cookie.
 *
 * @param csrfToken what every state-changing request of the page sends back in {@code X-CSRF-Token}
 * @param expiresAt ISO-8601 instant at which the session ends even if used (the absolute expiry)
 */
public record SessionInfo(String username, String csrfToken, String expiresAt) {
}
