package io.classcord.engine.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import io.classcord.engine.ChannelSpec;
import io.classcord.engine.EngineListener;
import io.classcord.engine.EngineSettings;
import io.classcord.identity.Identity;
import io.classcord.protocol.ChannelName;
import io.classcord.protocol.FrameCodec;
import io.classcord.protocol.ServerFrame;
import io.classcord.protocol.ServerFrame.ChannelInfo;

/**
 * Who is connected, under which name, in which channels; and delivery to them.
 *
 * <p>All collections are concurrent: broadcasts iterate them while connections come and go, which
 * is what left ghost users in the original server. A connection is removed from every collection
 * by its own reading thread when it ends, so nothing refers to it afterwards.
 */
public final class ChatDirectory {

    private final EngineSettings settings;
    private final Texts texts;
    private final FrameCodec codec;
    private final Clock clock;
    private final EngineListener listener;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Set<Connection>> byName = new ConcurrentHashMap<>();
    // NamePolicy being registered right now: no guest may take one before the account exists.
    private final Set<String> registering = ConcurrentHashMap.newKeySet();
    // By Identity.key of the name, so that #ａdmin or #аdmin (Cyrillic а) find #admin instead of imitating it.
    private final ConcurrentHashMap<String, Channel> channels = new ConcurrentHashMap<>();
    // By exact canonical name: the names the engine holds itself (a connection's current channel, the
    // ones it joined) are found without folding, which costs an ICU skeleton on every chat message.
    private final ConcurrentHashMap<String, Channel> channelsByName = new ConcurrentHashMap<>();
    private final ReentrantLock channelCreation = new ReentrantLock();
    private final String lobby;
    private final Dispatcher dispatcher;
    private volatile boolean stopping;

    public ChatDirectory(EngineSettings settings, FrameCodec codec, Clock clock, EngineListener listener) {
        this.settings = settings;
        this.texts = Texts.of(settings.locale());
        this.codec = codec;
        this.clock = clock;
        this.listener = listener;
        this.dispatcher = new Dispatcher(settings.outboundQueueBytes());
        for (ChannelSpec spec : settings.channels()) {
            String name = ChannelName.normalize(spec.name())
                    .orElseThrow(() -> new IllegalArgumentException("invalid channel name in configuration: " + spec.name()));
            Channel channel = new Channel(name, spec.adminOnly());
            channels.put(Identity.key(name), channel);
            channelsByName.put(name, channel);
        }
        this.lobby = ChannelName.normalize(settings.channels().getFirst().name()).orElseThrow();
    }

    /**
     * From now on nothing is broadcast: connections are being closed with the shutdown notice. Returns
     * once what was handed over before is delivered.
     */
    public void stopping() {
        stopping = true;
        dispatcher.close();
    }

    /** Runs {@code delivery} on the dispatcher, after every delivery handed over before it. */
    void dispatch(java.util.function.Consumer<Dispatcher.Round> delivery) {
        dispatcher.submit(delivery);
    }

    FrameCodec codec() {
        return codec;
    }

    /** The texts for people, in the engine's language. */
    Texts texts() {
        return texts;
    }

    Clock clock() {
        return clock;
    }

    EngineListener listener() {
        return listener;
    }

    /** Every channel, in no particular order. */
    java.util.Collection<Channel> channels() {
        return channels.values();
    }

    /** The channel every connection starts in. */
    String lobby() {
        return lobby;
    }

    void add(Connection connection) {
        connections.add(connection);
        Channel start = channelsByName.get(lobby);
        start.place(connection);
        entered(connection, start);
    }

    /** Forgets a connection everywhere; true if it was the last connection of its name. */
    boolean remove(Connection connection) {
        connections.remove(connection);
        for (String channel : connection.channels()) {
            Channel joined = channelsByName.get(channel);
            if (joined != null) {
                joined.leave(connection);
            }
        }
        connection.channels().clear();
        return forgetName(connection);
    }

    /**
     * Indexes a logged-in connection under its account's name. Several connections of one account may
     * share it; a guest that held the name (possible only if the account was created behind the
     * engine's back, by an import or the console) loses it: it is returned, for the caller to disconnect.
     */
    Claim rememberName(Connection connection) {
        List<Connection> displaced = new ArrayList<>();
        boolean[] first = {false};
        byName.compute(connection.nameKey(), (key, set) -> {
            Set<Connection> members = set == null ? ConcurrentHashMap.newKeySet() : set;
            members.removeIf(other -> {
                boolean guest = other.account() == null;
                if (guest) {
                    displaced.add(other);
                }
                return guest;
            });
            first[0] = members.isEmpty();
            members.add(connection);
            return members;
        });
        return new Claim(first[0], displaced);
    }

    /** What indexing a name found: whether it is new online, and the guests that had to give it up. */
    record Claim(boolean first, List<Connection> displaced) {
    }

    /**
     * Indexes a guest under its name unless any other connection holds that name or an account of
     * that name is being registered: one name, one owner, so a private message never reaches two people.
     */
    boolean claimGuestName(Connection connection) {
        boolean[] claimed = {false};
        byName.compute(connection.nameKey(), (key, set) -> {
            if ((set != null && !set.isEmpty()) || registering.contains(key)) {
                return set;
            }
            claimed[0] = true;
            Set<Connection> members = ConcurrentHashMap.newKeySet();
            members.add(connection);
            return members;
        });
        return claimed[0];
    }

    /**
     * Marks {@code nameKey} as being registered, unless a guest holds it (false): the guest keeps its
     * name rather than see an account appear under it. {@link #registered} ends the mark.
     */
    boolean registering(String nameKey) {
        boolean[] free = {false};
        byName.compute(nameKey, (key, set) -> {
            free[0] = (set == null || set.stream().noneMatch(c -> c.account() == null)) && registering.add(key);
            return set;
        });
        return free[0];
    }

    void registered(String nameKey) {
        registering.remove(nameKey);
    }

    /** Removes the connection from the name index; true if it was the last one with that name. */
    boolean forgetName(Connection connection) {
        String key = connection.nameKey();
        if (key == null) {
            return false;
        }
        boolean[] last = {false};
        byName.computeIfPresent(key, (k, set) -> {
            last[0] = set.remove(connection) && set.isEmpty();
            return set.isEmpty() ? null : set;
        });
        return last[0];
    }

    Set<Connection> connectionsNamed(String nameKey) {
        return byName.getOrDefault(nameKey, Set.of());
    }

    Set<Connection> connections() {
        return connections;
    }

    /** NamePolicy of everyone online, plain strings, sorted ignoring case. */
    List<String> userNames() {
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Set<Connection> set : byName.values()) {
            for (Connection connection : set) {
                String name = connection.name();
                if (name != null) {
                    names.add(name);
                    break;
                }
            }
        }
        return List.copyOf(names);
    }

    /** The channel whose name is {@code name} or looks like it ({@link Identity#key}). */
    Optional<Channel> channel(String name) {
        Channel exact = channelsByName.get(name);
        return Optional.ofNullable(exact != null ? exact : channels.get(Identity.key(name)));
    }

    /** What became of a request to create a channel. */
    sealed interface Creation {
        /** The channel, {@code created} by this request or found because another one created it first. */
        record Found(Channel channel, boolean created) implements Creation { }
        /** {@code max-channels} is reached. */
        record AtCapacity() implements Creation { }
        /** The creator's allowance ({@code mayCreate}) said no. */
        record Refused() implements Creation { }
    }

    /**
     * Creates a channel unless the cap is reached or {@code mayCreate} refuses. {@code mayCreate} is
     * asked only when a channel is really made: clients racing to join the same new channel must not
     * each spend a creation from their address's allowance.
     */
    Creation createChannel(String name, BooleanSupplier mayCreate) {
        channelCreation.lock();
        try {
            String key = Identity.key(name);
            Channel existing = channels.get(key);
            if (existing != null) {
                return new Creation.Found(existing, false);
            }
            if (channels.size() >= settings.maxChannels()) {
                return new Creation.AtCapacity();
            }
            if (!mayCreate.getAsBoolean()) {
                return new Creation.Refused();
            }
            Channel created = new Channel(name, false);
            channels.put(key, created);
            channelsByName.put(name, created);
            return new Creation.Found(created, true);
        } finally {
            channelCreation.unlock();
        }
    }

    /** Joins {@code channel} if it admits the connection, which then posts there by default. */
    Channel.Access join(Connection connection, Channel channel) {
        Channel.Access access = channel.join(connection);
        if (access == Channel.Access.GRANTED) {
            entered(connection, channel);
        }
        return access;
    }

    private static void entered(Connection connection, Channel channel) {
        connection.channels().add(channel.name());
        connection.currentChannel(channel.name());
    }

    void leave(Connection connection, Channel channel) {
        channel.leave(connection);
        connection.channels().remove(channel.name());
        if (channel.name().equals(connection.currentChannel())) {
            connection.currentChannel(connection.channels().contains(lobby) ? lobby
                    : connection.channels().stream().findFirst().orElse(lobby));
        }
    }

    List<ChannelInfo> channelInfos() {
        List<ChannelInfo> infos = new ArrayList<>();
        for (Channel channel : channels.values()) {
            infos.add(new ChannelInfo(channel.name(), channel.memberCount(), channel.adminOnly(), channel.isOpen()));
        }
        infos.sort(Comparator.comparing(ChannelInfo::name));
        return infos;
    }

    /**
     * Adds one frame to {@code round} for every receiving member of a channel except {@code sender};
     * returns how many it is for.
     */
    int toChannel(Channel channel, ServerFrame frame, Connection sender, Dispatcher.Round round) {
        byte[] line = Connection.encode(codec, frame);
        int delivered = 0;
        for (Connection member : channel.members()) {
            if (member != sender && member.isReceiving() && round.add(member, line)) {
                delivered++;
            }
        }
        return delivered;
    }

    /**
     * Adds one frame to {@code round} for each of {@code addressed} that still holds the name; returns
     * how many it is for. A private message is stored before it is delivered: whoever took the name in
     * between (a guest, once its holder left) was not the one it was written to.
     */
    int toName(String nameKey, Set<Connection> addressed, ServerFrame frame, Dispatcher.Round round) {
        byte[] line = Connection.encode(codec, frame);
        int delivered = 0;
        for (Connection connection : connectionsNamed(nameKey)) {
            if (addressed.contains(connection) && round.add(connection, line)) {
                delivered++;
            }
        }
        return delivered;
    }

    /**
     * Sends one frame to every receiving connection except {@code sender}, through the dispatcher: when
     * a whole class connects at once, each client then gets the others' arrivals in a few writes.
     */
    void toEveryone(ServerFrame frame, Connection sender) {
        if (stopping) {
            return;
        }
        byte[] line = Connection.encode(codec, frame);
        long announcedAt = System.nanoTime();
        dispatcher.submit(round -> round.toEveryone(connections, line, sender, announcedAt));
    }
}
