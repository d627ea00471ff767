package io.classcord.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@code classcord-client}, as read by {@link ClientCommandLine}.
 *
 * @param host         server address
 * @param port         chat port
 * @param user         account name to log in with, or null
 * @param passwordFile file whose first line is the password, or null to ask on the terminal
 * @param register     register {@code user} before logging in
 * @param guest        guest name to chat under without an account, or null
 * @param channel      channel to join (and send to) first, or null
 * @param to           recipient of private messages sent with {@code --send}, or null
 * @param sends        texts to send, then exit (non-interactive mode)
 * @param listUsers    print who is online, then exit (non-interactive mode)
 * @param timeoutSeconds how long to wait for each answer of the server
 * @param language     {@code fr} (default) or {@code en}: the language of the client's own texts
 */
record Options(String host, int port, String user, Path passwordFile, boolean register, String guest, String channel,
               String to, List<String> sends, boolean listUsers, int timeoutSeconds, String language) {

    boolean scripted() {
        return !sends.isEmpty() || listUsers;
    }

    /** The first line of the password file; never logged or echoed. */
    String passwordFromFile() throws IOException {
        List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.getFirst().isEmpty()) {
            throw new IOException(Texts.get("error.password_file_empty", passwordFile));
        }
        return lines.getFirst();
    }

    /**
     * The language asked with {@code --lang}, looked up before parsing so that an error in another
     * option is already worded in it; French when absent or invalid.
     */
    static String languageOf(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--lang") && Texts.LANGUAGES.contains(args[i + 1])) {
                return args[i + 1];
            }
        }
        return "fr";
    }
}
