package io.classcord.bench;

import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line of {@code classcord-bench} as picocli reads it: a workload preset, figures that
 * override it, and where to run it. The usage is {@link Main#USAGE}, written by hand to explain the
 * workloads.
 */
@Command(name = "classcord-bench")
final class BenchCommandLine {

    @Option(names = {"-h", "--help"}, usageHelp = true)
    private boolean help;
    @Option(names = {"-V", "--version"}, versionHelp = true)
    private boolean version;
    @Option(names = "--protocol")
    private String protocol = "classcord";
    @Option(names = "--host")
    private String host = "127.0.0.1";
    /** Null: the protocol's usual port. */
    @Option(names = "--port")
    private Integer port;
    @Option(names = "--workload")
    private String workload = "W1";
    // Null: the workload's own figure.
    @Option(names = "--clients")
    private Integer clients;
    @Option(names = "--channels")
    private Integer channels;
    @Option(names = "--messages")
    private Integer messages;
    @Option(names = "--rate")
    private Double rate;
    @Option(names = "--in-flight")
    private Integer inFlight;
    @Option(names = "--accounts")
    private Integer accounts;
    @Option(names = "--idle")
    private Integer idle;
    @Option(names = "--password")
    private String password = "bench-Password-1";
    @Option(names = "--server-pid")
    private long serverPid;
    @Option(names = "--label")
    private String label;
    @Option(names = "--json")
    private Path json;
    @Option(names = "--time-limit")
    private int timeLimitSeconds = 300;

    /** What one run does and where. */
    record Settings(String protocol, String host, int port, Workload workload, String password, long serverPid,
                    String label, Path json, int timeLimitSeconds) {
    }

    static CommandLine parser(String version) {
        CommandLine parser = new CommandLine(new BenchCommandLine())
                // A repeated option keeps its last value; "@name" is a value, not a file of arguments.
                .setOverwrittenOptionsAllowed(true)
                .setExpandAtFiles(false);
        parser.getCommandSpec().version(version);
        parser.setHelpSectionKeys(List.of("usage"));
        parser.getHelpSectionMap().put("usage", help -> Main.USAGE);
        return parser;
    }

    /** The run's settings after a successful parse; throws IllegalArgumentException if they make no sense. */
    Settings settings() {
        if (!protocol.equals("classcord") && !protocol.equals("irc")) {
            throw new IllegalArgumentException("--protocol must be classcord or irc");
        }
        Workload preset = Workload.preset(workload);
        Workload w = new Workload(preset.name(), or(clients, preset.clients()), or(channels, preset.channels()),
                or(messages, preset.messages()), rate != null ? rate : preset.rate(), or(inFlight, preset.inFlight()),
                or(accounts, preset.accounts()), or(idle, preset.idle()));
        if (protocol.equals("irc") && w.accounts() > 0) {
            throw new IllegalArgumentException("IRC has no accounts: use --accounts 0 with --protocol irc");
        }
        int chosenPort = port != null ? port : protocol.equals("irc") ? 6667 : 12345;
        return new Settings(protocol, host, chosenPort, w, password, serverPid, label != null ? label : protocol, json,
                timeLimitSeconds);
    }

    private static int or(Integer asked, int preset) {
        return asked != null ? asked : preset;
    }

    /** Picocli's complaint in the words classcord-bench has always used. */
    static String describe(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            return "unknown option: " + unmatched.getUnmatched().getFirst();
        }
        if (e instanceof MissingParameterException missing && missing.getMissing().getFirst() instanceof OptionSpec option) {
            return option.longestName() + " needs a value";
        }
        if (e.getArgSpec() instanceof OptionSpec option && e.getValue() != null) {
            return option.longestName() + " needs a number, not '" + e.getValue() + "'";
        }
        return e.getMessage();
    }
}
