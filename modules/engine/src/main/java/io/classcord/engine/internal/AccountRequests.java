package io.classcord.engine.internal;

import java.util.Optional;
import java.util.logging.Logger;

import io.classcord.engine.ChatActivity.Security;
import io.classcord.engine.ChatActivity.SecurityKind;
import io.classcord.engine.EngineSettings;
import io.classcord.engine.LoginCheck;
import io.classcord.identity.Identity;
import io.classcord.protocol.ClientFrame.Login;
import io.classcord.protocol.ClientFrame.Register;
import io.classcord.protocol.ErrorCode;
import io.classcord.protocol.ServerFrame;
import io.classcord.protocol.ServerFrame.Notice;
import io.classcord.protocol.ServerFrame.NoticeKind;
import io.classcord.protocol.WireTime;
import io.classcord.storage.Account;
import io.classcord.storage.ChatStore;
import io.classcord.storage.RegistrationResult;
import io.classcord.storage.StorageException;

/**
 * Who a connection is: registration, login (and the failed logins that end a connection), and the
 * guest name it chats under without an account. Runs on the connection's reading thread.
 */
final class AccountRequests {

    private static final Logger LOG = Logger.getLogger("classcord.chat");
    // Guests whose client sends no "from" get this prefix and a number: one name, one owner.
    private static final String ANONYMOUS_GUEST_PREFIX = "invité-";
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
    private final Replies replies;
    // Failed logins on this connection, never reset: a login that succeeds does not license guessing
    // the other accounts' passwords from the same socket.
    private int failedLogins;
    private String closing;

    AccountRequests(Connection connection, ChatDirectory directory, ChatStore store, EngineSettings settings,
                    NamePolicy names, Guards guards, Replies replies) {
        this.connection = connection;
        this.directory = directory;
        this.store = store;
        this.settings = settings;
        this.names = names;
        this.guards = guards;
        this.replies = replies;
    }

    /** Why the server ends this connection itself (too many failed logins); null while it may go on. */
    String closing() {
        return closing;
    }

    void register(Register request) {
        String username = Identity.canonical(request.username());
        Optional<String> problem = NamePolicy.userNameRefusal(username, directory.texts());
        if (problem.isPresent()) {
            security(SecurityKind.NAME_REFUSED, username, problem.get());
            replies.reject(ErrorCode.INVALID_NAME, problem.get());
            return;
        }
        if (names.isReserved(username)) {
            security(SecurityKind.NAME_REFUSED, username, null);
            replies.reject(ErrorCode.NAME_TAKEN, NAME_TAKEN_TEXT);
            return;
        }
        if (request.password().isEmpty()) {
            replies.reject(ErrorCode.BAD_REQUEST, replies.text("password.empty"));
            return;
        }
        if (!guards.registrations().tryTake(connection.address())) {
            LOG.warning(() -> "[LIMIT] Account creation refused for " + connection.ip()
                    + ": too many accounts created from this address or in total");
            replies.reject(ErrorCode.RATE_LIMITED, replies.text("rate.accounts"));
            return;
        }
        String key = Identity.key(username);
        if (!directory.registering(key)) {
            LOG.info(() -> "[REGISTER] Name held by a guest online: " + LogText.quote(username) + " from " + connection.ip());
            replies.reject(ErrorCode.NAME_TAKEN, NAME_TAKEN_TEXT);
            return;
        }
        RegistrationResult result;
        try {
            result = store.register(username, request.password());
        } catch (StorageException e) {
            replies.storageFailed("register", e);
            return;
        } finally {
            directory.registered(key);
        }
        if (result == RegistrationResult.NAME_TAKEN) {
            LOG.info(() -> "[REGISTER] Name already taken: " + LogText.quote(username) + " from " + connection.ip());
            replies.reject(ErrorCode.NAME_TAKEN, NAME_TAKEN_TEXT);
            return;
        }
        LOG.info(() -> "[REGISTER] New account " + LogText.quote(username) + " from " + connection.ip());
        connection.send(new ServerFrame.RegisterOk());
    }

    void login(Login request) {
        LoginCheck check;
        try {
            check = guards.passwords().check(connection.address(), connection.ip(), request.username(),
                    request.password());
        } catch (StorageException e) {
            replies.storageFailed("login", e);
            return;
        }
        Account user;
        switch (check) {
            case LoginCheck.Throttled(long retryAfter) -> {
                replies.reject(ErrorCode.RATE_LIMITED, replies.text("rate.logins", retryAfter));
                loginFailedOnThisConnection();
                return;
            }
            case LoginCheck.Refused() -> {
                replies.reject(ErrorCode.AUTH_FAILED, LOGIN_FAILED_TEXT);
                loginFailedOnThisConnection();
                return;
            }
            case LoginCheck.Accepted(Account account) -> user = account;
        }
        if (user.banned()) {
            LOG.warning(() -> "[LOGIN] Banned account " + LogText.quote(user.username()) + " refused from "
                    + connection.ip());
            replies.reject(ErrorCode.BANNED, replies.text("account.banned"));
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
            guest.finish(new Notice(NoticeKind.KICK, replies.text("guest.displaced")),
                    WireTime.now(directory.clock()), false);
        }
        boolean first = claim.first();
        if (first) {
            directory.toEveryone(new ServerFrame.Presence(user.username(), "online"), connection);
        }
        if (!settings.welcomeMessage().isEmpty()) {
            replies.sendNotice(new Notice(NoticeKind.WELCOME, settings.welcomeMessage()));
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
        security(SecurityKind.LOGIN_CUT, connection.name(), String.valueOf(limit));
        replies.reject(ErrorCode.RATE_LIMITED, replies.text("login.connection_closed", limit));
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

    /** Makes sure the connection has a name to send under: its account, or a guest name. */
    boolean ensureSender(String from) {
        if (connection.name() != null) {
            return true;
        }
        if (!settings.guestsAllowed()) {
            replies.reject(ErrorCode.NOT_LOGGED_IN, replies.text("guest.refused"));
            return false;
        }
        if (from == null || from.isBlank()) {
            return claimAnonymousGuestName();
        }
        String guestName = Identity.canonical(from.strip());
        Optional<String> problem = NamePolicy.userNameRefusal(guestName, directory.texts());
        if (problem.isPresent()) {
            security(SecurityKind.NAME_REFUSED, guestName, problem.get());
            replies.reject(ErrorCode.INVALID_NAME, problem.get());
            return false;
        }
        if (names.isReserved(guestName)) {
            security(SecurityKind.NAME_REFUSED, guestName, null);
            replies.reject(ErrorCode.NAME_TAKEN, NAME_TAKEN_TEXT);
            return false;
        }
        return switch (claimGuestName(guestName)) {
            case CLAIMED -> true;
            case FAILED -> false;
            case TAKEN -> {
                replies.reject(ErrorCode.NAME_TAKEN, NAME_TAKEN_TEXT);
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
        replies.reject(ErrorCode.NAME_TAKEN, NAME_TAKEN_TEXT);
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
            replies.storageFailed("guest name check", e);
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

    private void security(SecurityKind kind, String name, String detail) {
        directory.listener().activity(new Security(kind, connection.ip(), name, detail, directory.clock().instant()));
    }
}
