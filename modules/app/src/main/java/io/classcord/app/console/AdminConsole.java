package io.classcord.app.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
import java.util.function.Function;

import io.classcord.app.console.AdminClient.Reply;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

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

    private static final Set<String> VALUE_OPTIONS = Set.of("--channel", "--user", "--from", "--to", "--limit",
            "--offset", "--search");
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Target target;
    private final ConsoleConfig config;
    private final Messages texts;
    private final PrintStream out;
    private AdminClient client;
    private boolean json;

    private AdminConsole(Target target, ConsoleConfig config, Messages texts, PrintStream out) {
        this.target = target;
        this.config = config;
        this.texts = texts;
        this.out = out;
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
        List<String> rest = new ArrayList<>();
        boolean help = false;
        boolean version = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--config") && i + 1 < args.size()) {
                configFile = Path.of(args.get(++i));
            } else if (arg.startsWith("--config=")) {
                configFile = Path.of(arg.substring("--config=".length()));
            } else if (arg.equals("--help") || arg.equals("-h") || (arg.equals("help") && rest.isEmpty())) {
                help = true;
            } else if (arg.equals("--version") || arg.equals("-V")) {
                version = true;
            } else {
                rest.add(arg);
            }
        }
        Messages texts = Messages.french();
        ConsoleConfig config;
        Target target;
        try {
            config = ConsoleConfig.find(configFile, serviceFile, texts);
            try {
                target = loader.apply(config.file());
            } catch (RuntimeException e) {
                throw new ConsoleException(ConsoleException.USAGE, texts.t("config.invalid", config.description(),
                        e.getMessage()));
            }
            try {
                texts = Messages.of(target.locale());
            } catch (IllegalArgumentException e) {
                throw new ConsoleException(ConsoleException.USAGE, texts.t("config.invalid", config.description(),
                        "classcord.locale : fr | en, pas " + target.locale()));
            }
        } catch (ConsoleException e) {
            // Help and version need no configuration: in French when it cannot be read.
            if (help || version) {
                out.print(help ? texts.t("usage") : texts.t("version", version()) + System.lineSeparator());
                return 0;
            }
            err.println("classcord admin : " + e.getMessage());
            return e.exitCode();
        }
        if (help || version) {
            out.print(help ? texts.t("usage") : texts.t("version", version()) + System.lineSeparator());
            return 0;
        }
        AdminConsole console = new AdminConsole(target, config, texts, out);
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.equals("--json")) {
                console.json = true;
            } else if (VALUE_OPTIONS.contains(arg) || arg.equals("--config")) {
                if (i + 1 == rest.size()) {
                    err.println("classcord admin : " + texts.t("option.needs.value", arg));
                    return ConsoleException.USAGE;
                }
                options.put(arg, rest.get(++i));
            } else if (arg.startsWith("--") && !arg.equals("--")) {
                err.println("classcord admin : " + texts.t("option.unknown", arg));
                err.print(texts.t("usage"));
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
                err.print(texts.t("usage"));
            }
            return e.exitCode();
        }
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
                    throw new ConsoleException(ConsoleException.USAGE, texts.t("kick.usage"));
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
            default -> throw new ConsoleException(ConsoleException.USAGE, texts.t("command.unknown", name));
        };
    }

    private interface Action {
        int run();
    }

    private int noOperand(List<String> operands, Action action) {
        if (!operands.isEmpty()) {
            throw new ConsoleException(ConsoleException.USAGE, texts.t("argument.extra", operands.getFirst()));
        }
        return action.run();
    }

    private String one(List<String> operands) {
        if (operands.size() != 1) {
            throw new ConsoleException(ConsoleException.USAGE, texts.t("argument.one", operands.size()));
        }
        return operands.getFirst();
    }

    // ---- the interactive menu (the course's admin_console) ----

    private int menu(BufferedReader in) {
        while (true) {
            out.println();
            out.println(texts.t("menu.title", target.url()));
            for (String entry : List.of("menu.1", "menu.2", "menu.3", "menu.4", "menu.5", "menu.6", "menu.7", "menu.8", "menu.0")) {
                out.println(texts.t(entry));
            }
            String choice = ask(in, texts.t("menu.choice"));
            if (choice == null || choice.equals("0") || choice.equalsIgnoreCase("q")) {
                return 0;
            }
            try {
                switch (choice) {
                    case "1" -> clients();
                    case "2" -> channels();
                    case "3" -> {
                        view(Map.of());
                        if (yes(ask(in, texts.t("menu.export.ask")))) {
                            export("all");
                        }
                    }
                    case "4" -> {
                        String text = ask(in, texts.t("menu.alert.text"));
                        String channel = ask(in, texts.t("menu.alert.channel"));
                        if (text != null && !text.isBlank()) {
                            alert(text, channel == null || channel.isBlank() ? null : channel);
                        }
                    }
                    case "5" -> {
                        String user = ask(in, texts.t("menu.kick.user"));
                        String reason = ask(in, texts.t("menu.kick.reason"));
                        if (user != null && !user.isBlank()) {
                            kick(user, reason == null || reason.isBlank() ? null : reason);
                        }
                    }
                    case "6" -> {
                        if (yes(ask(in, texts.t("menu.stop.ask")))) {
                            stop();
                            return 0;
                        }
                    }
                    case "7" -> {
                        String user = ask(in, texts.t("menu.ban.user"));
                        String action = ask(in, texts.t("menu.ban.action"));
                        if (user != null && !user.isBlank() && action != null
                                && (action.equals(texts.t("menu.ban.letter")) || action.equals(texts.t("menu.unban.letter")))) {
                            ban(user, action.equals(texts.t("menu.ban.letter")));
                        }
                    }
                    case "8" -> {
                        String action = ask(in, texts.t("menu.channel.action"));
                        String channel = ask(in, texts.t("menu.channel.name"));
                        if (channel != null && !channel.isBlank() && action != null) {
                            if (action.equals(texts.t("menu.close.letter"))) {
                                setOpen(channel, false);
                            } else if (action.equals(texts.t("menu.reopen.letter"))) {
                                setOpen(channel, true);
                            } else if (action.equals(texts.t("menu.create.letter"))) {
                                createChannel(channel);
                            } else {
                                out.println(texts.t("menu.unknown", action));
                            }
                        }
                    }
                    default -> out.println(texts.t("menu.unknown", choice));
                }
            } catch (ConsoleException e) {
                out.println(texts.t("menu.error", e.getMessage()));
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
        Table table = new Table(columns("name", "ip", "port", "channel", "state", "since", "lines.in", "bytes.in",
                "lines.out", "bytes.out"));
        for (JsonObject c : objects(reply.json().asJsonArray())) {
            table.row(text(c, "name").isEmpty() ? texts.t("anonymous") : text(c, "name"), c.getString("ip"), c.getInt("port"),
                    text(c, "channel"), text(c, "state"), localTime(c.getString("connectedSince")),
                    c.getJsonNumber("linesIn").longValue(), c.getJsonNumber("bytesIn").longValue(),
                    c.getJsonNumber("linesOut").longValue(), c.getJsonNumber("bytesOut").longValue());
        }
        table.print(out);
        out.println(texts.t("clients.count", reply.json().asJsonArray().size()));
        return 0;
    }

    private int channels() {
        Reply reply = ok(api().get("/api/channels"));
        if (printedJson(reply)) {
            return 0;
        }
        Table table = new Table(columns("channel", "open", "admin.only", "connections", "messages", "members"));
        for (JsonObject c : objects(reply.json().asJsonArray())) {
            table.row(c.getString("name"), yesNo(c.getBoolean("open")), yesNo(c.getBoolean("adminOnly")),
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
        Table table = new Table(columns("id", "user", "role", "banned", "created", "last.login", "connections"));
        for (JsonObject u : objects(page.getJsonArray("items"))) {
            table.row(u.getJsonNumber("id").longValue(), u.getString("username"), u.getString("role"),
                    yesNo(u.getBoolean("banned")), localTime(text(u, "createdAt")), localTime(text(u, "lastLogin")),
                    u.getInt("connections"));
        }
        table.print(out);
        out.println(pageSummary(page, texts.t("what.users")));
    }

    private int user(String name) {
        Reply reply = ok(api().get("/api/users/" + AdminClient.encode(name)));
        if (printedJson(reply)) {
            return 0;
        }
        JsonObject u = reply.json().asJsonObject();
        new Table(columns("id", "user", "role", "banned", "created", "last.login", "connections"))
                .row(u.getJsonNumber("id").longValue(), u.getString("username"), u.getString("role"),
                        yesNo(u.getBoolean("banned")), localTime(text(u, "createdAt")),
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
        Table table = new Table(columns("id", "time", "channel", "from", "to", "message"));
        for (JsonObject m : objects(page.getJsonArray("items"))) {
            table.row(m.getJsonNumber("id").longValue(), text(m, "timestamp").replace('T', ' '), text(m, "channel"),
                    text(m, "sender"), text(m, "recipient"), text(m, "content"));
        }
        table.print(out);
        out.println(pageSummary(page, texts.t("what.messages")));
    }

    /**
     * What the course's admin_view.py printed: the users, then the most recent messages. Like that
     * script it works with the server stopped: when the API does not answer (or its token cannot be
     * read), the database is read directly, read-only.
     */
    private int view(Map<String, String> options) {
        String limit = options.getOrDefault("--limit", "20");
        JsonValue users;
        JsonValue messages;
        try {
            users = ok(api().get("/api/users?limit=1000")).json();
            messages = ok(api().get("/api/messages?limit=" + AdminClient.encode(limit))).json();
        } catch (ConsoleException e) {
            if (e.exitCode() != ConsoleException.SERVER_DOWN && !(e.exitCode() == ConsoleException.BAD_TOKEN && client == null)) {
                throw e;
            }
            int rows;
            try {
                rows = Integer.parseInt(limit);
            } catch (NumberFormatException bad) {
                rows = -1;
            }
            if (rows < 1 || rows > 1000) {
                throw new ConsoleException(ConsoleException.USAGE, "--limit : 1..1000, " + limit);
            }
            JsonObject both = DatabaseView.read(target.database(), rows, config.description(), texts);
            if (!json) {
                out.println(texts.t("view.offline", e.getMessage(), target.database().toAbsolutePath()));
            }
            users = both.get("users");
            messages = both.get("messages");
        }
        if (json) {
            out.println(Json.createObjectBuilder().add("users", users).add("messages", messages).build());
            return 0;
        }
        out.println(texts.t("view.users"));
        printUsers(users.asJsonObject());
        out.println();
        out.println(texts.t("view.messages"));
        printMessages(messages.asJsonObject());
        return 0;
    }

    private int alert(String text, String channel) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("message", text);
        if (channel != null) {
            body.add("channel", channel);
        }
        Reply reply = ok(api().post("/api/alert", body.build()));
        if (!printedJson(reply)) {
            out.println(texts.t("alert.sent", reply.json().asJsonObject().getInt("delivered")));
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
            out.println(texts.t("kick.done", user, reply.json().asJsonObject().getInt("disconnected")));
        }
        return 0;
    }

    private int ban(String user, boolean banned) {
        Reply reply = ok(api().post("/api/users/" + AdminClient.encode(user) + (banned ? "/ban" : "/unban"), null));
        if (!printedJson(reply)) {
            out.println(banned ? texts.t("ban.done", user, reply.json().asJsonObject().getInt("disconnected"))
                    : texts.t("unban.done", user));
        }
        return 0;
    }

    private int createChannel(String name) {
        Reply reply = ok(api().post("/api/channels", Json.createObjectBuilder().add("name", name).build()));
        if (!printedJson(reply)) {
            out.println(texts.t("channel.created", reply.json().asJsonObject().getString("channel")));
        }
        return 0;
    }

    private int setOpen(String name, boolean open) {
        Reply reply = ok(api().post("/api/channels/" + AdminClient.encode(name) + (open ? "/reopen" : "/close"), null));
        if (!printedJson(reply)) {
            JsonObject result = reply.json().asJsonObject();
            boolean changed = result.getBoolean("changed");
            String key = open ? (changed ? "channel.reopened" : "channel.already.open")
                    : (changed ? "channel.closed" : "channel.already.closed");
            out.println(texts.t(key, result.getString("channel")));
        }
        return 0;
    }

    private int export(String type) {
        Reply reply = ok(api().post("/api/exports?type=" + AdminClient.encode(type), null));
        if (!printedJson(reply)) {
            for (JsonObject file : objects(reply.json().asJsonObject().getJsonArray("files"))) {
                out.println(texts.t("export.written", file.getString("path"), file.getJsonNumber("rows").longValue()));
            }
        }
        return 0;
    }

    private int stop() {
        Reply reply = ok(api().post("/api/shutdown", null));
        if (!printedJson(reply)) {
            out.println(texts.t("stop.requested"));
        }
        return 0;
    }

    private int health() {
        Reply reply = api().get("/health");
        if (!printedJson(reply)) {
            if (reply.json() instanceof JsonObject status) {
                out.println(texts.t("health.line", text(status, "status"), text(status, "chat"), text(status, "database")));
            } else {
                out.println(texts.t("health.http", reply.status()));
            }
        }
        return reply.ok() ? 0 : ConsoleException.FAILED;
    }

    // ---- helpers ----

    private AdminClient api() {
        if (client == null) {
            Path file = target.tokenFile().toAbsolutePath();
            String token;
            try {
                token = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (NoSuchFileException e) {
                throw new ConsoleException(ConsoleException.BAD_TOKEN, texts.t("token.missing", file, config.description()));
            } catch (AccessDeniedException e) {
                throw new ConsoleException(ConsoleException.BAD_TOKEN, texts.t("token.denied", file, config.description(),
                        owner(file)));
            } catch (IOException e) {
                throw new ConsoleException(ConsoleException.BAD_TOKEN, texts.t("token.unreadable", file, ConsoleConfig.reason(e)));
            }
            client = new AdminClient(target.url(), token, System.getProperty("user.name", "console"), texts,
                    texts.t("token.refused", file, config.description()));
        }
        return client;
    }

    /** The token file's owner (the server's account), or "classcord" when it cannot be told. */
    private static String owner(Path file) {
        try {
            return Files.getOwner(file).getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "classcord";
        }
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

    private String pageSummary(JsonObject page, String what) {
        int offset = page.getInt("offset");
        int shown = page.getJsonArray("items").size();
        long total = page.getJsonNumber("total").longValue();
        return shown == 0 ? texts.t("page.total", total, what) : texts.t("page.range", offset + 1, offset + shown, total, what);
    }

    private String[] columns(String... keys) {
        String[] headers = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            headers[i] = texts.t("col." + keys[i]);
        }
        return headers;
    }

    private String yesNo(boolean value) {
        return texts.t(value ? "yes" : "no");
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
