package io.classcord.storage.sqlite;

import io.classcord.identity.Identity;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.classcord.storage.Account;
import io.classcord.storage.RegistrationResult;
import io.classcord.storage.password.PasswordHasher;
import io.classcord.storage.password.PasswordHasher.Verification;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/**
 * Registration, login and roles.
 *
 * <p>Account writes are rare and small, so they go straight through the pool in autocommit mode;
 * SQLite serialises them with the message writer, and the busy timeout makes them wait their turn
 * instead of failing. Every lookup is by {@code username_key}, never by the raw name.
 */
final class Accounts {

    static final Set<String> ROLES = Set.of("user", "admin");

    private final DbClient db;
    private final PasswordHasher hasher;
    private final Clock clock;

    Accounts(DbClient db, PasswordHasher hasher, Clock clock) {
        this.db = db;
        this.hasher = hasher;
        this.clock = clock;
    }

    RegistrationResult register(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        String key = Identity.key(username);
        // Not a security check (the insert below decides): it only spares an Argon2 computation
        // for a name that is visibly taken. Registration reveals that anyway.
        if (exists(key)) {
            return RegistrationResult.NAME_TAKEN;
        }
        String hash = hasher.hash(password);
        // The unique index on username_key settles races between two registrations of the same name:
        // the loser's insert does nothing.
        long inserted = db.execute().insert("""
                INSERT INTO users(username, password, username_key, role, banned, created_at)
                VALUES (?, ?, ?, 'user', 0, ?)
                ON CONFLICT DO NOTHING""", username, hash, key, now());
        return inserted == 1 ? RegistrationResult.CREATED : RegistrationResult.NAME_TAKEN;
    }

    Optional<Account> authenticate(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Optional<DbRow> found = db.execute().get(
                "SELECT id, username, password, role, banned FROM users WHERE username_key = ?", Identity.key(username));
        if (found.isEmpty()) {
            // As slow as a wrong password, so timing does not tell which names exist.
            hasher.burnEquivalentWork(password);
            return Optional.empty();
        }
        DbRow row = found.get();
        String stored = Rows.text(row, "password");
        Verification verification = hasher.verify(password, stored);
        if (!verification.matches()) {
            return Optional.empty();
        }
        long id = Rows.longValue(row, "id");
        if (verification == Verification.MATCH_NEEDS_REHASH) {
            // Compare-and-set on the old value: if a concurrent login upgraded it first, keep theirs
            // (both are valid hashes of the same password) rather than write twice.
            db.execute().update("""
                    UPDATE users SET password = CASE WHEN password = ? THEN ? ELSE password END, last_login = ?
                    WHERE id = ?""", stored, hasher.hash(password), now(), id);
        } else {
            db.execute().update("UPDATE users SET last_login = ? WHERE id = ?", now(), id);
        }
        return Optional.of(new Account(id, Rows.text(row, "username"), Rows.text(row, "role"), Rows.flag(row, "banned")));
    }

    boolean isRegistered(String username) {
        return exists(Identity.key(Objects.requireNonNull(username, "username")));
    }

    boolean setRole(String username, String role) {
        Objects.requireNonNull(username, "username");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be one of " + ROLES + ", was " + role);
        }
        return db.execute().update("UPDATE users SET role = ? WHERE username_key = ?", role, Identity.key(username)) > 0;
    }

    private boolean exists(String key) {
        return db.execute().get("SELECT 1 AS found FROM users WHERE username_key = ?", key).isPresent();
    }

    private String now() {
        return clock.instant().toString();
    }
}
