package io.classcord.engine.internal;

import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import io.classcord.engine.ChatActivity;
import io.classcord.engine.EngineSettings;
import io.classcord.protocol.ClientFrame.HistoryRequest;
import io.classcord.protocol.ClientFrame.JoinChannel;
import io.classcord.protocol.ClientFrame.LeaveChannel;
import io.classcord.protocol.ErrorCode;
import io.classcord.protocol.ServerFrame;
import io.classcord.protocol.ServerFrame.Delivery;
import io.classcord.storage.ChatStore;
import io.classcord.storage.StorageException;
import io.classcord.storage.StoredMessage;

/** Joining and leaving channels, and reading their history, for one connection. */
final class ChannelRequests {

    private static final Logger LOG = Logger.getLogger("classcord.chat");
    private static final int HISTORY_CHUNK = 32;

    private final Connection connection;
    private final ChatDirectory directory;
    private final ChatStore store;
    private final EngineSettings settings;
    private final Guards guards;
    private final Replies replies;

    ChannelRequests(Connection connection, ChatDirectory directory, ChatStore store, EngineSettings settings,
                    Guards guards, Replies replies) {
        this.connection = connection;
        this.directory = directory;
        this.store = store;
        this.settings = settings;
        this.guards = guards;
        this.replies = replies;
    }

    void join(JoinChannel request) {
        String name = replies.canonicalChannel(request.channel());
        if (name == null) {
            return;
        }
        Optional<Channel> found = directory.channel(name).or(() -> create(name, request.typedAsContent()));
        if (found.isEmpty()) {
            return;
        }
        Channel channel = found.get();
        String joined = channel.name();
        if (!replies.granted(directory.join(connection, channel), channel, request.typedAsContent())) {
            return;
        }
        connection.startReceiving();
        LOG.info(() -> "[CHANNEL] " + connection.logName() + " (" + connection.remote() + ") joined " + LogText.quote(joined));
        directory.listener().activity(new ChatActivity.Presence(ChatActivity.PresenceKind.JOINED, connection.name(),
                connection.ip(), joined, directory.clock().instant()));
        if (connection.wantsExtensions()) {
            connection.send(new ServerFrame.Joined(joined));
        }
        if (request.typedAsContent()) {
            connection.send(replies.serverMessage(replies.text("channel.joined", joined), joined));
        }
    }

    /** Creates the channel a join names, if this connection may; otherwise replies why and gives nothing. */
    private Optional<Channel> create(String name, boolean typedAsContent) {
        if (!settings.userChannelsAllowed()) {
            replies.reject(ErrorCode.UNKNOWN_CHANNEL, replies.text("channel.unknown", name), typedAsContent);
            return Optional.empty();
        }
        Optional<String> problem = NamePolicy.channelNameRefusal(name, directory.texts());
        if (problem.isPresent()) {
            replies.reject(ErrorCode.UNKNOWN_CHANNEL, problem.get(), typedAsContent);
            return Optional.empty();
        }
        return switch (directory.createChannel(name, () -> guards.channels().tryTake(connection.address()))) {
            case ChatDirectory.Creation.Found(Channel channel, boolean created) -> {
                if (created) {
                    LOG.info(() -> "[CHANNEL] " + connection.logName() + " (" + connection.remote() + ") created "
                            + LogText.quote(name));
                }
                yield Optional.of(channel);
            }
            case ChatDirectory.Creation.AtCapacity() -> {
                replies.reject(ErrorCode.UNKNOWN_CHANNEL, replies.text("channel.limit", name), typedAsContent);
                yield Optional.empty();
            }
            case ChatDirectory.Creation.Refused() -> {
                LOG.warning(() -> "[LIMIT] Channel creation refused for " + connection.logName() + " ("
                        + connection.remote() + "): too many channels created from this address or in total");
                replies.reject(ErrorCode.RATE_LIMITED, replies.text("rate.channels"), typedAsContent);
                yield Optional.empty();
            }
        };
    }

    void leave(LeaveChannel request) {
        String name = replies.canonicalChannel(request.channel());
        if (name == null) {
            return;
        }
        Optional<Channel> found = directory.channel(name);
        if (found.isEmpty()) {
            replies.reject(ErrorCode.UNKNOWN_CHANNEL, replies.text("channel.unknown", name), request.typedAsContent());
            return;
        }
        String left = found.get().name();
        directory.leave(connection, found.get());
        LOG.info(() -> "[CHANNEL] " + connection.logName() + " (" + connection.remote() + ") left " + LogText.quote(left));
        if (connection.wantsExtensions()) {
            connection.send(new ServerFrame.Left(left));
        }
        if (request.typedAsContent()) {
            connection.send(replies.serverMessage(replies.text("channel.left", left), connection.currentChannel()));
        }
    }

    void history(HistoryRequest request) {
        String name = request.channel() == null ? connection.currentChannel() : replies.canonicalChannel(request.channel());
        if (name == null) {
            return;
        }
        int limit = request.limit() == null ? settings.historyDefaultLimit() : request.limit();
        if (limit < 1 || limit > settings.historyMaxLimit()) {
            replies.reject(ErrorCode.BAD_REQUEST, replies.text("history.limit", settings.historyMaxLimit()));
            return;
        }
        Optional<Channel> found = directory.channel(name);
        if (found.isEmpty()) {
            replies.reject(ErrorCode.UNKNOWN_CHANNEL, replies.text("channel.unknown", name));
            return;
        }
        Channel channel = found.get();
        if (!replies.granted(channel.mayRead(connection), channel, false)) {
            return;
        }
        long before = request.before() == null ? Long.MAX_VALUE : request.before();
        ServerFrame.History page;
        try {
            guards.historyPages().acquireUninterruptibly();
            try {
                page = historyPage(channel.name(), limit, before);
            } finally {
                guards.historyPages().release();
            }
        } catch (StorageException e) {
            replies.storageFailed("history", e);
            return;
        }
        // Sent only after it is queued: the next request is read after this one's reply, so a client
        // that pipelines requests and never reads fills its own queue and is disconnected.
        connection.send(page);
    }

    /**
     * The newest messages older than {@code before}, at most {@code limit} and at most
     * {@code history-page-bytes} once encoded (an escaped accent takes six bytes): read from the store
     * a few at a time, newest first, so that neither the reply nor what it is built from grows past
     * the page. When messages were left out, the reply carries the cursor to ask for them.
     */
    private ServerFrame.History historyPage(String channel, int limit, long before) {
        java.util.ArrayList<Delivery> newestFirst = new java.util.ArrayList<>();
        long budget = settings.historyPageBytes() - 512L;
        long cursor = before;
        boolean more = false;
        fill:
        while (newestFirst.size() < limit) {
            int want = Math.min(HISTORY_CHUNK, limit - newestFirst.size());
            List<StoredMessage> chunk = store.historyBefore(channel, want, cursor);
            for (StoredMessage m : chunk) {
                Delivery delivery = new Delivery(m.sender(), m.content(), "global", "global", m.channel(), m.timestamp());
                long size = Connection.encode(directory.codec(), delivery).length;
                // The first message always goes in, however long: a page must never come back empty.
                if (size > budget && !newestFirst.isEmpty()) {
                    more = true;
                    break fill;
                }
                budget -= size;
                newestFirst.add(delivery);
                cursor = m.id();
            }
            if (chunk.size() < want) {
                break;
            }
        }
        return new ServerFrame.History(channel, newestFirst.reversed(), more ? cursor : null);
    }
}
