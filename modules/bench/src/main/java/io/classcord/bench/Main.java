package io.classcord.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code classcord-bench}: runs a chat workload against a server and prints one summary line.
 * Exit codes: 0 run complete with nothing lost, 1 messages lost or connections failed, 2 bad usage.
 */
public final class Main {

    static final String USAGE = """
            Usage: classcord-bench [--protocol classcord|irc] [--host H] [--port P] [--workload W1|W2|W2x|W3|W4]
                                   [--clients N] [--channels C] [--messages M] [--rate R] [--in-flight K]
                                   [--accounts A] [--idle I] [--password PW] [--server-pid PID] [--label NAME]
                                   [--json FILE] [--time-limit SECONDS] [--help] [--version]

              --rate R        messages per second per client (0: as fast as --in-flight allows)
              --server-pid    read the server's RSS and CPU time from /proc/PID
              --json FILE     also write the figures as JSON
            Workloads: W1 30 clients/1 channel/200 messages as fast as possible, 10 in flight;
              W2 500 clients/10 channels/1 message/s for 20 s; W2x 5000 clients/50 channels, same rate;
              W3 2000 guests connecting at once, then 200 accounts registering and logging in;
              W4 10,000 idle connections held. Options after --workload override its figures.
            Exit codes: 0 run complete with nothing lost, 1 messages lost or connections failed, 2 bad usage.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String protocol = "classcord";
        String host = "127.0.0.1";
        int port = -1;
        Workload w = Workload.preset("W1");
        String password = "bench-Password-1";
        long pid = 0;
        String label = null;
        Path json = null;
        int timeLimit = 300;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--protocol" -> protocol = value(args, ++i, arg);
                    case "--host" -> host = value(args, ++i, arg);
                    case "--port" -> port = Integer.parseInt(value(args, ++i, arg));
                    case "--workload" -> w = Workload.preset(value(args, ++i, arg));
                    case "--clients" -> w = new Workload(w.name(), Integer.parseInt(value(args, ++i, arg)), w.channels(),
                            w.messages(), w.rate(), w.inFlight(), w.accounts(), w.idle());
                    case "--channels" -> w = new Workload(w.name(), w.clients(), Integer.parseInt(value(args, ++i, arg)),
                            w.messages(), w.rate(), w.inFlight(), w.accounts(), w.idle());
                    case "--messages" -> w = new Workload(w.name(), w.clients(), w.channels(),
                            Integer.parseInt(value(args, ++i, arg)), w.rate(), w.inFlight(), w.accounts(), w.idle());
                    case "--rate" -> w = new Workload(w.name(), w.clients(), w.channels(), w.messages(),
                            Double.parseDouble(value(args, ++i, arg)), w.inFlight(), w.accounts(), w.idle());
                    case "--in-flight" -> w = new Workload(w.name(), w.clients(), w.channels(), w.messages(), w.rate(),
                            Integer.parseInt(value(args, ++i, arg)), w.accounts(), w.idle());
                    case "--accounts" -> w = new Workload(w.name(), w.clients(), w.channels(), w.messages(), w.rate(),
                            w.inFlight(), Integer.parseInt(value(args, ++i, arg)), w.idle());
                    case "--idle" -> w = new Workload(w.name(), w.clients(), w.channels(), w.messages(), w.rate(),
                            w.inFlight(), w.accounts(), Integer.parseInt(value(args, ++i, arg)));
                    case "--password" -> password = value(args, ++i, arg);
                    case "--server-pid" -> pid = Long.parseLong(value(args, ++i, arg));
                    case "--label" -> label = value(args, ++i, arg);
                    case "--json" -> json = Path.of(value(args, ++i, arg));
                    case "--time-limit" -> timeLimit = Integer.parseInt(value(args, ++i, arg));
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    case "--version", "-V" -> {
                        out.println("classcord-bench " + version());
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option: " + arg);
                }
            }
            if (!protocol.equals("classcord") && !protocol.equals("irc")) {
                throw new IllegalArgumentException("--protocol must be classcord or irc");
            }
            if (protocol.equals("irc") && w.accounts() > 0) {
                throw new IllegalArgumentException("IRC has no accounts: use --accounts 0 with --protocol irc");
            }
        } catch (IllegalArgumentException e) {
            err.println("classcord-bench: " + e.getMessage());
            err.println("See classcord-bench --help.");
            return 2;
        }
        if (port < 0) {
            port = protocol.equals("irc") ? 6667 : 12345;
        }
        Driver.Factory factory = protocol.equals("irc") ? IrcDriver.factory(host, port) : JsonDriver.factory(host, port);
        try {
            Result result = new Runner(w, factory, label != null ? label : protocol, pid, password,
                    Duration.ofSeconds(timeLimit)).run(err);
            out.println(result.summary());
            if (json != null) {
                result.writeJson(json);
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

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
