package io.classcord.admin.http;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import io.classcord.admin.export.Exporter;
import io.classcord.admin.export.Exporter.Kind;
import io.classcord.engine.ChatAdmin;
import io.classcord.engine.ChatAdmin.Outcome;
import io.classcord.engine.ConnectedClient;
import io.classcord.protocol.ChannelName;
import io.classcord.storage.ChatStore;
import io.classcord.storage.MessageQuery;
import io.classcord.storage.Page;
import io.classcord.storage.StorageException;
import io.classcord.storage.StoredMessage;
import io.classcord.storage.UserInfo;
import io.classcord.admin.json.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** The {@code /api} endpoints; see {@code docs/admin-api.md}. */
public final class AdminApi implements HttpService {

    private static final Logger DEBUG = Logger.getLogger("classcord.admin.debug");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?");
    private static final int MAX_TEXT = 2000;

    private final ChatAdmin chat;
    private final ChatStore store;
    private final Exporter exporter;
    private final Runnable stopServer;
    private final Audit audit;
    private final int defaultPageSize;

    AdminApi(ChatAdmin chat, ChatStore store, Exporter exporter, Runnable stopServer, Audit audit, int defaultPageSize) {
        this.chat = chat;
        this.store = store;
        this.exporter = exporter;
        this.stopServer = stopServer;
        this.audit = audit;
        this.defaultPageSize = defaultPageSize;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/clients", this::clients)
                .get("/channels", this::channels)
                .post("/channels", this::createChannel)
                .post("/channels/{name}/close", (req, res) -> setOpen(req, res, false))
                .post("/channels/{name}/reopen", (req, res) -> setOpen(req, res, true))
                .get("/users", this::users)
                .get("/users/{name}", this::user)
                .post("/users/{name}/kick", this::kick)
                .post("/users/{name}/ban", (req, res) -> ban(req, res, true))
                .post("/users/{name}/unban", (req, res) -> ban(req, res, false))
                .get("/messages", this::messages)
                .post("/alert", this::alert)
                .post("/exports", this::export)
                .post("/shutdown", this::shutdown);
    }

    private void clients(ServerRequest req, ServerResponse res) {
        res.send(chat.clients().stream().map(Json.Client::of).toList());
    }

    private void channels(ServerRequest req, ServerResponse res) {
        res.send(chat.channels().stream().map(Json.Channel::of).toList());
    }

    private void createChannel(ServerRequest req, ServerResponse res) {
        Json.NewChannel body = body(req, Json.NewChannel.class);
        String raw = body == null ? null : body.name();
        String what = "create channel " + raw;
        Outcome outcome = raw == null ? Outcome.INVALID_NAME : chat.createChannel(raw);
        switch (outcome) {
            case DONE -> {
                String name = ChannelName.normalize(raw).orElseThrow();
                audit.action(req, what, "created");
                res.status(Status.CREATED_201).send(new Json.Created(name));
            }
            case UNCHANGED -> fail(req, res, what, Status.CONFLICT_409, "channel_exists", "channel.exists", raw);
            case LIMIT_REACHED -> fail(req, res, what, Status.CONFLICT_409, "too_many_channels", "channel.too.many");
            default -> fail(req, res, what, Status.BAD_REQUEST_400, "invalid_channel", "channel.give.name");
        }
    }

    private void setOpen(ServerRequest req, ServerResponse res, boolean open) {
        String raw = req.path().pathParameters().get("name");
        String what = (open ? "reopen" : "close") + " channel " + raw;
        Outcome outcome = open ? chat.reopenChannel(raw) : chat.closeChannel(raw);
        switch (outcome) {
            case DONE, UNCHANGED -> {
                String name = ChannelName.normalize(raw).orElseThrow();
                audit.action(req, what, outcome == Outcome.DONE ? (open ? "reopened" : "closed") : "unchanged");
                res.send(new Json.ChannelChange(name, open, outcome == Outcome.DONE));
            }
            case UNKNOWN_CHANNEL -> fail(req, res, what, Status.NOT_FOUND_404, "unknown_channel", "channel.unknown", raw);
            default -> fail(req, res, what, Status.BAD_REQUEST_400, "invalid_channel", "channel.invalid", raw);
        }
    }

    private void users(ServerRequest req, ServerResponse res) {
        Optional<int[]> paging = paging(req, res);
        if (paging.isEmpty()) {
            return;
        }
        String search = req.query().first("search").orElse(null);
        Page<UserInfo> page = store.users(search, paging.get()[0], paging.get()[1]);
        List<ConnectedClient> clients = chat.clients();
        res.send(new Json.Page<>(page.items().stream().map(u -> Json.User.of(u, connections(clients, u))).toList(),
                page.offset(), page.limit(), page.total()));
    }

    private void user(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("name");
        Optional<UserInfo> found = store.user(name);
        if (found.isEmpty()) {
            res.status(Status.NOT_FOUND_404).send(Json.error("unknown_user", ApiTexts.of(req).t("user.unknown", name)));
            return;
        }
        res.send(Json.User.of(found.get(), connections(chat.clients(), found.get())));
    }

    private static int connections(List<ConnectedClient> clients, UserInfo user) {
        return (int) clients.stream().filter(c -> c.loggedIn() && user.username().equals(c.name())).count();
    }

    private void kick(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("name");
        Json.Kick body = body(req, Json.Kick.class);
        String reason = body == null || body.reason() == null || body.reason().isBlank()
                ? "Vous avez été expulsé par l'administrateur." : clip(body.reason());
        String what = "kick " + name;
        int closed = chat.kick(name, reason);
        if (closed == 0) {
            fail(req, res, what, Status.NOT_FOUND_404, "unknown_user", "user.not.connected", name);
            return;
        }
        audit.action(req, what, "disconnected " + closed + " connection(s)");
        res.send(new Json.Disconnected(name, closed));
    }

    private void ban(ServerRequest req, ServerResponse res, boolean banned) {
        String name = req.path().pathParameters().get("name");
        String what = (banned ? "ban " : "unban ") + name;
        if (!store.setBanned(name, banned)) {
            fail(req, res, what, Status.NOT_FOUND_404, "unknown_user", "user.unknown", name);
            return;
        }
        int disconnected = banned ? chat.disconnectAccount(name, "Votre compte a été banni par l'administrateur.") : 0;
        audit.action(req, what, (banned ? "banned" : "unbanned") + (banned ? ", disconnected " + disconnected : ""));
        res.send(new Json.Ban(name, banned, disconnected));
    }

    private void messages(ServerRequest req, ServerResponse res) {
        Optional<int[]> paging = paging(req, res);
        if (paging.isEmpty()) {
            return;
        }
        String channel = req.query().first("channel").orElse(null);
        if (channel != null) {
            Optional<String> canonical = ChannelName.normalize(channel);
            if (canonical.isEmpty() || !knownChannel(canonical.get())) {
                res.status(Status.NOT_FOUND_404).send(Json.error("unknown_channel", ApiTexts.of(req).t("channel.unknown", channel)));
                return;
            }
            channel = canonical.get();
        }
        String user = req.query().first("user").orElse(null);
        String from = req.query().first("from").orElse(null);
        String to = req.query().first("to").orElse(null);
        for (String time : new String[] {from, to}) {
            if (time != null && !validTime(time)) {
                res.status(Status.BAD_REQUEST_400).send(Json.error("bad_time", ApiTexts.of(req).t("time.bad", time)));
                return;
            }
        }
        Page<StoredMessage> page = store.messages(new MessageQuery(channel, user, from, to, paging.get()[0], paging.get()[1]));
        if (user != null && page.total() == 0 && store.user(user).isEmpty()) {
            res.status(Status.NOT_FOUND_404).send(Json.error("unknown_user", ApiTexts.of(req).t("user.no.messages", user)));
            return;
        }
        res.send(new Json.Page<>(page.items().stream().map(Json.Message::of).toList(), page.offset(), page.limit(),
                page.total()));
    }

    private boolean knownChannel(String name) {
        return chat.channels().stream().anyMatch(c -> c.name().equals(name)) || store.channelMessageCounts().containsKey(name);
    }

    private static boolean validTime(String time) {
        if (!TIME.matcher(time).matches()) {
            return false;
        }
        try {
            if (time.length() == 10) {
                LocalDate.parse(time);
            } else {
                LocalDateTime.parse(time);
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private void alert(ServerRequest req, ServerResponse res) {
        Json.Alert body = body(req, Json.Alert.class);
        String text = body == null || body.message() == null ? "" : body.message().strip();
        String channel = body == null || body.channel() == null || body.channel().isBlank() ? null : body.channel();
        String what = "alert to " + (channel == null ? "everyone" : channel);
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            fail(req, res, what, Status.BAD_REQUEST_400, "bad_request", "alert.text", MAX_TEXT);
            return;
        }
        OptionalInt delivered = chat.alert(text, channel);
        if (delivered.isEmpty()) {
            fail(req, res, what, Status.NOT_FOUND_404, "unknown_channel", "channel.unknown", channel);
            return;
        }
        String target = channel == null ? null : ChannelName.normalize(channel).orElseThrow();
        audit.action(req, what + " (" + text.length() + " chars)", "sent to " + delivered.getAsInt() + " connection(s)");
        res.send(new Json.Delivered(target, delivered.getAsInt()));
    }

    private void export(ServerRequest req, ServerResponse res) {
        String type = req.query().first("type").orElse("all");
        List<Kind> kinds = switch (type) {
            case "all" -> List.of(Kind.MESSAGES, Kind.USERS);
            case "messages" -> List.of(Kind.MESSAGES);
            case "users" -> List.of(Kind.USERS);
            default -> null;
        };
        String what = "export " + type;
        if (kinds == null) {
            fail(req, res, what, Status.BAD_REQUEST_400, "bad_request", "export.type", type);
            return;
        }
        try {
            List<Json.ExportedFile> files = exporter.export(kinds).stream()
                    .map(w -> new Json.ExportedFile(w.kind().label(), w.file().toAbsolutePath().toString(), w.rows()))
                    .toList();
            audit.action(req, what, files.stream().map(f -> f.path() + " (" + f.rows() + " rows)").toList().toString());
            res.status(Status.CREATED_201).send(new Json.Exports(files));
        } catch (IOException e) {
            DEBUG.log(Level.WARNING, "export failed", e);
            fail(req, res, what, Status.INTERNAL_SERVER_ERROR_500, "export_failed", "export.failed", e.getMessage());
        }
    }

    private void shutdown(ServerRequest req, ServerResponse res) {
        audit.action(req, "stop the server", "stopping");
        res.status(Status.ACCEPTED_202).send(new Json.Stopping(true));
        // Not on this request's thread: stopping includes stopping the web server that runs it.
        Thread.ofVirtual().name("admin-stop").start(stopServer);
    }

    /** offset and limit from the query, or empty after a 400 answer. */
    private Optional<int[]> paging(ServerRequest req, ServerResponse res) {
        int offset;
        int limit;
        try {
            offset = Integer.parseInt(req.query().first("offset").orElse("0"));
            limit = Integer.parseInt(req.query().first("limit").orElse(String.valueOf(defaultPageSize)));
        } catch (NumberFormatException e) {
            res.status(Status.BAD_REQUEST_400).send(Json.error("bad_paging", ApiTexts.of(req).t("paging.numbers")));
            return Optional.empty();
        }
        try {
            Page.checkBounds(offset, limit, MessageQuery.MAX_LIMIT);
            return Optional.of(new int[] {offset, limit});
        } catch (IllegalArgumentException e) {
            res.status(Status.BAD_REQUEST_400).send(Json.error("bad_paging",
                    ApiTexts.of(req).t("paging.bounds", MessageQuery.MAX_LIMIT, offset, limit)));
            return Optional.empty();
        }
    }

    /** The request's JSON body, or null when there is none or it does not parse. */
    private static <T> T body(ServerRequest req, Class<T> type) {
        if (!req.content().hasEntity()) {
            return null;
        }
        try {
            return req.content().as(type);
        } catch (RuntimeException e) {
            DEBUG.log(Level.FINE, "unreadable request body", e);
            return null;
        }
    }

    /** Refuses with {@code code}; the message is the text {@code key} of the request's language. */
    private void fail(ServerRequest req, ServerResponse res, String what, Status status, String code, String key,
                      Object... args) {
        audit.action(req, what, "refused: " + code);
        res.status(status).send(Json.error(code, ApiTexts.of(req).t(key, args)));
    }

    private static String clip(String text) {
        String stripped = text.strip();
        return stripped.length() > MAX_TEXT ? stripped.substring(0, MAX_TEXT) : stripped;
    }

    /** Storage failures become 503 with a JSON body rather than Helidon's plain-text 500. */
    static void storageFailed(ServerRequest req, ServerResponse res, StorageException e) {
        DEBUG.log(Level.WARNING, "storage failure during " + req.path().path(), e);
        res.status(Status.SERVICE_UNAVAILABLE_503).send(Json.error("storage_unavailable",
                ApiTexts.of(req).t("storage.unavailable", e.getMessage())));
    }
}
