package io.classcord.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.classcord.app.console.AdminConsole;
import io.classcord.app.logging.LogSetup;
import io.classcord.settings.InvalidSetting;
import io.classcord.settings.UnknownSetting;
import io.classcord.storage.StorageException;
import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code classcord [--config FILE] [COMMAND]}: runs the server, or one maintenance command.
 * Exit codes: 0 done, 1 failure, 2 bad usage or configuration; {@code admin} adds 3 (server down)
 * and 4 (token refused). An operator's mistake is reported in one or two lines naming the file, key
 * and value; its stack trace goes to debug.log only (when the log directory exists).
 */
public final class Main {

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
        CommandLine parser = LauncherCommandLine.parser();
        ParameterException mistake = null;
        try {
            // Blank arguments are dropped: an empty -Dclasscord.args gives one.
            parser.parseArgs(Arrays.stream(args).filter(arg -> !arg.isBlank()).toArray(String[]::new));
        } catch (ParameterException e) {
            mistake = e;
        }
        Path configFile = parser.<LauncherCommandLine>getCommand().configFile();
        boolean version = asked(parser, CommandLine::isVersionHelpRequested);
        boolean help = asked(parser, CommandLine::isUsageHelpRequested);
        if (version || help || mistake != null) {
            // Need no valid configuration, but speak its language when it can be read.
            Texts texts = textsOf(configFile);
            if (version) {
                out.println(texts.get("version", version()));
                return 0;
            }
            if (help) {
                out.print(texts.get("usage"));
                return 0;
            }
            return usageMistake(mistake, parser, texts, err);
        }
        return switch (requested(parser)) {
            case LauncherCommandLine.Help ignored -> {
                out.print(textsOf(configFile).get("usage"));
                yield 0;
            }
            case LauncherCommandLine.Admin admin -> {
                LogSetup.quietForCommand();
                // The console finds the configuration itself (--config, then the service's file) and
                // reports what it tried, with its own exit codes.
                yield AdminConsole.run(configFile, Main::consoleTarget, admin.operands(), in, out, err);
            }
            case LauncherCommandLine.Configured command -> runConfigured(command, configFile, out, err);
        };
    }

    /** The server or a maintenance command, with its configuration; a mistake in it is exit 2. */
    private static int runConfigured(LauncherCommandLine.Configured command, Path configFile, PrintStream out,
                                     PrintStream err) {
        if (configFile != null && !Files.isReadable(configFile)) {
            Texts texts = textsOf(null);
            err.println(texts.get("config.missing", configFile.toAbsolutePath()
                    + (Files.exists(configFile) ? " (" + texts.get("error.reason.denied") + ")" : "")));
            return 2;
        }
        if (!(command instanceof LauncherCommandLine.Run)) {
            LogSetup.quietForCommand();
        }
        Texts texts = Texts.of(Texts.FRENCH);
        Config config = null;
        try {
            config = ConfigLoader.load(configFile);
            texts = Texts.of(config);
            Settings settings = Settings.from(config);
            return switch (command) {
                case LauncherCommandLine.Run run -> new ServerLauncher(settings, texts).runUntilStopped();
                case LauncherCommandLine.ImportLegacy importing -> Maintenance.importLegacy(settings,
                        importing.courseDatabase(), importing.renames(texts), texts, out, err);
                case LauncherCommandLine.SetRole setRole ->
                        Maintenance.setRole(settings, setRole.user(), setRole.role(), texts, out, err);
                case LauncherCommandLine.Backup backup ->
                        BackupCommand.of(settings, backup.dest(), backup.keep(), texts).run(out, err);
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

    /** The command picocli matched, {@code run} if none. */
    private static LauncherCommandLine.Request requested(CommandLine parser) {
        CommandLine command = parser;
        while (command.getParseResult() != null && command.getParseResult().subcommand() != null) {
            command = command.getParseResult().subcommand().commandSpec().commandLine();
        }
        return command.getCommand() instanceof LauncherCommandLine.Request request ? request
                : new LauncherCommandLine.Run();
    }

    /** Whether the launcher or its command saw that option, even on a line with a mistake elsewhere. */
    private static boolean asked(CommandLine parser, Predicate<CommandLine> option) {
        return option.test(parser) || parser.getSubcommands().values().stream().anyMatch(option);
    }

    /** Exit 2 with picocli's complaint in the operator's words, and the usage where it helps. */
    private static int usageMistake(ParameterException mistake, CommandLine parser, Texts texts, PrintStream err) {
        if (mistake instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().getFirst();
            err.println(mistake.getCommandLine() == parser ? texts.get("unknown.command", first)
                    : texts.get("unexpected.argument", first));
        } else if (mistake instanceof MissingParameterException missing
                && missing.getMissing().getFirst() instanceof OptionSpec option) {
            err.println(texts.get("bad.usage", option.longestName().equals("--config") ? texts.get("config.needs.file")
                    : texts.get("needs.value", option.longestName())));
            return 2;
        } else if (!(mistake instanceof MissingParameterException)) {
            // A value of the wrong type: the only typed option is backup's --keep, a number.
            err.println(texts.get("bad.usage", mistake.getArgSpec() instanceof OptionSpec option && mistake.getValue() != null
                    ? texts.get("needs.number", option.longestName(), mistake.getValue()) : mistake.getMessage()));
            return 2;
        }
        err.print(texts.get("usage"));
        return 2;
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
}
