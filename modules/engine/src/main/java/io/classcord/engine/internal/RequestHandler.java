package io.classcord.engine.internal;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.classcord.engine.ChatActivity;
import io.classcord.engine.EngineSettings;
import io.classcord.protocol.ClientFrame;
import io.classcord.protocol.ClientFrame.ChannelsRequest;
import io.classcord.protocol.ClientFrame.ChatMessage;
import io.classcord.protocol.ClientFrame.HistoryRequest;
import io.classcord.protocol.ClientFrame.JoinChannel;
import io.classcord.protocol.ClientFrame.LeaveChannel;
import io.classcord.protocol.ClientFrame.Login;
import io.classcord.protocol.ClientFrame.Ping;
import io.classcord.protocol.ClientFrame.Register;
import io.classcord.protocol.ClientFrame.StatusUpdate;
import io.classcord.protocol.ClientFrame.UsersRequest;
import io.classcord.protocol.Decoded;
import io.classcord.protocol.ErrorCode;
import io.classcord.protocol.LineReader;
import io.classcord.protocol.ServerFrame;
import io.classcord.storage.ChatStore;

/**
 * Reads one connection's lines on its virtual thread and hands each request to the part that
 * answers it. Everything that changes who the connection is happens on that one thread.
 */
final class RequestHandler implements Runnable {

    private static final Logger LOG = Logger.getLogger("classcord.chat");
    private static final Logger DEBUG = Logger.getLogger("classcord.chat.debug");

    private final Connection connection;
    private final ChatDirectory directory;
    private final EngineSettings settings;
    private final Guards guards;
    private final TokenBucket rate;
    // Whether the last line was refused by the rate limit: one security event per burst.
    private boolean rateLimited;
    private final Replies replies;
    private final AccountRequests accounts;
    private final MessageRequests messages;
    private final ChannelRequests channels;

    RequestHandler(Connection connection, ChatDirectory directory, ChatStore store, EngineSettings settings,
                   NamePolicy names, Guards guards) {
        this.connection = connection;
        this.directory = directory;
        this.settings = settings;
        this.guards = guards;
        this.rate = new TokenBucket(settings.messagesPerSecond(), settings.messageBurst());
        this.replies = new Replies(connection, directory);
        this.accounts = new AccountRequests(connection, directory, store, settings, names, guards, replies);
        this.messages = new MessageRequests(connection, directory, store, settings, accounts, replies);
        this.channels = new ChannelRequests(connection, directory, store, settings, guards, replies);
    }

    @Override
    public void run() {
        LOG.info(() -> "[CONNECT] New connection from " + connection.ip() + " (" + connection.remote() + ")");
        presence(ChatActivity.PresenceKind.CONNECTED, null);
        String reason = "closed by client";
        try {
            LineReader reader = new LineReader(new PartialLineDeadline(connection.input(), connection.socket(),
                    settings.partialLineTimeout()), settings.maxLineBytes());
            LineReader.Line line;
            while (accounts.closing() == null && (line = reader.next()) != null) {
                switch (line) {
                    case LineReader.Line.TooLong tooLong -> replies.reject(ErrorCode.TOO_LONG,
                            replies.text("line.too_long", tooLong.limit()));
                    case LineReader.Line.Text text -> onLine(text.text());
                }
            }
            if (accounts.closing() != null) {
                reason = accounts.closing();
            }
        } catch (PartialLineDeadline.Expired e) {
            reason = "too slow: " + e.getMessage();
            LOG.warning(() -> "[LIMIT] " + connection.logName() + " (" + connection.remote()
                    + ") left a line unfinished too long (" + e.getMessage() + "): disconnected");
            security(ChatActivity.SecurityKind.SLOW_CLIENT, e.getMessage());
        } catch (IOException e) {
            reason = connection.isClosed() ? "closed by server" : "connection error: " + e.getMessage();
        } catch (RuntimeException e) {
            reason = "internal error";
            DEBUG.log(Level.SEVERE, "Requests of " + connection.remote() + " failed", e);
        } finally {
            end(reason);
        }
    }

    private void onLine(String text) {
        if (text.isBlank()) {
            return;
        }
        long readAtNanos = System.nanoTime();
        if (!rate.tryTake()) {
            // One event per burst, not one per line: a flood must not flood the teacher's page too.
            if (!rateLimited) {
                rateLimited = true;
                security(ChatActivity.SecurityKind.RATE_LIMITED, null);
            }
            replies.reject(ErrorCode.RATE_LIMITED, replies.text("rate.messages"));
            return;
        }
        rateLimited = false;
        switch (directory.codec().decode(text)) {
            case Decoded.Failed failed -> replies.reject(failed.error().code(), failed.error().message());
            case Decoded.Frame frame -> handle(frame.frame(), readAtNanos);
        }
    }

    /** {@code readAtNanos}: when the line was read, the start of a message's delivery latency. */
    private void handle(ClientFrame frame, long readAtNanos) {
        if (!(frame instanceof ChatMessage)) {
            // Only consecutive chat messages overlap their commits; anything else the client does
            // (a status, a join, a ping, a login) is seen by others after its earlier messages.
            messages.awaitStored();
        }
        if (isExtensionRequest(frame)) {
            connection.extensionsWanted();
        }
        switch (frame) {
            case Register register -> accounts.register(register);
            case Login login -> accounts.login(login);
            case ChatMessage message -> messages.message(message, readAtNanos);
            case StatusUpdate status -> status(status);
            case UsersRequest ignored -> {
                connection.send(new ServerFrame.UserList(directory.userNames()));
                connection.startReceiving();
            }
            case JoinChannel join -> channels.join(join);
            case LeaveChannel leave -> channels.leave(leave);
            case ChannelsRequest ignored -> connection.send(new ServerFrame.ChannelList(directory.channelInfos()));
            case HistoryRequest history -> channels.history(history);
            case Ping ping -> connection.send(new ServerFrame.Pong(ping.id()));
        }
    }

    /**
     * A request only a client that knows the extensions sends; {@code /join} typed in a chat box does
     * not count, since any course client can type it.
     */
    private static boolean isExtensionRequest(ClientFrame frame) {
        return switch (frame) {
            case JoinChannel join -> !join.typedAsContent();
            case LeaveChannel leave -> !leave.typedAsContent();
            case ChannelsRequest ignored -> true;
            case HistoryRequest ignored -> true;
            case Ping ignored -> true;
            default -> false;
        };
    }

    private void status(StatusUpdate status) {
        connection.startReceiving();
        String state = RelayedText.state(status.state());
        if (state == null) {
            replies.reject(ErrorCode.BAD_REQUEST, replies.text("state.invalid", RelayedText.MAX_STATE_LENGTH));
            return;
        }
        connection.state(state);
        String name = connection.name();
        if (name == null) {
            return;
        }
        directory.toEveryone(new ServerFrame.Presence(name, state), connection);
    }

    private void end(String reason) {
        // Messages sent just before leaving are delivered before the "offline" status.
        messages.awaitStored();
        boolean anonymous = !connection.isLoggedIn();
        String name = connection.name();
        boolean last = directory.remove(connection);
        connection.release();
        guards.ipLimits().closed(connection.address(), anonymous);
        if (last) {
            directory.toEveryone(new ServerFrame.Presence(name, "offline"), connection);
        }
        LOG.info(() -> "[DISCONNECT] " + connection.logName() + " (" + connection.remote() + ") " + reason);
        presence(ChatActivity.PresenceKind.DISCONNECTED, name);
    }

    private void presence(ChatActivity.PresenceKind kind, String name) {
        directory.listener().activity(new ChatActivity.Presence(kind, name, connection.ip(), connection.currentChannel(),
                directory.clock().instant()));
    }

    private void security(ChatActivity.SecurityKind kind, String detail) {
        directory.listener().activity(new ChatActivity.Security(kind, connection.ip(), connection.name(), detail,
                directory.clock().instant()));
    }
}
