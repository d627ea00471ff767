package io.classcord.protocol;

/**
 * One line received from a server, as a client sees it: a frame it knows, or a line it does not
 * understand (an unknown type, or not JSON), which a client shows or ignores but never dies on.
 */
public sealed interface Reply {

    record Frame(ServerFrame frame) implements Reply {
    }

    /** {@code type} is the line's type when it had one, null otherwise. */
    record Unrecognized(String type, String line, String problem) implements Reply {
    }
}
