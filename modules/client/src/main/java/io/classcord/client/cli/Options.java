package io.classcord.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code classcord-client}.
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

    /** The usage text, in the current language (see {@link Texts}). */
    static String usage() {
        return Texts.get("usage");
    }

    boolean scripted() {
        return !sends.isEmpty() || listUsers;
    }

    static Options parse(String[] args) {
        String host = "127.0.0.1";
        int port = 12345;
        String user = null;
        Path passwordFile = null;
        boolean register = false;
        String guest = null;
        String channel = null;
        String to = null;
        List<String> sends = new ArrayList<>();
        boolean users = false;
        int timeout = 10;
        String language = "fr";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--host" -> host = value(args, ++i, arg);
                case "--port" -> port = number(value(args, ++i, arg), arg);
                case "--user" -> user = value(args, ++i, arg);
                case "--password-file" -> passwordFile = Path.of(value(args, ++i, arg));
                case "--register" -> register = true;
                case "--guest" -> guest = value(args, ++i, arg);
                case "--channel" -> channel = value(args, ++i, arg);
                case "--to" -> to = value(args, ++i, arg);
                case "--send" -> sends.add(value(args, ++i, arg));
                case "--users" -> users = true;
                case "--timeout" -> timeout = number(value(args, ++i, arg), arg);
                case "--lang" -> language = language(value(args, ++i, arg));
                default -> throw new IllegalArgumentException(Texts.get("error.unknown_option", arg));
            }
        }
        if (user != null && guest != null) {
            throw new IllegalArgumentException(Texts.get("error.user_and_guest"));
        }
        if (register && user == null) {
            throw new IllegalArgumentException(Texts.get("error.register_needs_user"));
        }
        if (port < 1 || port > 65535 || timeout < 1) {
            throw new IllegalArgumentException(Texts.get("error.port_timeout"));
        }
        return new Options(host, port, user, passwordFile, register, guest, channel, to, List.copyOf(sends), users,
                timeout, language);
    }

    /** The first line of the password file; never logged or echoed. */
    String passwordFromFile() throws IOException {
        List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.getFirst().isEmpty()) {
            throw new IOException(Texts.get("error.password_file_empty", passwordFile));
        }
        return lines.getFirst();
    }

    private static String language(String value) {
        if (!Texts.LANGUAGES.contains(value)) {
            throw new IllegalArgumentException(Texts.get("error.lang", value));
        }
        return value;
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

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(Texts.get("error.needs_value", option));
        }
        return args[index];
    }

    private static int number(String text, String option) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Texts.get("error.needs_number", option, text));
        }
    }
}
