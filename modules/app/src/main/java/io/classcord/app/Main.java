package io.classcord.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.classcord.app.console.AdminConsole;
import io.helidon.config.Config;

/**
 * {@code classcord [--config FILE] [COMMAND]}: runs the server, or one maintenance command.
 * Exit codes: 0 done, 1 failure, 2 bad usage; {@code admin} adds 3 (server down) and 4 (token refused).
 */
public final class Main {

    static final String USAGE = """
            Usage: classcord [--config FILE] [COMMAND]

            Commands:
              run                      run the chat server (the default)
              import-legacy DB         import users and messages from a course database (SQLite)
              set-role USER ROLE       give an account the role 'user' or 'admin'
              admin [COMMAND]          the administration console of the running server
                                       (classcord admin help lists its commands)
              backup [--dest DIR] [--keep N]
                                       checked online copy of the database into DIR, keeping the N newest
              help                     show this text

            Configuration: the built-in application.yaml, then FILE, then CLASSCORD_* environment
            variables (e.g. CLASSCORD_CHAT_PORT=12346), each overriding the previous.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Path configFile = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--config")) {
                if (i + 1 == args.length) {
                    err.println("--config needs a file name");
                    return 2;
                }
                configFile = Path.of(args[++i]);
            } else if (arg.startsWith("--config=")) {
                configFile = Path.of(arg.substring("--config=".length()));
            } else if (!arg.isBlank()) {
                rest.add(arg);
            }
        }
        String command = rest.isEmpty() ? "run" : rest.getFirst();
        List<String> operands = rest.isEmpty() ? List.of() : rest.subList(1, rest.size());
        try {
            return switch (command) {
                case "run" -> operands.isEmpty() ? new ServerLauncher(load(configFile)).runUntilStopped() : usage(err);
                case "import-legacy" -> operands.size() == 1
                        ? Maintenance.importLegacy(load(configFile), Path.of(operands.getFirst()), out) : usage(err);
                case "set-role" -> operands.size() == 2
                        ? Maintenance.setRole(load(configFile), operands.get(0), operands.get(1), out, err) : usage(err);
                // The console finds the configuration itself (--config, then the service's file) and
                // reports what it tried; it only needs this loader.
                case "admin" -> AdminConsole.run(configFile, Main::consoleTarget, operands, in, out, err);
                case "backup" -> backup(configFile, operands, out, err);
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> usage(err);
            };
        } catch (IllegalArgumentException e) {
            err.println("classcord: " + e.getMessage());
            return 2;
        }
    }

    private static Settings load(Path configFile) {
        return Settings.from(ConfigLoader.load(configFile));
    }

    private static AdminConsole.Target consoleTarget(Path configFile) {
        Config config = ConfigLoader.load(configFile);
        Settings settings = Settings.from(config);
        return new AdminConsole.Target(settings.adminUrl(), settings.admin().tokenFile(), settings.store().file(),
                config.get("classcord.locale").asString().orElse("fr"));
    }

    private static int backup(Path configFile, List<String> operands, PrintStream out, PrintStream err) {
        Config config = ConfigLoader.load(configFile);
        return BackupCommand.parse(config, Settings.from(config), operands).run(out, err);
    }

    private static int usage(PrintStream err) {
        err.print(USAGE);
        return 2;
    }
}
