package io.classcord.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;

import io.classcord.client.ChatClient;
import io.classcord.protocol.ClientFrame;
import io.classcord.protocol.Reply;
import io.classcord.protocol.ServerFrame;

/** One run of the client: log in, then either the scripted actions or the interactive loop. */
final class Session {

    static final String HELP = """
            Commandes :
              texte                  envoyer au canal courant
              /msg NOM texte         message privé
              /join #canal           rejoindre un canal (il devient le canal courant)
              /leave #canal          quitter un canal
              /users                 qui est en ligne
              /channels              les canaux
              /history [#canal] [N]  les N derniers messages d'un canal
              /status ETAT           changer d'état (away, dnd, online...)
              /register NOM          créer un compte (le mot de passe est demandé)
              /login NOM             se connecter (le mot de passe est demandé)
              /guest NOM             discuter en invité sous ce nom
              /quit                  quitter
            """;

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

    Session(ChatClient client, Options options, Duration timeout, BufferedReader in, PrintStream out, PrintStream err) {
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
                    err.println("classcord-client: the account " + options.user() + " exists already; logging in");
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

    int runInteractive() throws IOException {
        out.println("Connecté à " + options.host() + ":" + options.port() + ". Tapez /help pour l'aide, /quit pour sortir.");
        Thread reader = Thread.ofVirtual().name("classcord-client reader").start(this::printReplies);
        String line;
        while ((line = in.readLine()) != null && reader.isAlive()) {
            if (!command(line.strip())) {
                break;
            }
        }
        if (!reader.isAlive()) {
            return Main.UNREACHABLE;
        }
        // Answers to what was typed last (a piped script ends right after its commands) are shown
        // before leaving: the server answers in order, so they all come before this pong.
        client.send(new ClientFrame.Ping(BYE));
        try {
            reader.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }

    private static final String BYE = "classcord-client-bye";

    private void printReplies() {
        try {
            Reply reply;
            while ((reply = client.receive(Duration.ZERO)) != null) {
                switch (reply) {
                    case Reply.Frame(ServerFrame.Pong(String id)) when BYE.equals(id) -> {
                        return;
                    }
                    case Reply.Frame(ServerFrame.Joined(String joined)) -> channel = joined;
                    default -> {
                    }
                }
                String text = Render.of(reply);
                if (text != null) {
                    out.println(text);
                }
            }
            out.println("Connexion fermée par le serveur.");
        } catch (IOException e) {
            out.println("Connexion perdue : " + e.getMessage());
        }
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
            case "/help" -> out.print(HELP);
            case "/msg" -> {
                if (words.length < 3) {
                    out.println("Usage : /msg NOM texte");
                } else {
                    client.send(Main.chat(guest, arg, null, words[2]));
                }
            }
            case "/join" -> requireArg(arg, "/join #canal", () -> client.send(new ClientFrame.JoinChannel(arg, false)));
            case "/leave" -> requireArg(arg, "/leave #canal", () -> client.send(new ClientFrame.LeaveChannel(arg, false)));
            case "/users" -> client.send(new ClientFrame.UsersRequest());
            case "/channels" -> client.send(new ClientFrame.ChannelsRequest());
            case "/history" -> history(words);
            case "/status" -> requireArg(arg, "/status ETAT", () -> client.send(new ClientFrame.StatusUpdate(
                    line.substring("/status".length()).strip())));
            case "/register" -> requireArg(arg, "/register NOM", () -> client.send(new ClientFrame.Register(arg,
                    Main.password(options, arg, in, err))));
            case "/login" -> requireArg(arg, "/login NOM", () -> {
                client.send(new ClientFrame.Login(arg, Main.password(options, arg, in, err)));
                guest = null;
            });
            case "/guest" -> requireArg(arg, "/guest NOM", () -> {
                guest = arg;
                client.send(Main.chat(guest, null, null, ""));
            });
            default -> out.println("Commande inconnue : " + verb + " (tapez /help)");
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

    private void requireArg(String arg, String usage, Action action) throws IOException {
        if (arg == null) {
            out.println("Usage : " + usage);
        } else {
            action.run();
        }
    }

    private int refused(ServerFrame reply) {
        err.println("classcord-client: refused by the server: " + Render.of(reply));
        return Main.REFUSED;
    }
}
