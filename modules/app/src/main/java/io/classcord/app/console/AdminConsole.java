package io.classcord.app.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.classcord.app.console.AdminClient.Reply;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * {@code classcord admin}: the course's administration menu, and one subcommand per action for
 * scripts, on top of the admin HTTP API of the running server.
 */
public final class AdminConsole {

    public static final String USAGE = """
            Usage: classcord [--config FILE] admin [COMMAND] [OPTIONS] [--json]

            Sans commande : le menu interactif (clients, canaux, utilisateurs et messages, export CSV,
            alerte, expulsion, arrêt...).

            Commandes :
              clients                                 clients connectés
              channels                                état des canaux
              users [--search S] [--limit N] [--offset N]
              user NOM                                un compte
              messages [--channel C] [--user U] [--from DATE] [--to DATE] [--limit N] [--offset N]
              view [--limit N]                        utilisateurs et messages récents (admin_view.py)
              alert "TEXTE" [--channel C]             alerte à tous, ou aux membres d'un canal
              kick NOM ["MOTIF"]                      expulser (toutes ses connexions)
              ban NOM | unban NOM                     bannir (et déconnecter) ou débannir un compte
              create-channel C | close-channel C | reopen-channel C
              export [all|messages|users]             CSV dans le dossier d'export du serveur
              stop                                    arrêter le serveur (les clients sont prévenus)
              health                                  état du serveur et de la base

            --json affiche la réponse JSON de l'API telle quelle.
            Codes de sortie : 0 fait, 1 refusé par le serveur (inconnu, invalide...), 2 mauvais usage,
            3 serveur injoignable, 4 jeton absent ou refusé.
            """;

    private static final Set<String> VALUE_OPTIONS = Set.of("--channel", "--user", "--from", "--to", "--limit",
            "--offset", "--search");
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final String url;
    private final Path tokenFile;
    private final PrintStream out;
    private AdminClient client;
    private boolean json;

    private AdminConsole(String url, Path tokenFile, PrintStream out) {
        this.url = url;
        this.tokenFile = tokenFile;
        this.out = out;
    }

    /** Runs one command, or the menu when {@code args} is empty; returns the exit code. */
    public static int run(String url, Path tokenFile, List<String> args, InputStream in, PrintStream out, PrintStream err) {
        AdminConsole console = new AdminConsole(url, tokenFile, out);
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--json")) {
                console.json = true;
            } else if (VALUE_OPTIONS.contains(arg)) {
                if (i + 1 == args.size()) {
                    err.println("classcord admin : " + arg + " attend une valeur");
                    return ConsoleException.USAGE;
                }
                options.put(arg, args.get(++i));
            } else if (arg.startsWith("--") && !arg.equals("--")) {
                err.println("classcord admin : option inconnue " + arg);
                err.print(USAGE);
                return ConsoleException.USAGE;
            } else {
                positional.add(arg);
            }
        }
        try {
            if (positional.isEmpty()) {
                return console.menu(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            }
            return console.command(positional.getFirst(), positional.subList(1, positional.size()), options);
        } catch (ConsoleException e) {
            err.println("classcord admin : " + e.getMessage());
            if (e.exitCode() == ConsoleException.USAGE) {
                err.print(USAGE);
            }
            return e.exitCode();
        }
    }

    private int command(String name, List<String> operands, Map<String, String> options) {
        return switch (name) {
            case "clients" -> noOperand(operands, this::clients);
            case "channels" -> noOperand(operands, this::channels);
            case "users" -> noOperand(operands, () -> users(options));
            case "user" -> user(one(operands));
            case "messages" -> noOperand(operands, () -> messages(options));
            case "view" -> noOperand(operands, () -> view(options));
            case "alert" -> alert(one(operands), options.get("--channel"));
            case "kick" -> {
                if (operands.isEmpty() || operands.size() > 2) {
                    throw new ConsoleException(ConsoleException.USAGE, "kick attend NOM [MOTIF]");
                }
                yield kick(operands.get(0), operands.size() == 2 ? operands.get(1) : null);
            }
            case "ban" -> ban(one(operands), true);
            case "unban" -> ban(one(operands), false);
            case "create-channel" -> createChannel(one(operands));
            case "close-channel" -> setOpen(one(operands), false);
            case "reopen-channel" -> setOpen(one(operands), true);
            case "export" -> export(operands.isEmpty() ? "all" : one(operands));
            case "stop" -> noOperand(operands, this::stop);
            case "health" -> noOperand(operands, this::health);
            case "help" -> {
                out.print(USAGE);
                yield 0;
            }
            default -> throw new ConsoleException(ConsoleException.USAGE, "commande inconnue : " + name);
        };
    }

    private interface Action {
        int run();
    }

    private static int noOperand(List<String> operands, Action action) {
        if (!operands.isEmpty()) {
            throw new ConsoleException(ConsoleException.USAGE, "argument en trop : " + operands.getFirst());
        }
        return action.run();
    }

    private static String one(List<String> operands) {
        if (operands.size() != 1) {
            throw new ConsoleException(ConsoleException.USAGE, "un argument attendu, pas " + operands.size());
        }
        return operands.getFirst();
    }

    // ---- the interactive menu (the course's admin_console) ----

    private int menu(BufferedReader in) {
        while (true) {
            out.println();
            out.println("=== Classcord : console d'administration (" + url + ") ===");
            out.println("1. Voir les clients connectés");
            out.println("2. Voir l'état des canaux");
            out.println("3. Voir les utilisateurs et messages (+ export CSV)");
            out.println("4. Envoyer une alerte");
            out.println("5. Expulser un utilisateur");
            out.println("6. Arrêter le serveur");
            out.println("7. Bannir / débannir un compte");
            out.println("8. Fermer / rouvrir / créer un canal");
            out.println("0. Quitter");
            String choice = ask(in, "Votre choix : ");
            if (choice == null || choice.equals("0") || choice.equalsIgnoreCase("q")) {
                return 0;
            }
            try {
                switch (choice) {
                    case "1" -> clients();
                    case "2" -> channels();
                    case "3" -> {
                        view(Map.of());
                        if (yes(ask(in, "Exporter les utilisateurs et les messages en CSV ? (o/N) : "))) {
                            export("all");
                        }
                    }
                    case "4" -> {
                        String text = ask(in, "Texte de l'alerte : ");
                        String channel = ask(in, "Canal (vide : tout le monde) : ");
                        if (text != null && !text.isBlank()) {
                            alert(text, channel == null || channel.isBlank() ? null : channel);
                        }
                    }
                    case "5" -> {
                        String user = ask(in, "Utilisateur à expulser : ");
                        String reason = ask(in, "Motif (vide : message par défaut) : ");
                        if (user != null && !user.isBlank()) {
                            kick(user, reason == null || reason.isBlank() ? null : reason);
                        }
                    }
                    case "6" -> {
                        if (yes(ask(in, "Arrêter le serveur ? Tous les clients seront déconnectés. (o/N) : "))) {
                            stop();
                            return 0;
                        }
                    }
                    case "7" -> {
                        String user = ask(in, "Compte : ");
                        String action = ask(in, "b : bannir, d : débannir : ");
                        if (user != null && !user.isBlank() && action != null && (action.equals("b") || action.equals("d"))) {
                            ban(user, action.equals("b"));
                        }
                    }
                    case "8" -> {
                        String action = ask(in, "f : fermer, r : rouvrir, c : créer : ");
                        String channel = ask(in, "Canal : ");
                        if (channel != null && !channel.isBlank() && action != null) {
                            switch (action) {
                                case "f" -> setOpen(channel, false);
                                case "r" -> setOpen(channel, true);
                                case "c" -> createChannel(channel);
                                default -> out.println("Choix inconnu : " + action);
                            }
                        }
                    }
                    default -> out.println("Choix inconnu : " + choice);
                }
            } catch (ConsoleException e) {
                out.println("Erreur : " + e.getMessage());
            }
        }
    }

    private String ask(BufferedReader in, String prompt) {
        out.print(prompt);
        out.flush();
        try {
            String line = in.readLine();
            return line == null ? null : line.strip();
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean yes(String answer) {
        return answer != null && (answer.equalsIgnoreCase("o") || answer.equalsIgnoreCase("oui")
                || answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes"));
    }

    // ---- actions ----

    private int clients() {
        Reply reply = ok(api().get("/api/clients"));
        if (printedJson(reply)) {
            return 0;
        }
        Table table = new Table("Nom", "IP", "Port", "Canal", "État", "Connecté depuis", "Lignes reçues", "Octets reçus",
                "Lignes envoyées", "Octets envoyés");
        for (JsonObject c : objects(reply.json().asJsonArray())) {
            table.row(text(c, "name").isEmpty() ? "(anonyme)" : text(c, "name"), c.getString("ip"), c.getInt("port"),
                    text(c, "channel"), text(c, "state"), localTime(c.getString("connectedSince")),
                    c.getJsonNumber("linesIn").longValue(), c.getJsonNumber("bytesIn").longValue(),
                    c.getJsonNumber("linesOut").longValue(), c.getJsonNumber("bytesOut").longValue());
        }
        table.print(out);
        out.println(reply.json().asJsonArray().size() + " client(s) connecté(s).");
        return 0;
    }

    private int channels() {
        Reply reply = ok(api().get("/api/channels"));
        if (printedJson(reply)) {
            return 0;
        }
        Table table = new Table("Canal", "Ouvert", "Réservé admin", "Connexions", "Messages", "Membres");
        for (JsonObject c : objects(reply.json().asJsonArray())) {
            table.row(c.getString("name"), c.getBoolean("open") ? "oui" : "non", c.getBoolean("adminOnly") ? "oui" : "non",
                    c.getInt("connections"), c.getJsonNumber("storedMessages").longValue(),
                    String.join(", ", c.getJsonArray("members").getValuesAs(v -> ((jakarta.json.JsonString) v).getString())));
        }
        table.print(out);
        return 0;
    }

    private int users(Map<String, String> options) {
        Reply reply = ok(api().get("/api/users" + query(options, "--search", "--limit", "--offset")));
        if (printedJson(reply)) {
            return 0;
        }
        printUsers(reply.json().asJsonObject());
        return 0;
    }

    private void printUsers(JsonObject page) {
        Table table = new Table("ID", "Utilisateur", "Rôle", "Banni", "Créé le", "Dernière connexion", "Connexions");
        for (JsonObject u : objects(page.getJsonArray("items"))) {
            table.row(u.getJsonNumber("id").longValue(), u.getString("username"), u.getString("role"),
                    u.getBoolean("banned") ? "oui" : "non", localTime(text(u, "createdAt")), localTime(text(u, "lastLogin")),
                    u.getInt("connections"));
        }
        table.print(out);
        out.println(pageSummary(page, "utilisateur(s)"));
    }

    private int user(String name) {
        Reply reply = ok(api().get("/api/users/" + AdminClient.encode(name)));
        if (printedJson(reply)) {
            return 0;
        }
        JsonObject u = reply.json().asJsonObject();
        new Table("ID", "Utilisateur", "Rôle", "Banni", "Créé le", "Dernière connexion", "Connexions")
                .row(u.getJsonNumber("id").longValue(), u.getString("username"), u.getString("role"),
                        u.getBoolean("banned") ? "oui" : "non", localTime(text(u, "createdAt")),
                        localTime(text(u, "lastLogin")), u.getInt("connections"))
                .print(out);
        return 0;
    }

    private int messages(Map<String, String> options) {
        Reply reply = ok(api().get("/api/messages" + query(options, "--channel", "--user", "--from", "--to", "--limit", "--offset")));
        if (printedJson(reply)) {
            return 0;
        }
        printMessages(reply.json().asJsonObject());
        return 0;
    }

    private void printMessages(JsonObject page) {
        Table table = new Table("ID", "Horodatage", "Canal", "De", "À", "Message");
        for (JsonObject m : objects(page.getJsonArray("items"))) {
            table.row(m.getJsonNumber("id").longValue(), text(m, "timestamp").replace('T', ' '), text(m, "channel"),
                    text(m, "sender"), text(m, "recipient"), text(m, "content"));
        }
        table.print(out);
        out.println(pageSummary(page, "message(s)"));
    }

    /** What the course's admin_view.py printed: the users, then the most recent messages. */
    private int view(Map<String, String> options) {
        String limit = options.getOrDefault("--limit", "20");
        Reply users = ok(api().get("/api/users?limit=1000"));
        Reply messages = ok(api().get("/api/messages?limit=" + AdminClient.encode(limit)));
        if (json) {
            out.println(Json.createObjectBuilder().add("users", users.json()).add("messages", messages.json()).build());
            return 0;
        }
        out.println("== Utilisateurs ==");
        printUsers(users.json().asJsonObject());
        out.println();
        out.println("== Messages récents ==");
        printMessages(messages.json().asJsonObject());
        return 0;
    }

    private int alert(String text, String channel) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("message", text);
        if (channel != null) {
            body.add("channel", channel);
        }
        Reply reply = ok(api().post("/api/alert", body.build()));
        if (!printedJson(reply)) {
            out.println("Alerte envoyée à " + reply.json().asJsonObject().getInt("delivered") + " connexion(s).");
        }
        return 0;
    }

    private int kick(String user, String reason) {
        JsonObjectBuilder body = Json.createObjectBuilder();
        if (reason != null) {
            body.add("reason", reason);
        }
        Reply reply = ok(api().post("/api/users/" + AdminClient.encode(user) + "/kick", body.build()));
        if (!printedJson(reply)) {
            out.println(user + " expulsé (" + reply.json().asJsonObject().getInt("disconnected") + " connexion(s) fermée(s)).");
        }
        return 0;
    }

    private int ban(String user, boolean banned) {
        Reply reply = ok(api().post("/api/users/" + AdminClient.encode(user) + (banned ? "/ban" : "/unban"), null));
        if (!printedJson(reply)) {
            out.println(banned ? "Compte " + user + " banni (" + reply.json().asJsonObject().getInt("disconnected")
                    + " connexion(s) fermée(s))." : "Compte " + user + " débanni.");
        }
        return 0;
    }

    private int createChannel(String name) {
        Reply reply = ok(api().post("/api/channels", Json.createObjectBuilder().add("name", name).build()));
        if (!printedJson(reply)) {
            out.println("Canal " + reply.json().asJsonObject().getString("channel") + " créé.");
        }
        return 0;
    }

    private int setOpen(String name, boolean open) {
        Reply reply = ok(api().post("/api/channels/" + AdminClient.encode(name) + (open ? "/reopen" : "/close"), null));
        if (!printedJson(reply)) {
            JsonObject result = reply.json().asJsonObject();
            out.println("Canal " + result.getString("channel") + (result.getBoolean("changed") ? "" : " déjà")
                    + (open ? " ouvert." : " fermé."));
        }
        return 0;
    }

    private int export(String type) {
        Reply reply = ok(api().post("/api/exports?type=" + AdminClient.encode(type), null));
        if (!printedJson(reply)) {
            for (JsonObject file : objects(reply.json().asJsonObject().getJsonArray("files"))) {
                out.println("Export écrit : " + file.getString("path") + " (" + file.getJsonNumber("rows").longValue()
                        + " ligne(s))");
            }
        }
        return 0;
    }

    private int stop() {
        Reply reply = ok(api().post("/api/shutdown", null));
        if (!printedJson(reply)) {
            out.println("Arrêt du serveur demandé : les clients reçoivent l'avis d'arrêt.");
        }
        return 0;
    }

    private int health() {
        Reply reply = api().get("/health");
        if (!printedJson(reply)) {
            if (reply.json() instanceof JsonObject status) {
                out.println("Serveur : " + text(status, "status") + " (chat " + text(status, "chat") + ", base de données "
                        + text(status, "database") + ")");
            } else {
                out.println("Serveur : HTTP " + reply.status());
            }
        }
        return reply.ok() ? 0 : ConsoleException.FAILED;
    }

    // ---- helpers ----

    private AdminClient api() {
        if (client == null) {
            String token;
            try {
                token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConsoleException(ConsoleException.BAD_TOKEN, "jeton d'administration illisible ("
                        + tokenFile.toAbsolutePath() + " : " + e.getClass().getSimpleName() + "). Le serveur le crée à "
                        + "son premier démarrage ; lancez la console avec le même utilisateur que le serveur.");
            }
            client = new AdminClient(url, token, System.getProperty("user.name", "console"));
        }
        return client;
    }

    private static Reply ok(Reply reply) {
        if (!reply.ok()) {
            throw new ConsoleException(ConsoleException.FAILED, reply.errorMessage());
        }
        return reply;
    }

    private boolean printedJson(Reply reply) {
        if (json) {
            out.println(reply.text());
        }
        return json;
    }

    private static String query(Map<String, String> options, String... names) {
        StringBuilder query = new StringBuilder();
        for (String name : names) {
            String value = options.get(name);
            if (value != null) {
                query.append(query.isEmpty() ? '?' : '&').append(name.substring(2)).append('=').append(AdminClient.encode(value));
            }
        }
        return query.toString();
    }

    private static List<JsonObject> objects(JsonArray array) {
        return array.getValuesAs(JsonValue::asJsonObject);
    }

    private static String text(JsonObject object, String key) {
        return object.containsKey(key) && !object.isNull(key) ? object.getString(key) : "";
    }

    private static String pageSummary(JsonObject page, String what) {
        int offset = page.getInt("offset");
        int shown = page.getJsonArray("items").size();
        long total = page.getJsonNumber("total").longValue();
        return shown == 0 ? total + " " + what + "." : (offset + 1) + " à " + (offset + shown) + " sur " + total + " " + what + ".";
    }

    /** An ISO instant shown in the machine's time zone; anything else as it is. */
    private static String localTime(String iso) {
        if (iso == null || iso.isEmpty()) {
            return "";
        }
        try {
            return LOCAL_TIME.withLocale(Locale.ROOT).format(Instant.parse(iso).atZone(ZoneId.systemDefault()));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}
