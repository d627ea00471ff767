package io.classcord.bench;

import java.io.PrintStream;
import java.time.Duration;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code classcord-bench}: runs a chat workload against a server and prints one summary line.
 * Exit codes: 0 run complete with nothing lost, 1 messages lost or connections failed, 2 bad usage.
 */
public final class Main {

    static final String USAGE = """
            Usage: classcord-bench [--protocol classcord|irc] [--host H] [--port P] [--workload W1|W2|W2x|W3|W3a|W4]
                                   [--clients N] [--channels C] [--messages M] [--rate R] [--in-flight K]
                                   [--accounts A] [--idle I] [--password PW] [--server-pid PID] [--label NAME]
                                   [--json FILE] [--time-limit SECONDS] [--help] [--version]

              --rate R        messages per second per client (0: as fast as --in-flight allows)
              --server-pid    read the server's RSS and CPU time from /proc/PID
              --json FILE     also write the figures as JSON
            Workloads: W1 30 clients/1 channel/200 messages as fast as possible, 10 in flight;
              W2 500 clients/10 channels/1 message/s for 20 s; W2x 5000 clients/50 channels, same rate;
              W3 2000 guests connecting at once, each joining one of 20 channels;
              W3a 2000 accounts at once, each registering, logging in and joining one of 20 channels;
              W4 10,000 idle connections held. The other options override the workload's figures.
            Exit codes: 0 run complete with nothing lost, 1 messages lost or connections failed, 2 bad usage.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine parser = BenchCommandLine.parser("classcord-bench " + version());
        ParameterException mistake = null;
        try {
            parser.parseArgs(args);
        } catch (ParameterException e) {
            mistake = e;
        }
        // --help or --version wins over any mistake elsewhere on the line.
        if (parser.isUsageHelpRequested()) {
            parser.usage(out);
            return 0;
        }
        if (parser.isVersionHelpRequested()) {
            parser.printVersionHelp(out);
            return 0;
        }
        BenchCommandLine.Settings run;
        try {
            if (mistake != null) {
                throw new IllegalArgumentException(BenchCommandLine.describe(mistake));
            }
            run = parser.<BenchCommandLine>getCommand().settings();
        } catch (IllegalArgumentException e) {
            err.println("classcord-bench: " + e.getMessage());
            err.println("See classcord-bench --help.");
            return 2;
        }
        Driver.Factory factory = run.protocol().equals("irc") ? IrcDriver.factory(run.host(), run.port())
                : JsonDriver.factory(run.host(), run.port());
        try {
            Result result = new Runner(run.workload(), factory, run.label(), run.serverPid(), run.password(),
                    Duration.ofSeconds(run.timeLimitSeconds())).run(err);
            out.println(result.summary());
            if (run.json() != null) {
                result.writeJson(run.json());
            }
            return result.lost() == 0 && result.connectFailures() == 0 ? 0 : 1;
        } catch (Exception e) {
            err.println("classcord-bench: run failed: " + e);
            return 1;
        }
    }

    /** The module's version (set by the build), or {@code dev} when run from classes. */
    static String version() {
        Module module = Main.class.getModule();
        return module.getDescriptor() == null ? "dev" : module.getDescriptor().rawVersion().orElse("dev");
    }
}
