package io.classcord.engine.internal;

import java.net.InetAddress;
import java.time.Clock;
import java.util.logging.Logger;

import io.classcord.engine.ChatActivity.Security;
import io.classcord.engine.ChatActivity.SecurityKind;
import io.classcord.engine.EngineListener;
import io.classcord.engine.LoginCheck;
import io.classcord.storage.ChatStore;
import io.classcord.storage.StorageException;

/**
 * Checks a name and password for every front door (chat logins, the teacher's dashboard), so that
 * the throttle, the failure count and the {@code [LOGIN]} lines fail2ban reads follow one rule.
 */
final class PasswordCheck {

    private static final Logger LOG = Logger.getLogger("classcord.chat");

    private final LoginThrottle throttle;
    private final ChatStore store;
    private final EngineListener listener;
    private final Clock clock;

    PasswordCheck(LoginThrottle throttle, ChatStore store, EngineListener listener, Clock clock) {
        this.throttle = throttle;
        this.store = store;
        this.listener = listener;
        this.clock = clock;
    }

    /** @throws StorageException if the database cannot be read (nothing is counted then) */
    LoginCheck check(InetAddress address, String ip, String username, String password) {
        long retryAfter = throttle.retryAfterSeconds(address);
        if (retryAfter > 0) {
            // Still the fail2ban line: a refused attempt is a failed one, and the filter counts them.
            LOG.warning(() -> "[LOGIN] Failed login attempt from " + ip + " (throttled: too many failures, "
                    + "retry in " + retryAfter + " s)");
            listener.activity(new Security(SecurityKind.LOGIN_THROTTLED, ip, username, String.valueOf(retryAfter),
                    clock.instant()));
            return new LoginCheck.Throttled(retryAfter);
        }
        var account = store.authenticate(username, password);
        if (account.isEmpty()) {
            refused(address, ip, username);
            return new LoginCheck.Refused();
        }
        return new LoginCheck.Accepted(account.get());
    }

    /** Counts and logs a failure decided by the caller (e.g. a right password on an account the door refuses). */
    void refused(InetAddress address, String ip, String username) {
        throttle.failed(address);
        LOG.warning(() -> "[LOGIN] Failed login attempt from " + ip);
        listener.loginFailed();
        listener.activity(new Security(SecurityKind.LOGIN_FAILED, ip, username, null, clock.instant()));
    }
}
