package io.classcord.admin.service;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import io.classcord.admin.api.AlertDelivered;
import io.classcord.admin.api.BanChange;
import io.classcord.admin.api.ChannelChange;
import io.classcord.admin.api.ChannelCreated;
import io.classcord.admin.api.ChannelInfo;
import io.classcord.admin.api.ClientInfo;
import io.classcord.admin.api.Disconnected;
import io.classcord.admin.api.ExportedFile;
import io.classcord.admin.api.Exports;
import io.classcord.admin.api.Page;
import io.classcord.admin.api.Stopping;
import io.classcord.admin.api.StoredChatMessage;
import io.classcord.admin.api.UserAccount;
import io.classcord.admin.export.Exporter;
import io.classcord.admin.export.Exporter.Kind;
import io.classcord.engine.ChatActivity;
import io.classcord.engine.ChatAdmin;
import io.classcord.engine.ChatAdmin.Outcome;
import io.classcord.engine.ConnectedClient;
import io.classcord.engine.EngineListener;
import io.classcord.protocol.ChannelName;
import io.classcord.storage.ChatStore;
import io.classcord.storage.MessageQuery;
import io.classcord.storage.StoredMessage;
import io.classcord.storage.UserInfo;

/**
 * Every administration use case of a running server, in one place whoever calls it (the HTTP API
 * today, a teacher's dashboard tomorrow): each returns the API's records or throws
 * {@link AdminRefusedException}, and each action writes its audit line, done or refused.
 */
public final class ClassroomAdmin {

    /** The most characters of an alert or a kick reason. */
    public static final int MAX_TEXT = 2000;

    private static final Logger DEBUG = Logger.getLogger("classcord.admin.debug");
    private static final Pattern LOCAL_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?");
    private static final String DEFAULT_KICK_REASON = "Vous avez été expulsé par l'administrateur.";
    private static final String BAN_NOTICE = "Votre compte a été banni par l'administrateur.";

    private final ChatAdmin chat;
    private final ChatStore store;
    private final Exporter exporter;
    private final Runnable stopServer;
    private final EngineListener events;
    private final AuditLog audit = new AuditLog();

    /**
     * @param stopServer stops the whole server; {@link #stop} runs it on its own thread
     * @param events     told of the sanctions the engine cannot see (an unban, the ban of an account
     *                   that is offline), e.g. the dashboard's feed
     */
    public ClassroomAdmin(ChatAdmin chat, ChatStore store, Exporter exporter, Runnable stopServer, EngineListener events) {
        this.chat = chat;
        this.store = store;
        this.exporter = exporter;
        this.stopServer = stopServer;
        this.events = events;
    }

    public List<ClientInfo> clients() {
        return chat.clients().stream().map(ClientInfo::of).toList();
    }

    public List<ChannelInfo> channels() {
        return chat.channels().stream().map(ChannelInfo::of).toList();
    }

    /** Accounts by name, {@code search} (or null) in their name. */
    public Page<UserAccount> users(String search, int offset, int limit) {
        checkPaging(offset, limit);
        io.classcord.storage.Page<UserInfo> page = store.users(search, offset, limit);
        List<ConnectedClient> clients = chat.clients();
        return new Page<>(page.items().stream().map(u -> UserAccount.of(u, connections(clients, u))).toList(),
                page.offset(), page.limit(), page.total());
    }

    public UserAccount user(String name) {
        UserInfo user = store.user(name)
                .orElseThrow(() -> new AdminRefusedException(Refusal.UNKNOWN_USER, "user.unknown", name));
        return UserAccount.of(user, connections(chat.clients(), user));
    }

    public Page<StoredChatMessage> messages(MessageFilter filter) {
        checkPaging(filter.offset(), filter.limit());
        String channel = filter.channel() == null ? null : knownChannel(filter.channel());
        for (String time : new String[] {filter.from(), filter.to()}) {
            if (time != null && !validLocalTime(time)) {
                throw new AdminRefusedException(Refusal.BAD_TIME, "time.bad", time);
            }
        }
        io.classcord.storage.Page<StoredMessage> page = store.messages(new MessageQuery(channel, filter.user(),
                filter.from(), filter.to(), filter.offset(), filter.limit()));
        if (filter.user() != null && page.total() == 0 && store.user(filter.user()).isEmpty()) {
            throw new AdminRefusedException(Refusal.UNKNOWN_USER, "user.no.messages", filter.user());
        }
        return new Page<>(page.items().stream().map(StoredChatMessage::of).toList(), page.offset(), page.limit(),
                page.total());
    }

    public ChannelCreated createChannel(Actor actor, String name) {
        String what = "create channel " + name;
        Outcome outcome = name == null ? Outcome.INVALID_NAME : chat.createChannel(name);
        return switch (outcome) {
            case DONE -> {
                audit.action(actor, what, "created");
                yield new ChannelCreated(ChannelName.normalize(name).orElseThrow());
            }
            case UNCHANGED -> throw refused(actor, what, Refusal.CHANNEL_EXISTS, "channel.exists", name);
            case LIMIT_REACHED -> throw refused(actor, what, Refusal.TOO_MANY_CHANNELS, "channel.too.many");
            default -> throw refused(actor, what, Refusal.INVALID_CHANNEL, "channel.give.name");
        };
    }

    public ChannelChange closeChannel(Actor actor, String name) {
        return setOpen(actor, name, false);
    }

    public ChannelChange reopenChannel(Actor actor, String name) {
        return setOpen(actor, name, true);
    }

    private ChannelChange setOpen(Actor actor, String name, boolean open) {
        String what = (open ? "reopen" : "close") + " channel " + name;
        Outcome outcome = open ? chat.reopenChannel(name) : chat.closeChannel(name);
        return switch (outcome) {
            case DONE, UNCHANGED -> {
                boolean changed = outcome == Outcome.DONE;
                audit.action(actor, what, changed ? (open ? "reopened" : "closed") : "unchanged");
                yield new ChannelChange(ChannelName.normalize(name).orElseThrow(), open, changed);
            }
            case UNKNOWN_CHANNEL -> throw refused(actor, what, Refusal.UNKNOWN_CHANNEL, "channel.unknown", name);
            default -> throw refused(actor, what, Refusal.INVALID_CHANNEL, "channel.invalid", name);
        };
    }

    /** Disconnects every connection of {@code name}; {@code reason} null or blank gives the default text. */
    public Disconnected kick(Actor actor, String name, String reason) {
        String what = "kick " + name;
        String shown = reason == null || reason.isBlank() ? DEFAULT_KICK_REASON : clip(reason);
        int closed = chat.kick(name, shown);
        if (closed == 0) {
            throw refused(actor, what, Refusal.UNKNOWN_USER, "user.not.connected", name);
        }
        audit.action(actor, what, "disconnected " + closed + " connection(s)");
        return new Disconnected(name, closed);
    }

    /** Bans the account and disconnects its connections. */
    public BanChange ban(Actor actor, String name) {
        String what = "ban " + name;
        if (!store.setBanned(name, true)) {
            throw refused(actor, what, Refusal.UNKNOWN_USER, "user.unknown", name);
        }
        int disconnected = chat.disconnectAccount(name, BAN_NOTICE);
        audit.action(actor, what, "banned, disconnected " + disconnected);
        if (disconnected == 0) {
            // The engine reports the ban of a connected account itself, with its address.
            events.activity(new ChatActivity.Security(ChatActivity.SecurityKind.BANNED, null, name, null, Instant.now()));
        }
        return new BanChange(name, true, disconnected);
    }

    public BanChange unban(Actor actor, String name) {
        String what = "unban " + name;
        if (!store.setBanned(name, false)) {
            throw refused(actor, what, Refusal.UNKNOWN_USER, "user.unknown", name);
        }
        audit.action(actor, what, "unbanned");
        events.activity(new ChatActivity.Security(ChatActivity.SecurityKind.UNBANNED, null, name, null, Instant.now()));
        return new BanChange(name, false, 0);
    }

    /** Alerts everyone, or the members of {@code channel} when it is not null or blank. */
    public AlertDelivered alert(Actor actor, String text, String channel) {
        String stripped = text == null ? "" : text.strip();
        String target = channel == null || channel.isBlank() ? null : channel;
        String what = "alert to " + (target == null ? "everyone" : target);
        if (stripped.isEmpty() || stripped.length() > MAX_TEXT) {
            throw refused(actor, what, Refusal.BAD_REQUEST, "alert.text", MAX_TEXT);
        }
        OptionalInt delivered = chat.alert(stripped, target);
        if (delivered.isEmpty()) {
            throw refused(actor, what, Refusal.UNKNOWN_CHANNEL, "channel.unknown", target);
        }
        audit.action(actor, what + " (" + stripped.length() + " chars)", "sent to " + delivered.getAsInt() + " connection(s)");
        return new AlertDelivered(target == null ? null : ChannelName.normalize(target).orElseThrow(),
                delivered.getAsInt());
    }

    /** Writes the CSV exports: {@code type} is all, messages or users. */
    public Exports export(Actor actor, String type) {
        List<Kind> kinds = switch (type) {
            case "all" -> List.of(Kind.MESSAGES, Kind.USERS);
            case "messages" -> List.of(Kind.MESSAGES);
            case "users" -> List.of(Kind.USERS);
            default -> throw refused(actor, "export " + type, Refusal.BAD_REQUEST, "export.type", type);
        };
        try {
            List<ExportedFile> files = exporter.export(kinds).stream()
                    .map(w -> new ExportedFile(w.kind().label(), w.file().toAbsolutePath().toString(), w.rows()))
                    .toList();
            audit.action(actor, "export " + type, files.stream().map(f -> f.path() + " (" + f.rows() + " rows)").toList().toString());
            return new Exports(files);
        } catch (IOException e) {
            DEBUG.log(Level.WARNING, "export failed", e);
            throw refused(actor, "export " + type, Refusal.EXPORT_FAILED, "export.failed", e.getMessage());
        }
    }

    /**
     * Gives or takes the admin role ({@code role} is {@code admin} or {@code user}); it counts from
     * the account's next login. The last administrator keeps the role: taking it would leave the
     * dashboard with nobody to sign in (the {@code set-role} command can still fix that).
     */
    public UserAccount setRole(Actor actor, String name, String role) {
        String what = "set role of " + name + " to " + role;
        if (!"admin".equals(role) && !"user".equals(role)) {
            throw refused(actor, what, Refusal.BAD_REQUEST, "role.bad", role);
        }
        UserInfo user = store.user(name).orElseThrow(() -> refused(actor, what, Refusal.UNKNOWN_USER, "user.unknown", name));
        if ("user".equals(role) && "admin".equals(user.role()) && admins() <= 1) {
            throw refused(actor, what, Refusal.LAST_ADMIN, "role.last.admin", user.username());
        }
        if (!store.setRole(user.username(), role)) {
            throw refused(actor, what, Refusal.UNKNOWN_USER, "user.unknown", name);
        }
        audit.action(actor, what, role.equals(user.role()) ? "unchanged" : "done");
        return user(user.username());
    }

    /** A CSV file written by {@link #export}, by the plain name its answer gave; the download is audited. */
    public Path exportFile(Actor actor, String fileName) {
        // The name comes from the URL: only printable characters reach the audit line.
        String shown = fileName == null ? "" : fileName.codePoints().filter(c -> c >= 0x20 && c != 0x7f).limit(100)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        Path file = exporter.find(fileName)
                .orElseThrow(() -> refused(actor, "download export " + shown, Refusal.NO_SUCH_EXPORT,
                        "export.unknown", shown));
        audit.action(actor, "download export " + shown, "sent");
        return file;
    }

    private int admins() {
        int[] count = {0};
        store.forEachUser(u -> {
            if ("admin".equals(u.role())) {
                count[0]++;
            }
        });
        return count[0];
    }

    /**
     * Gives {@code answer} its reply, then stops the server on another thread: the caller (a web
     * request) is part of what stops, so it answers first.
     */
    public void stop(Actor actor, Consumer<Stopping> answer) {
        audit.action(actor, "stop the server", "stopping");
        answer.accept(new Stopping(true));
        Thread.ofVirtual().name("admin-stop").start(stopServer);
    }

    private AdminRefusedException refused(Actor actor, String what, Refusal refusal, String textKey, Object... args) {
        audit.action(actor, what, "refused: " + refusal.code());
        return new AdminRefusedException(refusal, textKey, args);
    }

    private static void checkPaging(int offset, int limit) {
        try {
            io.classcord.storage.Page.checkBounds(offset, limit, MessageQuery.MAX_LIMIT);
        } catch (IllegalArgumentException e) {
            throw new AdminRefusedException(Refusal.BAD_PAGING, "paging.bounds", MessageQuery.MAX_LIMIT, offset, limit);
        }
    }

    /** The canonical name of a live channel or of one with stored messages. */
    private String knownChannel(String name) {
        String canonical = ChannelName.normalize(name)
                .orElseThrow(() -> new AdminRefusedException(Refusal.UNKNOWN_CHANNEL, "channel.unknown", name));
        // The engine's list already carries the stored counts; the store is asked only for a channel
        // that is no longer live.
        boolean known = chat.channels().stream().anyMatch(c -> c.name().equals(canonical))
                || store.channelMessageCounts().containsKey(canonical);
        if (!known) {
            throw new AdminRefusedException(Refusal.UNKNOWN_CHANNEL, "channel.unknown", name);
        }
        return canonical;
    }

    private static int connections(List<ConnectedClient> clients, UserInfo user) {
        return (int) clients.stream().filter(c -> c.loggedIn() && user.username().equals(c.name())).count();
    }

    private static boolean validLocalTime(String time) {
        if (!LOCAL_TIME.matcher(time).matches()) {
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

    private static String clip(String text) {
        String stripped = text.strip();
        return stripped.length() > MAX_TEXT ? stripped.substring(0, MAX_TEXT) : stripped;
    }
}
