package io.classcord.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.classcord.app.console.AdminConsole;
import io.classcord.app.logging.LogSetup;
import io.classcord.settings.InvalidSetting;
import io.classcord.settings.UnknownSetting;
import io.classcord.storage.StorageException;
import io.helidon.config.Config;
import io.helidon.config.ConfigException;

/**
 * {@code classcord [--config FILE] [COMMAND]}: runs the server, or one maintenance command.
 * Exit codes: 0 done, 1 failure, 2 bad usage or configuration; {@code admin} adds 3 (server down)
 * and 4 (token refused). An operator's mistake is reported in one or two lines naming the file, key
 * and value; its stack trace goes to debug.log only (when the log directory exists).
 */
public final class Main {

    private static final List<String> COMMANDS = List.of("run", "import-legacy", "set-role", "admin", "backup", "help");
    private static final Pattern YAML_MARK = Pattern.compile("line (\\d+), column (\\d+)");

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
        boolean help = false;
        boolean version = false;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            boolean console = !rest.isEmpty() && rest.getFirst().equals("admin");
            if (arg.equals("--config")) {
                if (i + 1 == args.length) {
                    err.println(Texts.of(Texts.FRENCH).get("bad.usage", Texts.of(Texts.FRENCH).get("config.needs.file")));
                    return 2;
                }
                configFile = Path.of(args[++i]);
            } else if (arg.startsWith("--config=")) {
                configFile = Path.of(arg.substring("--config=".length()));
            } else if (!console && (arg.equals("--help") || arg.equals("-h"))) {
                help = true;
            } else if (!console && (arg.equals("--version") || arg.equals("-V"))) {
                version = true;
            } else if (!arg.isBlank()) {
                rest.add(arg);
            }
        }
        String command = rest.isEmpty() ? "run" : rest.getFirst();
        List<String> operands = rest.isEmpty() ? List.of() : rest.subList(1, rest.size());
        if (version || help || !COMMANDS.contains(command) || command.equals("help")) {
            // Need no valid configuration, but speak its language when it can be read.
            Texts texts = textsOf(configFile);
            if (version) {
                out.println(texts.get("version", version()));
                return 0;
            }
            if (help || command.equals("help")) {
                out.print(texts.get("usage"));
                return 0;
            }
            err.println(texts.get("unknown.command", command));
            err.print(texts.get("usage"));
            return 2;
        }
        if (command.equals("admin")) {
            LogSetup.quietForCommand();
            // The console finds the configuration itself (--config, then the service's file) and
            // reports what it tried, with its own exit codes.
            return AdminConsole.run(configFile, Main::consoleTarget, operands, in, out, err);
        }
        if (configFile != null && !Files.isReadable(configFile)) {
            Texts texts = textsOf(null);
            err.println(texts.get("config.missing", configFile.toAbsolutePath()
                    + (Files.exists(configFile) ? " (" + texts.get("error.reason.denied") + ")" : "")));
            return 2;
        }
        if (!command.equals("run")) {
            LogSetup.quietForCommand();
        }
        Texts texts = Texts.of(Texts.FRENCH);
        Config config = null;
        try {
            config = ConfigLoader.load(configFile);
            texts = Texts.of(config);
            Settings settings = Settings.from(config);
            return switch (command) {
                case "run" -> operands.isEmpty() ? new ServerLauncher(settings, texts).runUntilStopped()
                        : usage(texts, err);
                case "import-legacy" -> operands.isEmpty() ? usage(texts, err)
                        : Maintenance.importLegacy(settings, operands, texts, out, err);
                case "set-role" -> operands.size() == 2
                        ? Maintenance.setRole(settings, operands.get(0), operands.get(1), texts, out, err) : usage(texts, err);
                case "backup" -> BackupCommand.parse(settings, operands).run(out, err);
                default -> usage(texts, err);
            };
        } catch (InvalidSetting e) {
            DebugLog.append(config, e);
            err.println(texts.get("config.value", where(configFile, e.key(), texts), e.key(), e.value(),
                    texts.get(e.expected(), e.arguments().stream().map(String::valueOf).toArray())));
            return 2;
        } catch (UnknownSetting e) {
            DebugLog.append(config, e);
            err.println(unknownKey(e, configFile, texts));
            return 2;
        } catch (ConfigException e) {
            DebugLog.append(config, e);
            err.println(configProblem(e, configFile, texts));
            return 2;
        } catch (StorageException e) {
            DebugLog.append(config, e);
            err.println(texts.get("bad.usage", Problems.describe(e)));
            return 1;
        } catch (IllegalArgumentException e) {
            DebugLog.append(config, e);
            err.println(texts.get("bad.usage", e.getMessage()));
            return 2;
        }
    }

    private static Texts textsOf(Path configFile) {
        try {
            return Texts.of(ConfigLoader.load(configFile != null && Files.isReadable(configFile) ? configFile : null));
        } catch (RuntimeException e) {
            return Texts.of(Texts.FRENCH);
        }
    }

    /** What the console needs of a configuration file; it finds the file and reports what it tried. */
    private static AdminConsole.Target consoleTarget(Path configFile) {
        Config config = ConfigLoader.load(configFile);
        Settings settings = Settings.from(config);
        return new AdminConsole.Target(settings.adminUrl(), settings.admin().tokenFile(), settings.store().file(),
                settings.locale().getLanguage());
    }

    static String version() {
        return Main.class.getModule().getDescriptor() != null
                ? Main.class.getModule().getDescriptor().rawVersion().orElse("?")
                : java.util.Objects.requireNonNullElse(Main.class.getPackage().getImplementationVersion(), "?");
    }

    private static String where(Path configFile, Texts texts) {
        return configFile == null ? "" : texts.get("config.where.file", configFile);
    }

    /** One line: the key, the closest known one, and every key its section may hold. */
    private static String unknownKey(UnknownSetting e, Path configFile, Texts texts) {
        String suggestion = e.suggestion().map(known -> texts.get("config.suggestion", known)).orElse("");
        return texts.get("config.unknown", where(configFile, e.key(), texts), e.key(), suggestion, e.section(),
                String.join(", ", e.knownKeys()));
    }

    /** Where {@code key} was set: the environment variable that sets it, else the file, if any. */
    private static String where(Path configFile, String key, Texts texts) {
        return ConfigLoader.environmentVariable(key).map(variable -> texts.get("config.where.env", variable))
                .orElseGet(() -> where(configFile, texts));
    }

    /** A YAML syntax error: the file, the line and column, and the parser's first line; else Helidon's first line. */
    private static String configProblem(ConfigException e, Path configFile, Texts texts) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root != e && configFile != null) {
            // SnakeYAML: "while parsing ... in 'reader', line 2, column 3: ... PROBLEM in 'reader', line 4, column 4:".
            // The last mark is where the problem is; the line before it says what it is.
            List<String> lines = message.lines().toList();
            String line = "";
            String problem = lines.isEmpty() ? "" : lines.getFirst().strip();
            for (int i = lines.size() - 1; i >= 0; i--) {
                Matcher mark = YAML_MARK.matcher(lines.get(i));
                if (mark.find()) {
                    line = texts.get("config.line", mark.group(1), mark.group(2));
                    if (i > 0) {
                        problem = lines.get(i - 1).strip();
                    }
                    break;
                }
            }
            return texts.get("config.syntax", configFile, line, problem);
        }
        return texts.get("config.other", where(configFile, texts), message.lines().findFirst().orElse("").strip());
    }

    private static int usage(Texts texts, PrintStream err) {
        err.print(texts.get("usage"));
        return 2;
    }
}
