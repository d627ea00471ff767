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

import io.classcord.engine.ChannelSpec;
import io.classcord.engine.EngineListener;
import io.classcord.engine.EngineSettings;
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
public final class Hub {

    private final EngineSettings settings;
    private final FrameCodec codec;
    private final Clock clock;
    private final EngineListener listener;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Set<Connection>> byName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Channel> channels = new ConcurrentHashMap<>();
    private final ReentrantLock channelCreation = new ReentrantLock();
    private final String lobby;
    private volatile boolean stopping;

    public Hub(EngineSettings settings, FrameCodec codec, Clock clock, EngineListener listener) {
        this.settings = settings;
        this.codec = codec;
        this.clock = clock;
        this.listener = listener;
        for (ChannelSpec spec : settings.channels()) {
            String name = ChannelName.normalize(spec.name())
                    .orElseThrow(() -> new IllegalArgumentException("invalid channel name in configuration: " + spec.name()));
            channels.put(name, new Channel(name, spec.adminOnly()));
        }
        this.lobby = ChannelName.normalize(settings.channels().getFirst().name()).orElseThrow();
    }

    /** From now on nothing is broadcast: connections are being closed with the shutdown notice. */
    public void stopping() {
        stopping = true;
    }

    FrameCodec codec() {
        return codec;
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
        join(connection, channels.get(lobby));
    }

    /** Forgets a connection everywhere; true if it was the last connection of its name. */
    boolean remove(Connection connection) {
        connections.remove(connection);
        for (String channel : connection.channels()) {
            Channel joined = channels.get(channel);
            if (joined != null) {
                joined.members().remove(connection);
            }
        }
        connection.channels().clear();
        return forgetName(connection);
    }

    /** Indexes the connection under its current name; true if no other connection had that name. */
    boolean rememberName(Connection connection) {
        boolean[] first = {false};
        byName.compute(connection.nameKey(), (key, set) -> {
            Set<Connection> members = set == null ? ConcurrentHashMap.newKeySet() : set;
            first[0] = members.isEmpty();
            members.add(connection);
            return members;
        });
        return first[0];
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

    boolean isOnline(String nameKey) {
        return byName.containsKey(nameKey);
    }

    Set<Connection> connectionsNamed(String nameKey) {
        return byName.getOrDefault(nameKey, Set.of());
    }

    Set<Connection> connections() {
        return connections;
    }

    /** Names of everyone online, plain strings, sorted ignoring case. */
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

    Optional<Channel> channel(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    /** Creates a channel unless the cap is reached; returns the existing one if it appeared meanwhile. */
    Optional<Channel> createChannel(String name) {
        channelCreation.lock();
        try {
            Channel existing = channels.get(name);
            if (existing != null) {
                return Optional.of(existing);
            }
            if (channels.size() >= settings.maxChannels()) {
                return Optional.empty();
            }
            Channel created = new Channel(name, false);
            channels.put(name, created);
            return Optional.of(created);
        } finally {
            channelCreation.unlock();
        }
    }

    void join(Connection connection, Channel channel) {
        channel.members().add(connection);
        connection.channels().add(channel.name());
        connection.currentChannel(channel.name());
    }

    void leave(Connection connection, Channel channel) {
        channel.members().remove(connection);
        connection.channels().remove(channel.name());
        if (channel.name().equals(connection.currentChannel())) {
            connection.currentChannel(connection.channels().contains(lobby) ? lobby
                    : connection.channels().stream().findFirst().orElse(lobby));
        }
    }

    List<ChannelInfo> channelInfos() {
        List<ChannelInfo> infos = new ArrayList<>();
        for (Channel channel : channels.values()) {
            infos.add(new ChannelInfo(channel.name(), channel.members().size(), channel.adminOnly(), channel.isOpen()));
        }
        infos.sort(Comparator.comparing(ChannelInfo::name));
        return infos;
    }

    /** Sends one frame to every receiving member of a channel except {@code sender}; returns how many got it. */
    int toChannel(Channel channel, ServerFrame frame, Connection sender) {
        byte[] line = Connection.encode(codec, frame);
        int delivered = 0;
        for (Connection member : channel.members()) {
            if (member != sender && member.isReceiving() && member.sendLine(line)) {
                delivered++;
            }
        }
        return delivered;
    }

    /** Sends one frame to every connection of a name; returns how many got it. */
    int toName(String nameKey, ServerFrame frame) {
        byte[] line = Connection.encode(codec, frame);
        int delivered = 0;
        for (Connection connection : connectionsNamed(nameKey)) {
            if (connection.sendLine(line)) {
                delivered++;
            }
        }
        return delivered;
    }

    /** Sends one frame to every receiving connection except {@code sender}. */
    void toEveryone(ServerFrame frame, Connection sender) {
        if (stopping) {
            return;
        }
        byte[] line = Connection.encode(codec, frame);
        for (Connection connection : connections) {
            if (connection != sender && connection.isReceiving()) {
                connection.sendLine(line);
            }
        }
    }
}
