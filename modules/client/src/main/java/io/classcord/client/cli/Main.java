package io.classcord.client.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Duration;

import io.classcord.client.ChatClient;
import io.classcord.protocol.ClientFrame;
import io.classcord.protocol.ErrorCode;
import io.classcord.protocol.ServerFrame;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code classcord-client}: the course's {@code test_client.py}, done properly. Interactive by default;
 * with {@code --send} or {@code --users} it does that and exits with a code scripts can test.
 */
public final class Main {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;
    /** Interactive mode only: the server closed the connection (it stopped, or kicked this client). */
    static final int CLOSED_BY_SERVER = 4;

    private Main() {
    }

    public static void main(String[] args) {
        Charset charset = terminalCharset();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, charset);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, charset);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, charset));
        System.exit(run(args, in, out, err));
    }

    /** Non-ASCII names and text must show as typed: write in the terminal's own charset. */
    private static Charset terminalCharset() {
        Console console = System.console();
        if (console != null) {
            return console.charset();
        }
        String encoding = System.getProperty("stdout.encoding");
        return encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
    }

    static int run(String[] args, BufferedReader in, PrintStream out, PrintStream err) {
        Texts.use(Options.languageOf(args));
        CommandLine parser = ClientCommandLine.parser(Texts.get("usage"), "classcord-client " + version());
        ParameterException mistake = null;
        try {
            parser.parseArgs(args);
        } catch (ParameterException e) {
            mistake = e;
        }
        // --help or --version wins over any mistake elsewhere on the line.
        if (parser.isUsageHelpRequested()) {
            parser.usage(out);
            return OK;
        }
        if (parser.isVersionHelpRequested()) {
            parser.printVersionHelp(out);
            return OK;
        }
        if (mistake != null) {
            return usageError(ClientCommandLine.describe(mistake), err);
        }
        Options options;
        try {
            options = parser.<ClientCommandLine>getCommand().options();
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage(), err);
        }
        Duration timeout = Duration.ofSeconds(options.timeoutSeconds());
        ChatClient client;
        try {
            client = ChatClient.connect(options.host(), options.port(), timeout);
        } catch (IOException e) {
            err.println("classcord-client: " + Texts.get("cannot_connect", options.host(), options.port(), e.getMessage()));
            return UNREACHABLE;
        }
        try (client) {
            TerminalSession session = new TerminalSession(client, options, timeout, in, out, err);
            int identified = session.identify();
            if (identified != OK) {
                return identified;
            }
            return options.scripted() ? session.runScript() : session.runInteractive();
        } catch (IOException e) {
            err.println("classcord-client: " + Texts.get("connection_lost", e.getMessage()));
            return UNREACHABLE;
        }
    }

    private static int usageError(String problem, PrintStream err) {
        err.println("classcord-client: " + problem);
        err.println(Texts.get("error.see_help"));
        return USAGE;
    }

    /** The module's version (set by the build), or {@code dev} when run from classes. */
    static String version() {
        return Main.class.getModule().getDescriptor() == null ? "dev"
                : Main.class.getModule().getDescriptor().rawVersion().orElse("dev");
    }

    /** The password from the file, else asked on the terminal without echo, else read from standard input. */
    static String password(Options options, String user, BufferedReader in, PrintStream err) throws IOException {
        if (options.passwordFile() != null) {
            return options.passwordFromFile();
        }
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("%s", Texts.get("password_prompt", user));
            return typed == null ? "" : new String(typed);
        }
        err.print(Texts.get("password_prompt", user));
        err.flush();
        String line = in.readLine();
        return line == null ? "" : line;
    }

    static boolean isError(ServerFrame frame) {
        return frame instanceof ServerFrame.ErrorReply;
    }

    static boolean isNameTaken(ServerFrame frame) {
        return frame instanceof ServerFrame.ErrorReply(ErrorCode code, String message)
                && (code == ErrorCode.NAME_TAKEN || (message != null && message.contains("already exists")));
    }

    static ClientFrame.ChatMessage chat(String from, String to, String channel, String text) {
        return to == null ? new ClientFrame.ChatMessage(null, null, from, text, channel)
                : new ClientFrame.ChatMessage("private", to, from, text, null);
    }
}
