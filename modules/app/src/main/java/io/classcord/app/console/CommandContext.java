package io.classcord.app.console;

import java.io.PrintStream;

import io.classcord.app.console.AdminClient.Reply;

/**
 * What every command works with: the texts of the configured language, the output, whether {@code --json}
 * asks for the API's answers as they are, and the way to the API.
 */
record CommandContext(Messages texts, PrintStream out, boolean json, ApiSession api) {

    /** The reply when the server accepted; a {@link ConsoleException#FAILED} with its message otherwise. */
    Reply ok(Reply reply) {
        if (!reply.ok()) {
            throw new ConsoleException(ConsoleException.FAILED, reply.errorMessage());
        }
        return reply;
    }

    /** Prints the reply's JSON as it came when {@code --json} asks for it; says whether it did. */
    boolean printedJson(Reply reply) {
        if (json) {
            out.println(reply.text());
        }
        return json;
    }
}
