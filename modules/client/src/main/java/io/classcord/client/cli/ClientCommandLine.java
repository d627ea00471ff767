package io.classcord.client.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line of {@code classcord-client} as picocli reads it. Picocli fills the fields;
 * {@link #options()} checks what annotations cannot say (options that exclude or need each other,
 * ranges). The usage and the errors are the client's own texts, in its language (see {@link Texts}).
 */
@Command(name = "classcord-client")
final class ClientCommandLine {

    @Option(names = {"-h", "--help"}, usageHelp = true)
    private boolean help;
    @Option(names = {"-V", "--version"}, versionHelp = true)
    private boolean version;
    @Option(names = "--host")
    private String host = "127.0.0.1";
    @Option(names = "--port")
    private int port = 12345;
    @Option(names = "--user")
    private String user;
    @Option(names = "--password-file")
    private Path passwordFile;
    @Option(names = "--register")
    private boolean register;
    @Option(names = "--guest")
    private String guest;
    @Option(names = "--channel")
    private String channel;
    @Option(names = "--to")
    private String to;
    @Option(names = "--send")
    private List<String> sends = new ArrayList<>();
    @Option(names = "--users")
    private boolean users;
    @Option(names = "--timeout")
    private int timeoutSeconds = 10;
    @Option(names = "--lang")
    private String language = "fr";

    /** A parser for one command line, printing {@code usage} as its help and {@code version} as its version. */
    static CommandLine parser(String usage, String version) {
        CommandLine parser = new CommandLine(new ClientCommandLine())
                // As before picocli: a repeated option keeps its last value, and "@name" is a text, not a file to expand.
                .setOverwrittenOptionsAllowed(true)
                .setExpandAtFiles(false);
        parser.getCommandSpec().version(version);
        parser.setHelpSectionKeys(List.of("usage"));
        parser.getHelpSectionMap().put("usage", help -> usage);
        return parser;
    }

    /** The options after a successful parse; throws IllegalArgumentException (its message for people) if they clash. */
    Options options() {
        if (!Texts.LANGUAGES.contains(language)) {
            throw new IllegalArgumentException(Texts.get("error.lang", language));
        }
        if (user != null && guest != null) {
            throw new IllegalArgumentException(Texts.get("error.user_and_guest"));
        }
        if (register && user == null) {
            throw new IllegalArgumentException(Texts.get("error.register_needs_user"));
        }
        if (port < 1 || port > 65535 || timeoutSeconds < 1) {
            throw new IllegalArgumentException(Texts.get("error.port_timeout"));
        }
        return new Options(host, port, user, passwordFile, register, guest, channel, to, List.copyOf(sends), users,
                timeoutSeconds, language);
    }

    /** Picocli's complaint in the client's words. */
    static String describe(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            return Texts.get("error.unknown_option", unmatched.getUnmatched().getFirst());
        }
        if (e instanceof MissingParameterException missing && missing.getMissing().getFirst() instanceof OptionSpec option) {
            return Texts.get("error.needs_value", option.longestName());
        }
        if (e.getArgSpec() instanceof OptionSpec option && e.getValue() != null) {
            // The only typed options are numbers (--port, --timeout).
            return Texts.get("error.needs_number", option.longestName(), e.getValue());
        }
        return e.getMessage();
    }
}
