package io.classcord.app.console;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * {@code classcord admin}: the course's administration menu, and one subcommand per action for
 * scripts, on top of the admin HTTP API of the running server ({@code view} also without it, from the
 * database read-only). Its texts come from {@link Messages}, in the language of {@code classcord.locale}.
 */
public final class AdminConsole {

    /**
     * What the console needs from the server's configuration.
     *
     * @param url       the admin API's base URL
     * @param tokenFile the bearer token's file
     * @param database  the SQLite database, read by {@code view} when the API does not answer
     * @param locale    {@code classcord.locale}: fr or en
     */
    public record Target(String url, Path tokenFile, Path database, String locale) {
    }

    private AdminConsole() {
    }

    /**
     * Runs one command, or the menu when {@code args} is empty; returns the exit code.
     *
     * @param configFile the launcher's {@code --config} (before {@code admin}), or null; one given after
     *                   {@code admin} (as {@code classcord-admin --config FILE}) wins
     * @param loader     reads a configuration file (null: the defaults alone) into what the console needs
     */
    public static int run(Path configFile, Function<Path, Target> loader, List<String> args, InputStream in,
                          PrintStream out, PrintStream err) {
        return run(configFile, ConsoleConfig.SERVICE_FILE, loader, args, in, out, err);
    }

    static int run(Path configFile, Path serviceFile, Function<Path, Target> loader, List<String> args, InputStream in,
                   PrintStream out, PrintStream err) {
        ConsoleArguments arguments = ConsoleArguments.read(args);
        Path chosen = arguments.config != null ? arguments.config : configFile;
        Messages texts = Messages.french();
        ConsoleConfig config;
        Target target;
        try {
            config = ConsoleConfig.find(chosen, serviceFile, texts);
            target = load(loader, config, texts);
            texts = language(target, config, texts);
        } catch (ConsoleException e) {
            // Help and version need no configuration: in French when it cannot be read.
            if (arguments.helpAsked() || arguments.version) {
                return helpOrVersion(arguments, texts, out);
            }
            err.println("classcord admin : " + e.getMessage());
            return e.exitCode();
        }
        if (arguments.helpAsked() || arguments.version) {
            return helpOrVersion(arguments, texts, out);
        }
        if (arguments.mistake().isPresent()) {
            ConsoleArguments.Mistake mistake = arguments.mistake().get();
            err.println("classcord admin : " + texts.t(mistake.key(), mistake.argument()));
            if (mistake.showsUsage()) {
                err.print(texts.t("usage"));
            }
            return ConsoleException.USAGE;
        }
        CommandContext context = new CommandContext(texts, out, arguments.json, new ApiSession(target, config, texts));
        ListingCommands listing = new ListingCommands(context, target, config);
        ActionCommands actions = new ActionCommands(context);
        try {
            if (arguments.command().isEmpty()) {
                return new Menu(texts, out, target.url(), listing, actions)
                        .run(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            }
            return new CommandDispatch(texts, listing, actions)
                    .run(arguments.command().get(), arguments.operands(), arguments.query());
        } catch (ConsoleException e) {
            err.println("classcord admin : " + e.getMessage());
            if (e.exitCode() == ConsoleException.USAGE) {
                err.print(texts.t("usage"));
            }
            return e.exitCode();
        }
    }

    private static Target load(Function<Path, Target> loader, ConsoleConfig config, Messages texts) {
        try {
            return loader.apply(config.file());
        } catch (RuntimeException e) {
            throw new ConsoleException(ConsoleException.USAGE, texts.t("config.invalid", config.description(),
                    e.getMessage()));
        }
    }

    private static Messages language(Target target, ConsoleConfig config, Messages texts) {
        try {
            return Messages.of(target.locale());
        } catch (IllegalArgumentException e) {
            throw new ConsoleException(ConsoleException.USAGE, texts.t("config.invalid", config.description(),
                    "classcord.locale : fr | en, pas " + target.locale()));
        }
    }

    private static int helpOrVersion(ConsoleArguments arguments, Messages texts, PrintStream out) {
        out.print(arguments.helpAsked() ? texts.t("usage") : texts.t("version", version()) + System.lineSeparator());
        return 0;
    }

    /** The version the image's module was built with. */
    static String version() {
        var descriptor = AdminConsole.class.getModule().getDescriptor();
        if (descriptor != null && descriptor.rawVersion().isPresent()) {
            return descriptor.rawVersion().get();
        }
        String implementation = AdminConsole.class.getPackage().getImplementationVersion();
        return implementation == null ? "?" : implementation;
    }
}
