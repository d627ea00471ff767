package io.classcord.app.console;

/** Ends a console command with a message and an exit code scripts can test. */
final class ConsoleException extends RuntimeException {

    /** The server answered but refused or failed the action (unknown user, channel...). */
    static final int FAILED = 1;
    /** Bad arguments. */
    static final int USAGE = 2;
    /** Nothing answers at the admin URL. */
    static final int SERVER_DOWN = 3;
    /** No token file, or the server refused the token. */
    static final int BAD_TOKEN = 4;

    private final int exitCode;

    ConsoleException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
