package io.classcord.app.console;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/**
 * The console's command line, read by picocli: options anywhere, then a command and its operands.
 * Reading never fails: a mistake is kept, to be told once the configuration has chosen the language.
 */
@Command(name = "classcord-admin")
final class ConsoleArguments {

    @Option(names = "--config")
    Path config;

    @Option(names = {"--help", "-h"})
    boolean help;

    @Option(names = {"--version", "-V"})
    boolean version;

    @Option(names = "--json")
    boolean json;

    @Option(names = "--channel")
    String channel;

    @Option(names = "--user")
    String user;

    @Option(names = "--from")
    String from;

    @Option(names = "--to")
    String to;

    @Option(names = "--limit")
    String limit;

    @Option(names = "--offset")
    String offset;

    @Option(names = "--search")
    String search;

    @Parameters
    List<String> words = new ArrayList<>();

    /** A mistake on the command line: the text's key in {@link Messages} and its argument. */
    record Mistake(String key, String argument) {

        /** Whether the usage text follows the message. */
        boolean showsUsage() {
            return key.equals("option.unknown");
        }
    }

    private Mistake mistake;

    static ConsoleArguments read(List<String> args) {
        ConsoleArguments arguments = new ConsoleArguments();
        CommandLine line = new CommandLine(arguments)
                // An unknown --option is told below; "-5 points" stays an operand (an alert's text).
                .setUnmatchedOptionsArePositionalParams(true)
                .setOverwrittenOptionsAllowed(true);
        try {
            line.parseArgs(args.toArray(String[]::new));
        } catch (MissingParameterException e) {
            arguments.mistake = new Mistake("option.needs.value", optionName(e.getMissing()));
        } catch (ParameterException e) {
            arguments.mistake = new Mistake("option.unknown", e.getValue() == null ? e.getMessage() : e.getValue());
        }
        if (arguments.mistake == null) {
            arguments.words.stream().filter(w -> w.startsWith("--") && !w.equals("--")).findFirst()
                    .ifPresent(w -> arguments.mistake = new Mistake("option.unknown", w));
        }
        return arguments;
    }

    private static String optionName(List<ArgSpec> missing) {
        return missing.stream().filter(OptionSpec.class::isInstance).map(s -> ((OptionSpec) s).longestName())
                .findFirst().orElse("?");
    }

    Optional<Mistake> mistake() {
        return Optional.ofNullable(mistake);
    }

    /** Help asked with --help, -h, or {@code help} as the command. */
    boolean helpAsked() {
        return help || (!words.isEmpty() && words.getFirst().equals("help"));
    }

    /** The command, or empty for the menu. */
    Optional<String> command() {
        return words.isEmpty() ? Optional.empty() : Optional.of(words.getFirst());
    }

    List<String> operands() {
        return words.isEmpty() ? List.of() : words.subList(1, words.size());
    }

    /** The query options given, by their API parameter name (--search gives search). */
    Map<String, String> query() {
        Map<String, String> query = new TreeMap<>();
        put(query, "search", search);
        put(query, "channel", channel);
        put(query, "user", user);
        put(query, "from", from);
        put(query, "to", to);
        put(query, "limit", limit);
        put(query, "offset", offset);
        return query;
    }

    private static void put(Map<String, String> query, String name, String value) {
        if (value != null) {
            query.put(name, value);
        }
    }
}
