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
import io.classcord.identity.Identity;
import io.classcord.storage.Account;
import io.classcord.storage.BusyException;
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
    // Guests whose client sends no "from" get this prefix and a number: one name, one owner.
    private static final String ANONYMOUS_GUEST_PREFIX = "invité-";
    private static final int HISTORY_CHUNK = 32;
    // The course clients look for these exact texts: the same in every language (not in Texts).
    private static final String NAME_TAKEN_TEXT = "Username already exists.";
    private static final String LOGIN_FAILED_TEXT = "Login failed.";
    /** How long the last replies of a connection closed for failed logins may take to go out. */
    private static final long CLOSING_GRACE_MILLIS = 2000;

    private final Connection connection;
    private final ChatDirectory directory;
    private final ChatStore store;
    private final EngineSettings settings;
    private final NamePolicy names;
    private final Guards guards;
    private final TokenBucket rate;
    // When the line being handled was read: the start of a message's delivery latency.
    private long lineReadNanos;
    /** Completes once this connection's latest message is stored and delivered (or refused). */
    private CompletableFuture<?> lastStored = CompletableFuture.completedFuture(null);
    // Failed logins on this connection, never reset: a login that succeeds does not license guessing
    // the other accounts' passwords from the same socket.
    private int failedLogins;
    /** Why the server ends this connection itself; null while it reads on. */
    private String closing;

    Session(Connection connection, ChatDirectory directory, ChatStore store, EngineSettings settings, NamePolicy names, Guards guards) {
        this.connection = connection;
        this.directory = directory;
        this.store = store;
        this.settings = settings;
        this.names = names;
        this.guards = guards;
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
            while (closing == null && (line = reader.next()) != null) {
                switch (line) {
                    case LineReader.Line.TooLong tooLong -> reject(ErrorCode.TOO_LONG,
                            text("line.too_long", tooLong.limit()));
                    case LineReader.Line.Text text -> onLine(text.text());
                }
            }
            if (closing != null) {
                reason = closing;
            }
        } catch (PartialLineDeadline.Expired e) {
            reason = "too slow: " + e.getMessage();
            LOG.warning(() -> "[LIMIT] " + connection.logName() + " (" + connection.remote()
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
            reject(ErrorCode.RATE_LIMITED, text("rate.messages"));
            return;
        }
        switch (directory.codec().decode(text)) {
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
        if (isExtensionRequest(frame)) {
            connection.extensionsWanted();
        }
        switch (frame) {
            case Register register -> register(register);
            case Login login -> login(login);
            case ChatMessage message -> message(message);
            case StatusUpdate status -> status(status);
            case UsersRequest ignored -> {
                connection.send(new ServerFrame.UserList(directory.userNames()));
                activate();
            }
            case JoinChannel join -> join(join);
            case LeaveChannel leave -> leave(leave);
            case ChannelsRequest ignored -> connection.send(new ServerFrame.ChannelList(directory.channelInfos()));
            case HistoryRequest history -> history(history);
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

    private void register(Register request) {
        String username = Identity.canonical(request.username());
        Optional<String> problem = NamePolicy.userNameRefusal(username, directory.texts());
        if (problem.isPresent()) {
            reject(ErrorCode.INVALID_NAME, problem.get());
            return;
        }
        if (names.isReserved(username)) {
            reject(ErrorCode.NAME_TAKEN, NAME_TAKEN_TEXT);
            return;
        }
        if (request.password().isEmpty()) {
            reject(ErrorCode.BAD_REQUEST, text("password.empty"));
            return;
        }
        if (!guards.registrations().tryTake(connection.address())) {
            LOG.warning(() -> "[LIMIT] Account creation refused for " + connection.ip()
                    + ": too many accounts created from this address or in total");
            reject(ErrorCode.RATE_LIMITED, text("rate.accounts"));
            return;
        }
        String key = Identity.key(username);
        if (!directory.registering(key)) {
            LOG.info(() -> "[REGISTER] Name held by a guest online: " + LogText.quote(username) + " from " + connection.ip());
            reject(ErrorCode.NAME_TAKEN, NAME_TAKEN_TEXT);
            return;
        }
        RegistrationResult result;
        try {
            result = store.register(username, request.password());
        } catch (StorageException e) {
            storageFailed("register", e);
            return;
        } finally {
            directory.registered(key);
        }
        if (result == RegistrationResult.NAME_TAKEN) {
            LOG.info(() -> "[REGISTER] Name already taken: " + LogText.quote(username) + " from " + connection.ip());
            reject(ErrorCode.NAME_TAKEN, NAME_TAKEN_TEXT);
            return;
        }
        LOG.info(() -> "[REGISTER] New account " + LogText.quote(username) + " from " + connection.ip());
        connection.send(new ServerFrame.RegisterOk());
    }

    private void login(Login request) {
        long retryAfter = guards.loginThrottle().retryAfterSeconds(connection.address());
        if (retryAfter > 0) {
            // Still the fail2ban line: a refused attempt is a failed one, and the filter counts them.
            LOG.warning(() -> "[LOGIN] Failed login attempt from " + connection.ip() + " (throttled: too many failures, "
                    + "retry in " + retryAfter + " s)");
            reject(ErrorCode.RATE_LIMITED, text("rate.logins", retryAfter));
            loginFailedOnThisConnection();
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
            guards.loginThrottle().failed(connection.address());
            LOG.warning(() -> "[LOGIN] Failed login attempt from " + connection.ip());
            directory.listener().loginFailed();
            reject(ErrorCode.AUTH_FAILED, LOGIN_FAILED_TEXT);
            loginFailedOnThisConnection();
            return;
        }
        Account user = account.get();
        if (user.banned()) {
            LOG.warning(() -> "[LOGIN] Banned account " + LogText.quote(user.username()) + " refused from "
                    + connection.ip());
            reject(ErrorCode.BANNED, text("account.banned"));
            return;
        }
        boolean wasAnonymous = !connection.isLoggedIn();
        dropIdentity();
        // Queued before the connection becomes a broadcast target: clients read this reply
        // synchronously as the very next line.
        connection.send(new ServerFrame.LoginOk(user.username()));
        connection.identify(user.username(), user);
        if (wasAnonymous) {
            guards.ipLimits().loggedIn(connection.address());
        }
        ChatDirectory.Claim claim = directory.rememberName(connection);
        LOG.info(() -> "[LOGIN] " + LogText.quote(user.username()) + " logged in from " + connection.ip());
        for (Connection guest : claim.displaced()) {
            LOG.warning(() -> "[GUEST] " + guest.logName() + " (" + guest.remote() + ") disconnected: the account "
                    + "of that name logged in");
            guest.finish(new Notice(NoticeKind.KICK, text("guest.displaced")),
                    WireTime.now(directory.clock()), false);
        }
        boolean first = claim.first();
        if (first) {
            directory.toEveryone(new ServerFrame.Presence(user.username(), "online"), connection);
        }
        if (!settings.welcomeMessage().isEmpty()) {
            sendNotice(new Notice(NoticeKind.WELCOME, settings.welcomeMessage()));
        }
    }

    /**
     * Counts a failed login (one fail2ban counts too) and closes the connection at the limit: the
     * firewall only stops new connections, and a banned attacker must not keep guessing on this one.
     * The reply to the failed attempt goes first, then an error that says why the connection ends:
     * a client on its login screen shows errors and nothing else.
     */
    private void loginFailedOnThisConnection() {
        failedLogins++;
        int limit = settings.failedLoginsPerConnection();
        if (limit == 0 || failedLogins < limit) {
            return;
        }
        LOG.warning(() -> "[LOGIN] " + connection.logName() + " (" + connection.remote() + ") disconnected after "
                + limit + " failed logins on this connection");
        reject(ErrorCode.RATE_LIMITED, text("login.connection_closed", limit));
        connection.finish(null, WireTime.now(directory.clock()), false);
        connection.awaitFinished(CLOSING_GRACE_MILLIS);
        closing = "closed by server after " + limit + " failed logins";
    }

    /** Gives up the current name (re-login or guest becoming a user); announces it if nobody else has it. */
    private void dropIdentity() {
        String previous = connection.name();
        if (previous != null && directory.forgetName(connection)) {
            directory.toEveryone(new ServerFrame.Presence(previous, "offline"), connection);
        }
    }

    private void message(ChatMessage message) {
        if (!ensureSender(message.from())) {
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
                reject(ErrorCode.BAD_REQUEST, text("private.no_recipient"));
                return;
            }
            privateMessage(to, content);
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
            reject(ErrorCode.NOT_LOGGED_IN, text("guest.refused"));
            return false;
        }
        if (from == null || from.isBlank()) {
            return claimAnonymousGuestName();
        }
        String guestName = Identity.canonical(from.strip());
        Optional<String> problem = NamePolicy.userNameRefusal(guestName, directory.texts());
        if (problem.isPresent()) {
            reject(ErrorCode.INVALID_NAME, problem.get());
            return false;
        }
        if (names.isReserved(guestName)) {
            reject(ErrorCode.NAME_TAKEN, NAME_TAKEN_TEXT);
            return false;
        }
        return switch (claimGuestName(guestName)) {
            case CLAIMED -> true;
            case FAILED -> false;
            case TAKEN -> {
                reject(ErrorCode.NAME_TAKEN, NAME_TAKEN_TEXT);
                yield false;
            }
        };
    }

    /** A client that names no sender gets {@code invité-NNNN}, free at that moment, shown in {@code users}. */
    private boolean claimAnonymousGuestName() {
        java.util.random.RandomGenerator random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 50; attempt++) {
            int bound = attempt < 20 ? 10_000 : 1_000_000;
            String candidate = ANONYMOUS_GUEST_PREFIX + (bound / 10 + random.nextInt(bound - bound / 10));
            switch (claimGuestName(candidate)) {
                case CLAIMED -> {
                    return true;
                }
                case FAILED -> {
                    return false;
                }
                case TAKEN -> {
                    // Another number.
                }
            }
        }
        reject(ErrorCode.NAME_TAKEN, NAME_TAKEN_TEXT);
        return false;
    }

    private enum Claimed { CLAIMED, TAKEN, FAILED }

    /**
     * Takes {@code guestName} for this connection if no one online holds it and no account has it. The
     * account check comes after the claim: an account registered in between is then seen, and a
     * registration that starts after the claim is refused by the directory, so the name has one owner.
     */
    private Claimed claimGuestName(String guestName) {
        connection.identify(guestName, null);
        if (!directory.claimGuestName(connection)) {
            connection.identify(null, null);
            return Claimed.TAKEN;
        }
        boolean registered;
        try {
            registered = store.isRegistered(guestName);
        } catch (StorageException e) {
            directory.forgetName(connection);
            connection.identify(null, null);
            storageFailed("guest name check", e);
            return Claimed.FAILED;
        }
        if (registered) {
            directory.forgetName(connection);
            connection.identify(null, null);
            return Claimed.TAKEN;
        }
        LOG.info(() -> "[GUEST] " + LogText.quote(guestName) + " chats as a guest from " + connection.ip());
        directory.toEveryone(new ServerFrame.Presence(guestName, "online"), connection);
        return Claimed.CLAIMED;
    }

    private void channelMessage(String requestedChannel, String content) {
        String channelName = requestedChannel == null ? connection.currentChannel() : canonical(requestedChannel);
        if (channelName == null) {
            return;
        }
        Optional<Channel> found = directory.channel(channelName);
        if (found.isEmpty()) {
            reject(ErrorCode.UNKNOWN_CHANNEL, text("channel.unknown", channelName));
            return;
        }
        Channel channel = found.get();
        if (!granted(channel.mayPost(connection), channel, false)) {
            return;
        }
        String timestamp = WireTime.now(directory.clock());
        String sender = connection.name();
        Delivery delivery = new Delivery(sender, content, "global", "global", channel.name(), timestamp);
        long readAt = lineReadNanos;
        persistThen(null, channel.name(), content, timestamp, () -> {
            int delivered = directory.toChannel(channel, delivery, connection);
            delivered(channel.name(), delivered, readAt);
            if (settings.logMessages()) {
                LOG.info(() -> "[MESSAGE] " + LogText.quote(sender) + " -> " + LogText.quote(channel.name()) + " ("
                        + content.length()
                        + " chars, " + delivered + " recipients)");
            }
        });
    }

    private void privateMessage(String to, String content) {
        String recipientKey = Identity.key(to);
        if (!directory.isOnline(recipientKey)) {
            reject(ErrorCode.UNKNOWN_USER, text("user.unknown", RelayedText.clean(to)));
            return;
        }
        String recipient = directory.connectionsNamed(recipientKey).stream().map(Connection::name)
                .filter(java.util.Objects::nonNull).findFirst().orElse(to);
        String timestamp = WireTime.now(directory.clock());
        String sender = connection.name();
        Delivery delivery = new Delivery(sender, content, "private", recipient, null, timestamp);
        long readAt = lineReadNanos;
        persistThen(recipient, null, content, timestamp, () -> {
            int delivered = directory.toName(recipientKey, delivery);
            delivered(EngineListener.PRIVATE, delivered, readAt);
            if (settings.logMessages()) {
                LOG.info(() -> "[PRIVATE] " + LogText.quote(sender) + " -> " + LogText.quote(recipient) + " ("
                        + content.length()
                        + " chars, " + delivered + " connections)");
            }
        });
    }

    private void delivered(String channel, int recipients, long readAtNanos) {
        EngineListener listener = directory.listener();
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
        String state = RelayedText.state(status.state());
        if (state == null) {
            reject(ErrorCode.BAD_REQUEST, text("state.invalid", RelayedText.MAX_STATE_LENGTH));
            return;
        }
        connection.state(state);
        String name = connection.name();
        if (name == null) {
            return;
        }
        directory.toEveryone(new ServerFrame.Presence(name, state), connection);
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
        Optional<Channel> found = directory.channel(name);
        if (found.isEmpty()) {
            if (!settings.userChannelsAllowed()) {
                reject(ErrorCode.UNKNOWN_CHANNEL, text("channel.unknown", name), request.typedAsContent());
                return;
            }
            Optional<String> problem = NamePolicy.channelNameRefusal(name, directory.texts());
            if (problem.isPresent()) {
                reject(ErrorCode.UNKNOWN_CHANNEL, problem.get(), request.typedAsContent());
                return;
            }
            if (!guards.channels().tryTake(connection.address())) {
                LOG.warning(() -> "[LIMIT] Channel creation refused for " + connection.logName() + " ("
                        + connection.remote() + "): too many channels created from this address or in total");
                reject(ErrorCode.RATE_LIMITED, text("rate.channels"),
                        request.typedAsContent());
                return;
            }
            found = directory.createChannel(name);
            if (found.isEmpty()) {
                reject(ErrorCode.UNKNOWN_CHANNEL, text("channel.limit", name),
                        request.typedAsContent());
                return;
            }
            LOG.info(() -> "[CHANNEL] " + connection.logName() + " (" + connection.remote() + ") created " + LogText.quote(name));
        }
        Channel channel = found.get();
        String joined = channel.name();
        if (!granted(directory.join(connection, channel), channel, request.typedAsContent())) {
            return;
        }
        activate();
        LOG.info(() -> "[CHANNEL] " + connection.logName() + " (" + connection.remote() + ") joined " + LogText.quote(joined));
        if (connection.wantsExtensions()) {
            connection.send(new ServerFrame.Joined(joined));
        }
        if (request.typedAsContent()) {
            connection.send(serverMessage(text("channel.joined", joined), joined));
        }
    }

    private void leave(LeaveChannel request) {
        String name = canonical(request.channel());
        if (name == null) {
            return;
        }
        Optional<Channel> found = directory.channel(name);
        if (found.isEmpty()) {
            reject(ErrorCode.UNKNOWN_CHANNEL, text("channel.unknown", name), request.typedAsContent());
            return;
        }
        String left = found.get().name();
        directory.leave(connection, found.get());
        LOG.info(() -> "[CHANNEL] " + connection.logName() + " (" + connection.remote() + ") left " + LogText.quote(left));
        if (connection.wantsExtensions()) {
            connection.send(new ServerFrame.Left(left));
        }
        if (request.typedAsContent()) {
            connection.send(serverMessage(text("channel.left", left), connection.currentChannel()));
        }
    }

    private void history(HistoryRequest request) {
        String name = request.channel() == null ? connection.currentChannel() : canonical(request.channel());
        if (name == null) {
            return;
        }
        int limit = request.limit() == null ? settings.historyDefaultLimit() : request.limit();
        if (limit < 1 || limit > settings.historyMaxLimit()) {
            reject(ErrorCode.BAD_REQUEST, text("history.limit", settings.historyMaxLimit()));
            return;
        }
        Optional<Channel> found = directory.channel(name);
        if (found.isEmpty()) {
            reject(ErrorCode.UNKNOWN_CHANNEL, text("channel.unknown", name));
            return;
        }
        Channel channel = found.get();
        if (!granted(channel.mayRead(connection), channel, false)) {
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
            storageFailed("history", e);
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

    /** True if the channel granted the request; otherwise answers why not, once for join, post and read. */
    private boolean granted(Channel.Access access, Channel channel, boolean typedAsContent) {
        switch (access) {
            case GRANTED -> {
                return true;
            }
            case ADMIN_ONLY -> reject(ErrorCode.FORBIDDEN, text("channel.admin_only", channel.name()), typedAsContent);
            case CLOSED -> reject(ErrorCode.CHANNEL_CLOSED, text("channel.closed", channel.name()), typedAsContent);
        }
        return false;
    }

    /** The canonical channel name, or null after answering that it is invalid. */
    private String canonical(String raw) {
        Optional<String> name = ChannelName.normalize(raw);
        if (name.isEmpty()) {
            reject(ErrorCode.UNKNOWN_CHANNEL, text("channel.invalid", raw));
            return null;
        }
        return name.get();
    }

    private Delivery serverMessage(String text, String channel) {
        return new Delivery(ServerFrame.SERVER_SENDER, text, "global", "global", channel, WireTime.now(directory.clock()));
    }

    /** The notice as a message, typed first for a client that asked for extensions. */
    private void sendNotice(Notice notice) {
        if (connection.getsTyped(notice)) {
            connection.send(notice);
        }
        connection.send(notice.asMessage(WireTime.now(directory.clock())));
    }

    private void storageFailed(String what, StorageException e) {
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

    /** A text for the client in the engine's language. */
    private String text(String key, Object... args) {
        return directory.texts().get(key, args);
    }

    private void reject(ErrorCode code, String text) {
        reject(code, text, false);
    }

    /** Error reply; also as a message from the server when the request was typed in a chat box. */
    private void reject(ErrorCode code, String text, boolean typedAsContent) {
        DEBUG.fine(() -> "[REJECT] " + code.wireName() + " to " + connection.remote() + ": " + LogText.quote(text));
        directory.listener().lineRejected(code);
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
        boolean last = directory.remove(connection);
        connection.release();
        guards.ipLimits().closed(connection.address(), anonymous);
        if (last) {
            directory.toEveryone(new ServerFrame.Presence(name, "offline"), connection);
        }
        LOG.info(() -> "[DISCONNECT] " + connection.logName() + " (" + connection.remote() + ") " + reason);
    }
}
