package io.classcord.engine.internal;

import io.classcord.identity.Identity;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.logging.Logger;

import io.classcord.engine.ChannelState;
import io.classcord.engine.ChatActivity;
import io.classcord.engine.ChatAdmin;
import io.classcord.engine.ConnectedClient;
import io.classcord.protocol.ChannelName;
import io.classcord.protocol.ServerFrame;
import io.classcord.protocol.ServerFrame.Notice;
import io.classcord.protocol.ServerFrame.NoticeKind;
import io.classcord.protocol.WireTime;
import io.classcord.storage.ChatStore;

/** {@link ChatAdmin} on the directory: reads its live state and sends notices through the connections' queues. */
final class Administration implements ChatAdmin {

    private static final Logger LOG = Logger.getLogger("classcord.chat");
    /** How long a kicked connection's writer may take to send its last lines before the socket is closed anyway. */
    private static final long KICK_GRACE_MILLIS = 2000;

    private final ChatDirectory directory;
    private final ChatStore store;

    Administration(ChatDirectory directory, ChatStore store) {
        this.directory = directory;
        this.store = store;
    }

    @Override
    public List<ConnectedClient> clients() {
        return directory.connections().stream()
                .sorted(Comparator.comparing(Connection::connectedAt).thenComparing(Connection::remote))
                .map(Administration::describe)
                .toList();
    }

    private static ConnectedClient describe(Connection c) {
        return new ConnectedClient(c.name(), c.ip(), c.socket().getPort(), c.isLoggedIn(), c.isAdmin(),
                c.currentChannel(), new TreeSet<>(c.channels()).stream().toList(), c.state(), c.connectedAt(),
                c.bytesReceived(), c.linesReceived(), c.bytesSent(), c.linesSent());
    }

    @Override
    public List<ChannelState> channels() {
        Map<String, Long> stored = store.channelMessageCounts();
        return directory.channels().stream()
                .sorted(Comparator.comparing(Channel::name))
                .map(channel -> {
                    TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                    int connections = 0;
                    for (Connection member : channel.members()) {
                        connections++;
                        if (member.name() != null) {
                            names.add(member.name());
                        }
                    }
                    return new ChannelState(channel.name(), channel.adminOnly(), channel.isOpen(), List.copyOf(names),
                            connections, stored.getOrDefault(channel.name(), 0L));
                })
                .toList();
    }

    @Override
    public int loggedInUsers() {
        Set<String> accounts = new HashSet<>();
        for (Connection connection : directory.connections()) {
            if (connection.isLoggedIn()) {
                accounts.add(connection.nameKey());
            }
        }
        return accounts.size();
    }

    @Override
    public OptionalInt alert(String text, String channelName) {
        if (channelName == null) {
            return OptionalInt.of(notify(new Notice(NoticeKind.ALERT, text), connection -> true));
        }
        Optional<Channel> channel = find(channelName);
        if (channel.isEmpty()) {
            return OptionalInt.empty();
        }
        Set<Connection> members = channel.get().members();
        return OptionalInt.of(notify(new Notice(NoticeKind.ALERT, text, channel.get().name()), members::contains));
    }

    @Override
    public int kick(String name, String reason) {
        return disconnect(name, reason, connection -> true, "notice.kicked", ChatActivity.SecurityKind.KICKED);
    }

    @Override
    public int disconnectAccount(String username, String reason) {
        return disconnect(username, reason, Connection::isLoggedIn, "notice.banned", ChatActivity.SecurityKind.BANNED);
    }

    private int disconnect(String name, String reason, Predicate<Connection> which, String toOthersKey,
                           ChatActivity.SecurityKind kind) {
        List<Connection> targets = directory.connectionsNamed(Identity.key(name.strip())).stream().filter(which).toList();
        if (targets.isEmpty()) {
            return 0;
        }
        String shown = targets.getFirst().name();
        Set<Connection> kicked = Set.copyOf(targets);
        // Told before the sockets close, so the others read why before the "offline" status.
        notify(new Notice(NoticeKind.NOTICE, directory.texts().get(toOthersKey, shown)), connection -> !kicked.contains(connection));
        String timestamp = WireTime.now(directory.clock());
        Notice notice = new Notice(NoticeKind.KICK, reason);
        for (Connection target : targets) {
            // After what is already queued for it, so the kicked client reads why it is going.
            target.finish(notice, timestamp, false);
            Thread.ofVirtual().name("kick " + target.remote()).start(() -> target.awaitFinished(KICK_GRACE_MILLIS));
        }
        LOG.info(() -> "[ADMIN] Disconnected " + targets.size() + " connection(s) of " + LogText.quote(shown) + ": "
                + LogText.quote(reason));
        directory.listener().activity(new ChatActivity.Security(kind, targets.getFirst().ip(), shown, reason,
                directory.clock().instant()));
        return targets.size();
    }

    @Override
    public Outcome createChannel(String name) {
        Optional<String> canonical = ChannelName.normalize(name);
        if (canonical.isEmpty() || NamePolicy.channelNameRefusal(canonical.get(), directory.texts()).isPresent()) {
            return Outcome.INVALID_NAME;
        }
        if (directory.channel(canonical.get()).isPresent()) {
            return Outcome.UNCHANGED;
        }
        // A teacher's creation is not counted against any address's allowance.
        return switch (directory.createChannel(canonical.get(), () -> true)) {
            case ChatDirectory.Creation.Found(Channel channel, boolean created) -> created ? Outcome.DONE : Outcome.UNCHANGED;
            case ChatDirectory.Creation.AtCapacity() -> Outcome.LIMIT_REACHED;
            case ChatDirectory.Creation.Refused() -> Outcome.LIMIT_REACHED;
        };
    }

    @Override
    public Outcome closeChannel(String name) {
        return setOpen(name, false, "channel.closed_by_admin");
    }

    @Override
    public Outcome reopenChannel(String name) {
        return setOpen(name, true, "channel.reopened");
    }

    private Outcome setOpen(String name, boolean open, String toldKey) {
        if (ChannelName.normalize(name).isEmpty()) {
            return Outcome.INVALID_NAME;
        }
        Optional<Channel> channel = find(name);
        if (channel.isEmpty()) {
            return Outcome.UNKNOWN_CHANNEL;
        }
        Channel found = channel.get();
        if (!(open ? found.reopen() : found.close())) {
            return Outcome.UNCHANGED;
        }
        notify(new Notice(NoticeKind.NOTICE, directory.texts().get(toldKey, found.name()), found.name()),
                found.members()::contains);
        return Outcome.DONE;
    }

    private Optional<Channel> find(String name) {
        return ChannelName.normalize(name).flatMap(directory::channel);
    }

    /**
     * Sends a notice to every listening connection that {@code to} accepts: as a message to all, and
     * typed first to those that asked for extensions.
     */
    private int notify(Notice notice, Predicate<Connection> to) {
        byte[] typed = Connection.encode(directory.codec(), notice);
        byte[] asMessage = Connection.encode(directory.codec(), notice.asMessage(WireTime.now(directory.clock())));
        int reached = 0;
        for (Connection connection : directory.connections()) {
            if (!connection.isReceiving() || !to.test(connection)) {
                continue;
            }
            boolean queued = connection.getsTyped(notice)
                    ? connection.sendLine(typed) && connection.sendLine(asMessage)
                    : connection.sendLine(asMessage);
            if (queued) {
                reached++;
            }
        }
        return reached;
    }
}
