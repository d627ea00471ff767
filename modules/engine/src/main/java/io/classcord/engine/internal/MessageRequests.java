package io.classcord.engine.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.classcord.engine.ChatActivity;
import io.classcord.engine.EngineListener;
import io.classcord.engine.EngineSettings;
import io.classcord.identity.Identity;
import io.classcord.protocol.ClientFrame.ChatMessage;
import io.classcord.protocol.ErrorCode;
import io.classcord.protocol.ServerFrame.Delivery;
import io.classcord.protocol.WireTime;
import io.classcord.storage.Account;
import io.classcord.storage.ChatStore;
import io.classcord.storage.NewMessage;
import io.classcord.storage.StorageException;
import io.classcord.storage.StoredMessage;

/**
 * Chat messages of one connection, to a channel or to a person: stored, then delivered. Runs on the
 * connection's reading thread; delivery runs once the message is committed.
 */
final class MessageRequests {

    private static final Logger LOG = Logger.getLogger("classcord.chat");
    private static final Logger DEBUG = Logger.getLogger("classcord.chat.debug");

    private final Connection connection;
    private final ChatDirectory directory;
    private final ChatStore store;
    private final EngineSettings settings;
    private final AccountRequests accounts;
    private final Replies replies;
    /** Completes once this connection's latest message is stored and delivered (or refused). */
    private CompletableFuture<?> lastStored = CompletableFuture.completedFuture(null);

    MessageRequests(Connection connection, ChatDirectory directory, ChatStore store, EngineSettings settings,
                    AccountRequests accounts, Replies replies) {
        this.connection = connection;
        this.directory = directory;
        this.store = store;
        this.settings = settings;
        this.accounts = accounts;
        this.replies = replies;
    }

    void message(ChatMessage message, long readAtNanos) {
        if (!accounts.ensureSender(message.from())) {
            return;
        }
        String content = RelayedText.clean(message.content());
        if (content.isBlank()) {
            // A guest client announces itself with an empty message: it is now present, nothing to deliver.
            return;
        }
        if (message.isPrivate()) {
            String to = message.to() == null ? "" : message.to().strip();
            if (to.isEmpty() || "global".equalsIgnoreCase(to)) {
                // Never a broadcast: what was meant for one person must not reach the channel.
                replies.reject(ErrorCode.BAD_REQUEST, replies.text("private.no_recipient"));
                return;
            }
            privateMessage(to, content, readAtNanos);
        } else {
            channelMessage(message.channel(), content, readAtNanos);
        }
    }

    private void channelMessage(String requestedChannel, String content, long readAt) {
        String channelName = requestedChannel == null ? connection.currentChannel() : replies.canonicalChannel(requestedChannel);
        if (channelName == null) {
            return;
        }
        Optional<Channel> found = directory.channel(channelName);
        if (found.isEmpty()) {
            replies.reject(ErrorCode.UNKNOWN_CHANNEL, replies.text("channel.unknown", channelName));
            return;
        }
        Channel channel = found.get();
        if (!replies.granted(channel.mayPost(connection), channel, false)) {
            return;
        }
        String timestamp = WireTime.now(directory.clock());
        String sender = connection.name();
        Delivery delivery = new Delivery(sender, content, "global", "global", channel.name(), timestamp);
        persistThen(null, channel.name(), content, timestamp, round -> {
            int delivered = directory.toChannel(channel, delivery, connection, round);
            delivered(channel.name(), delivered, readAt);
            posted(channel.name(), sender, null, content);
            if (settings.logMessages()) {
                LOG.info(() -> "[MESSAGE] " + LogText.quote(sender) + " -> " + LogText.quote(channel.name()) + " ("
                        + content.length()
                        + " chars, " + delivered + " recipients)");
            }
        });
    }

    private void privateMessage(String to, String content, long readAt) {
        String recipientKey = Identity.key(to);
        // Taken once: the holder may leave at any moment, and an empty set must be refused, not stored.
        Set<Connection> addressed = Set.copyOf(directory.connectionsNamed(recipientKey));
        if (addressed.isEmpty()) {
            replies.reject(ErrorCode.UNKNOWN_USER, replies.text("user.unknown", RelayedText.clean(to)));
            return;
        }
        String recipient = addressed.stream().map(Connection::name)
                .filter(Objects::nonNull).findFirst().orElse(to);
        String timestamp = WireTime.now(directory.clock());
        String sender = connection.name();
        Delivery delivery = new Delivery(sender, content, "private", recipient, null, timestamp);
        persistThen(recipient, null, content, timestamp, round -> {
            int delivered = directory.toName(recipientKey, addressed, delivery, round);
            delivered(EngineListener.PRIVATE, delivered, readAt);
            posted(null, sender, recipient, content);
            if (settings.logMessages()) {
                LOG.info(() -> "[PRIVATE] " + LogText.quote(sender) + " -> " + LogText.quote(recipient) + " ("
                        + content.length()
                        + " chars, " + delivered + " connections)");
            }
        });
    }

    private void posted(String channel, String sender, String recipient, String content) {
        directory.listener().activity(new ChatActivity.Posted(channel, sender, recipient, content,
                directory.clock().instant()));
    }

    private void delivered(String channel, int recipients, long readAtNanos) {
        EngineListener listener = directory.listener();
        listener.messageReceived(channel);
        listener.messageDelivered(channel, recipients, java.time.Duration.ofNanos(System.nanoTime() - readAtNanos));
    }

    /**
     * Queues the message for the shared commit and delivers it once committed (never before), through
     * the dispatcher. The connection meanwhile reads its next line: waiting here capped each sender at
     * one message per commit (an fsync). Commits complete in order and the dispatcher keeps that
     * order, so one sender's messages are still delivered in the order they were sent.
     */
    private void persistThen(String recipient, String channel, String content, String timestamp,
                             java.util.function.Consumer<Dispatcher.Round> deliver) {
        Account account = connection.account();
        CompletableFuture<StoredMessage> stored;
        try {
            stored = store.appendAsync(new NewMessage(account == null ? null : account.id(), connection.name(), channel,
                    recipient, content, timestamp));
        } catch (StorageException e) {
            replies.storageFailed("message", e);
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        lastStored = done;
        stored.whenComplete((message, failure) -> {
            if (failure == null) {
                directory.dispatch(round -> {
                    try {
                        deliver.accept(round);
                    } finally {
                        // Once queued, not merely added to the round: the sender's next reply (a
                        // pong) must not overtake a copy of its message to its own connections.
                        round.whenSent(() -> done.complete(null));
                    }
                });
            } else {
                // The refusal goes out before the sender's next reply (a pong waits for this).
                try {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    replies.storageFailed("message", cause instanceof StorageException storage ? storage
                            : new StorageException(cause.getMessage(), cause));
                } finally {
                    done.complete(null);
                }
            }
        });
    }

    /**
     * Waits until this connection's queued messages are stored (and delivered, or refused): a pong or
     * a history then reflects everything the client sent before it.
     */
    void awaitStored() {
        try {
            lastStored.join();
        } catch (RuntimeException e) {
            DEBUG.log(Level.FINE, "delivery after commit failed", e);
        }
    }
}
