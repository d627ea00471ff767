package io.classcord.engine.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.classcord.engine.EngineListener;
import io.classcord.engine.EngineSettings;
import io.classcord.protocol.ChannelName;
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
import io.classcord.protocol.ServerFrame.Delivery;
import io.classcord.protocol.ServerFrame.ErrorReply;
import io.classcord.protocol.ServerFrame.Notice;
import io.classcord.protocol.ServerFrame.NoticeKind;
import io.classcord.protocol.WireTime;
import io.classcord.storage.Account;
import io.classcord.storage.ChatStore;
import io.classcord.storage.NewMessage;
import io.classcord.storage.RegistrationResult;
import io.classcord.storage.StorageException;
import io.classcord.storage.StoredMessage;

/**
 * Reads one connection's lines on its virtual thread and answers them. Everything that changes who
 * the connection is happens here, on that one thread.
 */
public final class Session implements Runnable {

    private static final Logger LOG = Logger.getLogger("classcord.chat");
    private static final Logger DEBUG = Logger.getLogger("classcord.chat.debug");
    private static final String DEFAULT_GUEST_NAME = "invité";
    // The course clients look for these exact texts.
    private static final String NAME_TAKEN_TEXT = "Username already exists.";
    private static final String LOGIN_FAILED_TEXT = "Login failed.";

    private final Connection connection;
    private final Hub hub;
    private final ChatStore store;
    private final EngineSettings settings;
    private final Names names;
    private final IpLimits ipLimits;
    private final LoginThrottle loginThrottle;
    private final TokenBucket rate;
    // When the line being handled was read: the start of a message's delivery latency.
    private long lineReadNanos;
    /** Completes once this connection's latest message is stored and delivered (or refused). */
    private CompletableFuture<?> lastStored = CompletableFuture.completedFuture(null);

    Session(Connection connection, Hub hub, ChatStore store, EngineSettings settings, Names names, IpLimits ipLimits,
            LoginThrottle loginThrottle) {
        this.connection = connection;
        this.hub = hub;
        this.store = store;
        this.settings = settings;
        this.names = names;
        this.ipLimits = ipLimits;
        this.loginThrottle = loginThrottle;
        this.rate = new TokenBucket(settings.messagesPerSecond(), settings.messageBurst());
    }

    @Override
    public void run() {
        LOG.info(() -> "[CONNECT] New connection from " + connection.ip() + " (" + connection.remote() + ")");
        String reason = "closed by client";
        try {
            LineReader reader = new LineReader(new PartialLineDeadline(connection.input(), connection.socket(),
                    settings.partialLineTimeout()), settings.maxLineBytes());
            LineReader.Line line;
            while ((line = reader.next()) != null) {
                switch (line) {
                    case LineReader.Line.TooLong tooLong -> reject(ErrorCode.TOO_LONG,
                            "Ligne trop longue (maximum " + tooLong.limit() + " octets).");
                    case LineReader.Line.Text text -> onLine(text.text());
                }
            }
        } catch (PartialLineDeadline.Expired e) {
            reason = "too slow: " + e.getMessage();
            LOG.warning(() -> "[LIMIT] " + connection.displayName() + " (" + connection.remote()
                    + ") left a line unfinished too long (" + e.getMessage() + "): disconnected");
        } catch (IOException e) {
            reason = connection.isClosed() ? "closed by server" : "connection error: " + e.getMessage();
        } catch (RuntimeException e) {
            reason = "internal error";
            DEBUG.log(Level.SEVERE, "Session of " + connection.remote() + " failed", e);
        } finally {
            end(reason);
        }
    }

    private void onLine(String text) {
        if (text.isBlank()) {
            return;
        }
        lineReadNanos = System.nanoTime();
        if (!rate.tryTake()) {
            reject(ErrorCode.RATE_LIMITED, "Trop de messages : ralentissez.");
            return;
        }
        switch (hub.codec().decode(text)) {
            case Decoded.Failed failed -> reject(failed.error().code(), failed.error().message());
            case Decoded.Frame frame -> handle(frame.frame());
        }
    }

    private void handle(ClientFrame frame) {
        if (!(frame instanceof ChatMessage)) {
            // Only consecutive chat messages overlap their commits; anything else the client does
            // (a status, a join, a ping, a login) is seen by others after its earlier messages.
            awaitStored();
        }
        switch (frame) {
            case Register register -> register(register);
            case Login login -> login(login);
            case ChatMessage message -> message(message);
            case StatusUpdate status -> status(status);
            case UsersRequest ignored -> {
                connection.send(new ServerFrame.UserList(hub.userNames()));
                activate();
            }
            case JoinChannel join -> join(join);
            case LeaveChannel leave -> leave(leave);
            case ChannelsRequest ignored -> connection.send(new ServerFrame.ChannelList(hub.channelInfos()));
            case HistoryRequest history -> history(history);
            case Ping ping -> connection.send(new ServerFrame.Pong(ping.id()));
        }
    }

    private void register(Register request) {
        String username = request.username();
        Optional<String> problem = Names.problem(username);
        if (problem.isPresent()) {
            reject(ErrorCode.INVALID_NAME, problem.get());
            return;
        }
        if (names.isReserved(username)) {
            reject(ErrorCode.NAME_TAKEN, NAME_TAKEN_TEXT);
            return;
        }
        if (request.password().isEmpty()) {
            reject(ErrorCode.BAD_REQUEST, "Le mot de passe est vide.");
            return;
        }
        RegistrationResult result;
        try {
            result = store.register(username, request.password());
        } catch (StorageException e) {
            storageFailed("register", e);
            return;
        }
        if (result == RegistrationResult.NAME_TAKEN) {
            LOG.info(() -> "[REGISTER] Name already taken: " + username + " from " + connection.ip());
            reject(ErrorCode.NAME_TAKEN, NAME_TAKEN_TEXT);
            return;
        }
        LOG.info(() -> "[REGISTER] New account " + username + " from " + connection.ip());
        connection.send(new ServerFrame.RegisterOk());
    }

    private void login(Login request) {
        long retryAfter = loginThrottle.retryAfterSeconds(connection.address());
        if (retryAfter > 0) {
            // Still the fail2ban line: a refused attempt is a failed one, and the filter counts them.
            LOG.warning(() -> "[LOGIN] Failed login attempt from " + connection.ip() + " (throttled: too many failures, "
                    + "retry in " + retryAfter + " s)");
            reject(ErrorCode.RATE_LIMITED, "Trop de tentatives de connexion échouées depuis votre adresse : réessayez dans "
                    + retryAfter + " s.");
            return;
        }
        Optional<Account> account;
        try {
            account = store.authenticate(request.username(), request.password());
        } catch (StorageException e) {
            storageFailed("login", e);
            return;
        }
        if (account.isEmpty()) {
            loginThrottle.failed(connection.address());
            LOG.warning(() -> "[LOGIN] Failed login attempt from " + connection.ip());
            hub.listener().loginFailed();
            reject(ErrorCode.AUTH_FAILED, LOGIN_FAILED_TEXT);
            return;
        }
        Account user = account.get();
        if (user.banned()) {
            LOG.warning(() -> "[LOGIN] Banned account " + user.username() + " refused from " + connection.ip());
            reject(ErrorCode.BANNED, "Ce compte est banni.");
            return;
        }
        boolean wasAnonymous = !connection.isLoggedIn();
        dropIdentity();
        // Queued before the connection becomes a broadcast target: clients read this reply
        // synchronously as the very next line.
        connection.send(new ServerFrame.LoginOk(user.username()));
        connection.identify(user.username(), user);
        if (wasAnonymous) {
            ipLimits.loggedIn(connection.address());
        }
        boolean first = hub.rememberName(connection);
        LOG.info(() -> "[LOGIN] " + user.username() + " logged in from " + connection.ip());
        if (first) {
            hub.toEveryone(new ServerFrame.Presence(user.username(), "online"), connection);
        }
        if (!settings.welcomeMessage().isEmpty()) {
            sendNotice(new Notice(NoticeKind.WELCOME, settings.welcomeMessage()));
        }
    }

    /** Gives up the current name (re-login or guest becoming a user); announces it if nobody else has it. */
    private void dropIdentity() {
        String previous = connection.name();
        if (previous != null && hub.forgetName(connection)) {
            hub.toEveryone(new ServerFrame.Presence(previous, "offline"), connection);
        }
    }

    private void message(ChatMessage message) {
        if (!ensureSender(message.from())) {
            return;
        }
        String content = Names.cleanContent(message.content());
        if (content.isBlank()) {
            // A guest client announces itself with an empty message: it is now present, nothing to deliver.
            return;
        }
        if (message.isPrivate()) {
            privateMessage(message.to(), content);
        } else {
            channelMessage(message.channel(), content);
        }
    }

    /** Makes sure the connection has a name to send under: its account, or a guest name. */
    private boolean ensureSender(String from) {
        if (connection.name() != null) {
            return true;
        }
        if (!settings.guestsAllowed()) {
            reject(ErrorCode.NOT_LOGGED_IN, "Connectez-vous d'abord (les invités ne sont pas acceptés).");
            return false;
        }
        String guestName = from == null || from.isBlank() ? DEFAULT_GUEST_NAME : from.strip();
        Optional<String> problem = Names.problem(guestName);
        if (problem.isPresent()) {
            reject(ErrorCode.INVALID_NAME, problem.get());
            return false;
        }
        boolean taken;
        try {
            taken = (names.isReserved(guestName) && !guestName.equals(DEFAULT_GUEST_NAME))
                    || store.isRegistered(guestName);
        } catch (StorageException e) {
            storageFailed("guest name check", e);
            return false;
        }
        if (taken) {
            reject(ErrorCode.NAME_TAKEN, NAME_TAKEN_TEXT);
            return false;
        }
        connection.identify(guestName, null);
        boolean first = hub.rememberName(connection);
        LOG.info(() -> "[GUEST] " + guestName + " chats as a guest from " + connection.ip());
        if (first) {
            hub.toEveryone(new ServerFrame.Presence(guestName, "online"), connection);
        }
        return true;
    }

    private void channelMessage(String requestedChannel, String content) {
        String channelName = requestedChannel == null ? connection.currentChannel() : canonical(requestedChannel);
        if (channelName == null) {
            return;
        }
        Optional<Channel> found = hub.channel(channelName);
        if (found.isEmpty()) {
            reject(ErrorCode.UNKNOWN_CHANNEL, "Canal inconnu : " + channelName);
            return;
        }
        Channel channel = found.get();
        if (!channel.mayEnter(connection)) {
            reject(ErrorCode.FORBIDDEN, "Le canal " + channel.name() + " est réservé aux administrateurs.");
            return;
        }
        if (!channel.isOpen()) {
            reject(ErrorCode.CHANNEL_CLOSED, "Le canal " + channel.name() + " est fermé.");
            return;
        }
        String timestamp = WireTime.now(hub.clock());
        String sender = connection.name();
        Delivery delivery = new Delivery(sender, content, "global", "global", channel.name(), timestamp);
        long readAt = lineReadNanos;
        persistThen(null, channel.name(), content, timestamp, () -> {
            int delivered = hub.toChannel(channel, delivery, connection);
            delivered(channel.name(), delivered, readAt);
            if (settings.logMessages()) {
                LOG.info(() -> "[MESSAGE] " + sender + " -> " + channel.name() + " (" + content.length()
                        + " chars, " + delivered + " recipients)");
            }
        });
    }

    private void privateMessage(String to, String content) {
        String recipientKey = Names.key(to.strip());
        if (!hub.isOnline(recipientKey)) {
            reject(ErrorCode.UNKNOWN_USER, "Utilisateur inconnu ou hors ligne : " + to);
            return;
        }
        String recipient = hub.connectionsNamed(recipientKey).stream().map(Connection::name)
                .filter(java.util.Objects::nonNull).findFirst().orElse(to);
        String timestamp = WireTime.now(hub.clock());
        String sender = connection.name();
        Delivery delivery = new Delivery(sender, content, "private", recipient, null, timestamp);
        long readAt = lineReadNanos;
        persistThen(recipient, null, content, timestamp, () -> {
            int delivered = hub.toName(recipientKey, delivery);
            delivered(EngineListener.PRIVATE, delivered, readAt);
            if (settings.logMessages()) {
                LOG.info(() -> "[PRIVATE] " + sender + " -> " + recipient + " (" + content.length()
                        + " chars, " + delivered + " connections)");
            }
        });
    }

    private void delivered(String channel, int recipients, long readAtNanos) {
        EngineListener listener = hub.listener();
        listener.messageReceived(channel);
        listener.messageDelivered(channel, recipients, java.time.Duration.ofNanos(System.nanoTime() - readAtNanos));
    }

    /**
     * Queues the message for the shared commit and delivers it once committed (never before), on the
     * store's writer thread. The connection meanwhile reads its next line: waiting here capped each
     * sender at one message per commit (an fsync). Commits complete in order, so one sender's
     * messages are still delivered in the order they were sent.
     */
    private void persistThen(String recipient, String channel, String content, String timestamp, Runnable deliver) {
        Account account = connection.account();
        CompletableFuture<StoredMessage> stored;
        try {
            stored = store.appendAsync(new NewMessage(account == null ? null : account.id(), connection.name(), channel,
                    recipient, content, timestamp));
        } catch (StorageException e) {
            storageFailed("message", e);
            return;
        }
        lastStored = stored.handle((message, failure) -> {
            if (failure == null) {
                deliver.run();
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                storageFailed("message", cause instanceof StorageException storage ? storage
                        : new StorageException(cause.getMessage(), cause));
            }
            return null;
        });
    }

    /**
     * Waits until this connection's queued messages are stored (and delivered, or refused): a pong or
     * a history then reflects everything the client sent before it.
     */
    private void awaitStored() {
        try {
            lastStored.join();
        } catch (RuntimeException e) {
            DEBUG.log(Level.FINE, "delivery after commit failed", e);
        }
    }

    private void status(StatusUpdate status) {
        activate();
        connection.state(status.state());
        String name = connection.name();
        if (name == null) {
            return;
        }
        hub.toEveryone(new ServerFrame.Presence(name, status.state()), connection);
    }

    /** An anonymous connection starts receiving broadcasts once it has shown it listens. */
    private void activate() {
        if (!connection.isReceiving()) {
            connection.startReceiving();
        }
    }

    private void join(JoinChannel request) {
        String name = canonical(request.channel());
        if (name == null) {
            return;
        }
        Optional<Channel> found = hub.channel(name);
        if (found.isEmpty()) {
            if (!settings.userChannelsAllowed()) {
                reject(ErrorCode.UNKNOWN_CHANNEL, "Canal inconnu : " + name, request.typedAsContent());
                return;
            }
            found = hub.createChannel(name);
            if (found.isEmpty()) {
                reject(ErrorCode.UNKNOWN_CHANNEL, "Canal inconnu et nombre maximal de canaux atteint : " + name,
                        request.typedAsContent());
                return;
            }
            LOG.info(() -> "[CHANNEL] " + connection.displayName() + " created " + name);
        }
        Channel channel = found.get();
        if (!channel.mayEnter(connection)) {
            reject(ErrorCode.FORBIDDEN, "Le canal " + name + " est réservé aux administrateurs.", request.typedAsContent());
            return;
        }
        if (!channel.isOpen()) {
            reject(ErrorCode.CHANNEL_CLOSED, "Le canal " + name + " est fermé.", request.typedAsContent());
            return;
        }
        activate();
        hub.join(connection, channel);
        LOG.info(() -> "[CHANNEL] " + connection.displayName() + " joined " + name);
        connection.send(new ServerFrame.Joined(name));
        if (request.typedAsContent()) {
            connection.send(serverMessage("Vous avez rejoint " + name + ".", name));
        }
    }

    private void leave(LeaveChannel request) {
        String name = canonical(request.channel());
        if (name == null) {
            return;
        }
        Optional<Channel> found = hub.channel(name);
        if (found.isEmpty()) {
            reject(ErrorCode.UNKNOWN_CHANNEL, "Canal inconnu : " + name, request.typedAsContent());
            return;
        }
        hub.leave(connection, found.get());
        LOG.info(() -> "[CHANNEL] " + connection.displayName() + " left " + name);
        connection.send(new ServerFrame.Left(name));
        if (request.typedAsContent()) {
            connection.send(serverMessage("Vous avez quitté " + name + ".", connection.currentChannel()));
        }
    }

    private void history(HistoryRequest request) {
        String name = request.channel() == null ? connection.currentChannel() : canonical(request.channel());
        if (name == null) {
            return;
        }
        int limit = request.limit() == null ? settings.historyDefaultLimit() : request.limit();
        if (limit < 1 || limit > settings.historyMaxLimit()) {
            reject(ErrorCode.BAD_REQUEST, "'limit' doit être entre 1 et " + settings.historyMaxLimit() + ".");
            return;
        }
        Optional<Channel> found = hub.channel(name);
        if (found.isEmpty()) {
            reject(ErrorCode.UNKNOWN_CHANNEL, "Canal inconnu : " + name);
            return;
        }
        if (!found.get().mayEnter(connection)) {
            reject(ErrorCode.FORBIDDEN, "Le canal " + name + " est réservé aux administrateurs.");
            return;
        }
        List<StoredMessage> stored;
        try {
            stored = store.history(name, limit);
        } catch (StorageException e) {
            storageFailed("history", e);
            return;
        }
        List<Delivery> messages = stored.stream()
                .map(m -> new Delivery(m.sender(), m.content(), "global", "global", m.channel(), m.timestamp()))
                .toList();
        connection.send(new ServerFrame.History(name, messages));
    }

    /** The canonical channel name, or null after answering that it is invalid. */
    private String canonical(String raw) {
        Optional<String> name = ChannelName.normalize(raw);
        if (name.isEmpty()) {
            reject(ErrorCode.UNKNOWN_CHANNEL, "Nom de canal invalide : " + raw);
            return null;
        }
        return name.get();
    }

    private Delivery serverMessage(String text, String channel) {
        return new Delivery(ServerFrame.SERVER_SENDER, text, "global", "global", channel, WireTime.now(hub.clock()));
    }

    private void sendNotice(Notice notice) {
        connection.send(notice);
        connection.send(notice.asMessage(WireTime.now(hub.clock())));
    }

    private void storageFailed(String what, StorageException e) {
        LOG.severe(() -> "[STORAGE] " + what + " for " + connection.displayName() + " failed: " + e.getMessage());
        DEBUG.log(Level.SEVERE, "Storage failure during " + what, e);
        reject(ErrorCode.SERVER_ERROR, "Erreur du serveur : le message n'a pas été enregistré, réessayez.");
    }

    private void reject(ErrorCode code, String text) {
        reject(code, text, false);
    }

    /** Error reply; also as a message from the server when the request was typed in a chat box. */
    private void reject(ErrorCode code, String text, boolean typedAsContent) {
        DEBUG.fine(() -> "[REJECT] " + code.wireName() + " to " + connection.remote() + ": " + text);
        hub.listener().lineRejected(code);
        connection.send(new ErrorReply(code, text));
        if (typedAsContent) {
            connection.send(serverMessage(text, connection.currentChannel()));
        }
    }

    private void end(String reason) {
        // Messages sent just before leaving are delivered before the "offline" status.
        awaitStored();
        boolean anonymous = !connection.isLoggedIn();
        String name = connection.name();
        boolean last = hub.remove(connection);
        connection.release();
        ipLimits.closed(connection.address(), anonymous);
        if (last) {
            hub.toEveryone(new ServerFrame.Presence(name, "offline"), connection);
        }
        LOG.info(() -> "[DISCONNECT] " + connection.displayName() + " (" + connection.remote() + ") " + reason);
    }
}
