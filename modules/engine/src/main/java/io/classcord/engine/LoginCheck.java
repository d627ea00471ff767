package io.classcord.engine;

import io.classcord.storage.Account;

/**
 * The outcome of checking a name and password the way a chat login does: the same Argon2id check,
 * the same per-address throttle, the same {@code [LOGIN]} failure lines (which fail2ban counts).
 */
public sealed interface LoginCheck {

    /** The password is right; the account may still be banned, or not an admin: the caller decides. */
    record Accepted(Account account) implements LoginCheck {
    }

    /** Unknown name or wrong password; counted by the throttle and logged. */
    record Refused() implements LoginCheck {
    }

    /** Too many recent failures from that address: the password was not even checked. */
    record Throttled(long retryAfterSeconds) implements LoginCheck {
    }
}
