package io.classcord.storage;

/**
 * The server is saturated with password hashing: the request waited its whole deadline for a turn.
 * Nothing was changed; the client may try again in a moment.
 */
public final class BusyException extends StorageException {

    public BusyException(String message) {
        super(message);
    }
}
