package io.classcord.admin.api;

/** The server was asked to stop. */
public record Stopping(boolean stopping) {
}
