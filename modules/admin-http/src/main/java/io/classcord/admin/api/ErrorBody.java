package io.classcord.admin.api;

/** The body of every refusal: a stable {@code error} code and a {@code message} in the caller's language. */
public record ErrorBody(String error, String message) {
}
