package io.classcord.storage;

/** The database could not do what was asked (disk full, file unreadable, closed store...). */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
