package io.classcord.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;

import io.classcord.client.ChatClient;
import io.classcord.protocol.ClientFrame;
import io.classcord.protocol.Reply;
import io.classcord.protocol.ServerFrame;

/** One run of the terminal client: log in, then either the scripted actions or the interactive loop. */
final class TerminalSession {

    private static final String BYE = "classcord-client-bye";
    private static final String STATUS_PING = "classcord-client-status-";

    private final ChatClient client;
    private final Options options;
    private final Duration timeout;
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private String guest;
    // Written by the reader thread when a join is confirmed, read when sending.
    private volatile String channel;
    private int syncs;
    // /status confirmations: the state sent under each ping id, and errors seen (reader thread).
    private final java.util.Map<String, String> statusPings = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Integer> errorsAtStatus = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger errors = new java.util.concurrent.atomic.AtomicInteger();

    TerminalSession(ChatClient client, Options options, Duration timeout, BufferedReader in, PrintStream out, PrintStream err) {
        this.client = client;
        this.options = options;
        this.timeout = timeout;
        this.in = in;
        this.out = out;
        this.err = err;
        this.guest = options.guest();
    }

    /** Registers, logs in, announces the guest and joins the channel, as the options say. */
    int identify() throws IOException {
        if (options.user() != null) {
            String password = Main.password(options, options.user(), in, err);
            if (options.register()) {
                ServerFrame reply = client.register(options.user(), password, timeout);
                if (Main.isNameTaken(reply)) {
                    err.println("classcord-client: " + Texts.get("account_exists", options.user()));
                } else if (Main.isError(reply)) {
                    return refused(reply);
                }
            }
            ServerFrame reply = client.login(options.user(), password, timeout);
            if (Main.isError(reply)) {
                return refused(reply);
            }
        } else if (guest != null) {
            // An empty message is how course clients announce a guest: it claims the name, delivers nothing.
            client.send(Main.chat(guest, null, null, ""));
            ServerFrame reply = client.sync("guest", timeout);
            if (Main.isError(reply)) {
                return refused(reply);
            }
        }
        if (options.channel() != null) {
            client.send(new ClientFrame.JoinChannel(options.channel(), false));
            ServerFrame reply = client.await(f -> f instanceof ServerFrame.Joined || Main.isError(f), timeout);
            if (reply instanceof ServerFrame.Joined(String joined)) {
                channel = joined;
            } else {
                return refused(reply);
            }
        }
        return Main.OK;
    }

    /** Each --send, checked (a pong after it means the server took it), then --users. */
    int runScript() throws IOException {
        for (String text : options.sends()) {
            client.send(Main.chat(guest, options.to(), channel, text));
            ServerFrame reply = client.sync("send-" + (++syncs), timeout);
            if (Main.isError(reply)) {
                return refused(reply);
            }
        }
        if (options.listUsers()) {
            client.send(new ClientFrame.UsersRequest());
            ServerFrame reply = client.await(f -> f instanceof ServerFrame.UserList, timeout);
            ((ServerFrame.UserList) reply).users().forEach(name -> out.println(Render.safe(name)));
        }
        return Main.OK;
    }

    /**
     * Typed lines on one thread, the server's lines on another: whichever ends first ends the
     * session. When the server closes the connection (it stops, or kicks this client), the client
     * says so and exits with {@link Main#CLOSED_BY_SERVER} without waiting for a line to be typed.
     */
    int runInteractive() {
        out.println(Texts.get("interactive.connected", options.host(), options.port()));
        java.util.concurrent.CompletableFuture<Integer> ended = new java.util.concurrent.CompletableFuture<>();
        Thread reader = Thread.ofVirtual().name("classcord-client reader").start(() -> ended.complete(printReplies()));
        // A daemon: left blocked on the terminal when the server ends the session.
        Thread.ofPlatform().daemon().name("classcord-client input").start(() -> ended.complete(readCommands(reader)));
        return ended.join();
    }

    private int readCommands(Thread reader) {
        try {
            String line;
            while ((line = in.readLine()) != null && reader.isAlive()) {
                if (!command(line.strip())) {
                    break;
                }
            }
            if (!reader.isAlive()) {
                // The reader has said why and completed the session first.
                return Main.UNREACHABLE;
            }
            // Answers to what was typed last (a piped script ends right after its commands) are shown
            // before leaving: the server answers in order, so they all come before this pong.
            client.send(new ClientFrame.Ping(BYE));
            reader.join(timeout);
            return Main.OK;
        } catch (IOException e) {
            out.println(Texts.get("interactive.lost", e.getMessage()));
            return Main.UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.OK;
        }
    }

    /** Prints what the server sends until the farewell pong (OK), the end of the connection, or an error. */
    private int printReplies() {
        try {
            Reply reply;
            while ((reply = client.receive(Duration.ZERO)) != null) {
                switch (reply) {
                    case Reply.Frame(ServerFrame.Pong(String id)) when BYE.equals(id) -> {
                        return Main.OK;
                    }
                    case Reply.Frame(ServerFrame.Pong(String id)) when id != null && statusPings.containsKey(id) -> {
                        String state = statusPings.remove(id);
                        Integer before = errorsAtStatus.remove(id);
                        // An error between the status and its ping is the refusal, already shown.
                        if (before != null && before == errors.get()) {
                            out.println(Texts.get("interactive.status_confirmed", Render.safe(state)));
                        }
                    }
                    case Reply.Frame(ServerFrame.Joined(String joined)) -> channel = joined;
                    case Reply.Frame(ServerFrame.ErrorReply ignored) -> errors.incrementAndGet();
                    default -> {
                    }
                }
                String text = Render.of(reply);
                if (text != null) {
                    out.println(text);
                }
            }
            out.println(Texts.get("interactive.closed_by_server"));
            return Main.CLOSED_BY_SERVER;
        } catch (IOException e) {
            if (client.isClosed()) {
                return Main.OK;
            }
            out.println(Texts.get("interactive.lost", e.getMessage()));
            return Main.UNREACHABLE;
        }
    }

    /**
     * Sends the state, then a ping: the server answers in order, so a pong with no error before it
     * means the state was accepted and relayed, and the reader confirms it. The server itself
     * sends nothing new for a status (a course client sends one right after login).
     */
    private void status(String state) throws IOException {
        String id = STATUS_PING + (++syncs);
        statusPings.put(id, state);
        errorsAtStatus.put(id, errors.get());
        client.send(new ClientFrame.StatusUpdate(state));
        client.send(new ClientFrame.Ping(id));
    }

    /** Handles one typed line; false to quit. */
    private boolean command(String line) throws IOException {
        if (line.isEmpty()) {
            return true;
        }
        if (!line.startsWith("/")) {
            client.send(Main.chat(guest, null, channel, line));
            return true;
        }
        String[] words = line.split("\\s+", 3);
        String verb = words[0];
        String arg = words.length > 1 ? words[1] : null;
        switch (verb) {
            case "/quit", "/exit" -> {
                return false;
            }
            case "/help" -> out.print(Texts.get("help"));
            case "/msg" -> {
                if (words.length < 3) {
                    out.println(Texts.get("interactive.usage", Texts.get("usage.msg")));
                } else {
                    client.send(Main.chat(guest, arg, null, words[2]));
                }
            }
            case "/join" -> requireArg(arg, "usage.join", () -> client.send(new ClientFrame.JoinChannel(arg, false)));
            case "/leave" -> requireArg(arg, "usage.leave", () -> client.send(new ClientFrame.LeaveChannel(arg, false)));
            case "/users" -> client.send(new ClientFrame.UsersRequest());
            case "/channels" -> client.send(new ClientFrame.ChannelsRequest());
            case "/history" -> history(words);
            case "/status" -> requireArg(arg, "usage.status", () -> status(line.substring("/status".length()).strip()));
            case "/register" -> requireArg(arg, "usage.register", () -> client.send(new ClientFrame.Register(arg,
                    Main.password(options, arg, in, err))));
            case "/login" -> requireArg(arg, "usage.login", () -> {
                client.send(new ClientFrame.Login(arg, Main.password(options, arg, in, err)));
                guest = null;
            });
            case "/guest" -> requireArg(arg, "usage.guest", () -> {
                guest = arg;
                client.send(Main.chat(guest, null, null, ""));
            });
            default -> out.println(Texts.get("interactive.unknown_command", verb));
        }
        return true;
    }

    private void history(String[] words) throws IOException {
        String historyChannel = null;
        Integer limit = null;
        for (int i = 1; i < words.length; i++) {
            for (String word : words[i].split("\\s+")) {
                if (word.matches("\\d{1,4}")) {
                    limit = Integer.parseInt(word);
                } else if (!word.isEmpty()) {
                    historyChannel = word;
                }
            }
        }
        client.send(new ClientFrame.HistoryRequest(historyChannel, limit));
    }

    private interface Action {
        void run() throws IOException;
    }

    private void requireArg(String arg, String usageKey, Action action) throws IOException {
        if (arg == null) {
            out.println(Texts.get("interactive.usage", Texts.get(usageKey)));
        } else {
            action.run();
        }
    }

    private int refused(ServerFrame reply) {
        err.println("classcord-client: " + Texts.get("refused", Render.of(reply)));
        return Main.REFUSED;
    }
}
