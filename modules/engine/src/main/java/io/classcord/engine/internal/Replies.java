package io.classcord.engine.internal;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.classcord.protocol.ChannelName;
import io.classcord.protocol.ErrorCode;
import io.classcord.protocol.ServerFrame;
import io.classcord.protocol.ServerFrame.Delivery;
import io.classcord.protocol.ServerFrame.ErrorReply;
import io.classcord.protocol.ServerFrame.Notice;
import io.classcord.protocol.WireTime;
import io.classcord.storage.BusyException;
import io.classcord.storage.StorageException;

/** Answers to one client: its texts in the engine's language, error replies, messages from the server. */
final class Replies {

    private static final Logger LOG = Logger.getLogger("classcord.chat");
    private static final Logger DEBUG = Logger.getLogger("classcord.chat.debug");

    private final Connection connection;
    private final ChatDirectory directory;

    Replies(Connection connection, ChatDirectory directory) {
        this.connection = connection;
        this.directory = directory;
    }

    /** A text for the client in the engine's language. */
    String text(String key, Object... args) {
        return directory.texts().get(key, args);
    }

    void reject(ErrorCode code, String text) {
        reject(code, text, false);
    }

    /** Error reply; also as a message from the server when the request was typed in a chat box. */
    void reject(ErrorCode code, String text, boolean typedAsContent) {
        DEBUG.fine(() -> "[REJECT] " + code.wireName() + " to " + connection.remote() + ": " + LogText.quote(text));
        directory.listener().lineRejected(code);
        connection.send(new ErrorReply(code, text));
        if (typedAsContent) {
            connection.send(serverMessage(text, connection.currentChannel()));
        }
    }

    Delivery serverMessage(String text, String channel) {
        return new Delivery(ServerFrame.SERVER_SENDER, text, "global", "global", channel, WireTime.now(directory.clock()));
    }

    /** The notice as a message, typed first for a client that asked for extensions. */
    void sendNotice(Notice notice) {
        if (connection.getsTyped(notice)) {
            connection.send(notice);
        }
        connection.send(notice.asMessage(WireTime.now(directory.clock())));
    }

    void storageFailed(String what, StorageException e) {
        if (e instanceof BusyException) {
            LOG.warning(() -> "[LIMIT] " + what + " for " + connection.logName() + " (" + connection.remote()
                    + ") refused: the server is busy hashing passwords");
            reject(ErrorCode.RATE_LIMITED, text("server.busy"));
            return;
        }
        LOG.severe(() -> "[STORAGE] " + what + " for " + connection.logName() + " (" + connection.remote() + ") failed: " + e.getMessage());
        DEBUG.log(Level.SEVERE, "Storage failure during " + what, e);
        reject(ErrorCode.SERVER_ERROR, text("server.error"));
    }

    /** The canonical channel name, or null after answering that it is invalid. */
    String canonicalChannel(String raw) {
        Optional<String> name = ChannelName.normalize(raw);
        if (name.isEmpty()) {
            reject(ErrorCode.UNKNOWN_CHANNEL, text("channel.invalid", raw));
            return null;
        }
        return name.get();
    }

    /** True if the channel granted the request; otherwise answers why not, once for join, post and read. */
    boolean granted(Channel.Access access, Channel channel, boolean typedAsContent) {
        switch (access) {
            case GRANTED -> {
                return true;
            }
            case ADMIN_ONLY -> reject(ErrorCode.FORBIDDEN, text("channel.admin_only", channel.name()), typedAsContent);
            case CLOSED -> reject(ErrorCode.CHANNEL_CLOSED, text("channel.closed", channel.name()), typedAsContent);
        }
        return false;
    }
}
