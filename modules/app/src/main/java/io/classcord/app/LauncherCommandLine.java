package io.classcord.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * The command line of {@code classcord} as picocli reads it: {@code [--config FILE] [COMMAND]}, one
 * class per command. {@link Main} runs what it asks; the usage is the launcher's own text (see
 * {@link Texts}), in the configured language.
 */
@Command(name = "classcord", subcommands = {
        LauncherCommandLine.Run.class, LauncherCommandLine.ImportLegacy.class, LauncherCommandLine.SetRole.class,
        LauncherCommandLine.Admin.class, LauncherCommandLine.Backup.class, LauncherCommandLine.Help.class})
final class LauncherCommandLine {

    // Anywhere on the line, after the command too (the admin console's arguments included).
    @Option(names = "--config", scope = ScopeType.INHERIT)
    private Path configFile;

    @Mixin
    private HelpOptions helpOptions;

    static CommandLine parser() {
        CommandLine parser = new CommandLine(new LauncherCommandLine())
                // As before picocli: a repeated --config keeps the last one, "@name" is not a file of arguments.
                .setOverwrittenOptionsAllowed(true)
                .setExpandAtFiles(false);
        // The console reads its own options (--help, --csv...): everything but --config is its operand.
        parser.getSubcommands().get("admin").setUnmatchedOptionsArePositionalParams(true);
        return parser;
    }

    /** The {@code --config} file, or null for the built-in configuration. */
    Path configFile() {
        return configFile;
    }

    /** What the command line asks for; {@code run} when it names no command. */
    sealed interface Request permits Configured, Admin, Help {
    }

    /** The server and the maintenance commands: they load the configuration and open the database. */
    sealed interface Configured extends Request permits Run, ImportLegacy, SetRole, Backup {
    }

    /** {@code --help} and {@code --version} on the launcher and on each command but {@code admin}. */
    static final class HelpOptions {
        @Option(names = {"-h", "--help"}, usageHelp = true)
        private boolean help;
        @Option(names = {"-V", "--version"}, versionHelp = true)
        private boolean version;
    }

    @Command(name = "run")
    static final class Run implements Configured {
        @Mixin
        private HelpOptions helpOptions;
    }

    @Command(name = "import-legacy")
    static final class ImportLegacy implements Configured {
        @Mixin
        private HelpOptions helpOptions;
        @Parameters(index = "0")
        private Path courseDatabase;
        @Option(names = "--rename")
        private List<String> renames = new ArrayList<>();

        Path courseDatabase() {
            return courseDatabase;
        }

        /** OLD=NEW pairs, in the order given; throws IllegalArgumentException (for the operator) on another form. */
        Map<String, String> renames(Texts texts) {
            Map<String, String> pairs = new LinkedHashMap<>();
            for (String pair : renames) {
                int equals = pair.indexOf('=');
                if (equals <= 0 || equals == pair.length() - 1) {
                    throw new IllegalArgumentException(texts.get("rename.syntax", pair));
                }
                pairs.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
            return pairs;
        }
    }

    @Command(name = "set-role")
    static final class SetRole implements Configured {
        @Mixin
        private HelpOptions helpOptions;
        @Parameters(index = "0")
        private String user;
        @Parameters(index = "1")
        private String role;

        String user() {
            return user;
        }

        String role() {
            return role;
        }
    }

    @Command(name = "admin")
    static final class Admin implements Request {
        @Parameters
        private List<String> operands = new ArrayList<>();

        List<String> operands() {
            return List.copyOf(operands);
        }
    }

    @Command(name = "backup")
    static final class Backup implements Configured {
        @Mixin
        private HelpOptions helpOptions;
        // Null: classcord.backup.dir / keep from the configuration.
        @Option(names = "--dest")
        private Path dest;
        @Option(names = "--keep")
        private Integer keep;

        Path dest() {
            return dest;
        }

        Integer keep() {
            return keep;
        }
    }

    @Command(name = "help")
    static final class Help implements Request {
        @Mixin
        private HelpOptions helpOptions;
        // "help COMMAND" shows the same text: there is one usage for every command.
        @Parameters
        private List<String> topics = new ArrayList<>();
    }
}
