package io.classcord.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Accounts and message history of one Classcord server.
 *
 * <p>Thread-safe. Every method blocks; callers run on virtual threads.
 */
public interface ChatStore extends AutoCloseable {

    /** Opens (creating and migrating if needed) the SQLite database described by {@code settings}. */
    static ChatStore open(StoreSettings settings) {
        return io.classcord.storage.sqlite.SqliteChatStore.open(settings);
    }

    /** As {@link #open(StoreSettings)}, reporting every message-writer transaction to {@code listener} (metrics). */
    static ChatStore open(StoreSettings settings, CommitListener listener) {
        return io.classcord.storage.sqlite.SqliteChatStore.open(settings, listener);
    }

    /** Creates an account; the password is hashed with Argon2id before it is stored. */
    RegistrationResult register(String username, String password);

    /**
     * Checks a password. A legacy unsalted SHA-256 hex hash is accepted once and replaced by
     * an Argon2id hash on that login. Updates {@code last_login} on success.
     *
     * <p>Empty for an unknown name as for a wrong password, after comparable work, so neither the
     * answer nor its timing tells which names exist. A banned account with the right password is
     * returned, with {@link Account#banned()} set: refusing it is the caller's decision.
     */
    Optional<Account> authenticate(String username, String password);

    /** Whether an account exists whose name matches {@code username} ignoring case and Unicode normalization. */
    boolean isRegistered(String username);

    /**
     * Durably stores a message and returns it with its id. Returns only after the transaction
     * holding it has committed; concurrent callers share one commit (group commit). Blocks while the
     * write queue is full.
     *
     * @throws StorageException if the store is closed, the database rejected the message or the commit
     *                          failed (disk full...); in every case the message is not stored
     */
    StoredMessage append(NewMessage message);

    /**
     * Like {@link #append} without waiting for the commit: the future completes (on the writer's
     * thread, in commit order, so one caller's messages complete in the order it appended them) once
     * the message is durably stored, or exceptionally with a {@link StorageException} if it was not.
     * Blocks only while the write queue is full. Lets a connection read its next line while its
     * previous message waits for the shared commit, without giving up "stored before delivered".
     */
    java.util.concurrent.CompletableFuture<StoredMessage> appendAsync(NewMessage message);

    /** The most recent {@code limit} messages of a channel (private messages excluded), oldest first. */
    default List<StoredMessage> history(String channel, int limit) {
        return history(channel, limit, Long.MAX_VALUE);
    }

    /**
     * The most recent {@code limit} messages of a channel whose id is below {@code beforeId} (private
     * messages excluded), newest first: the order in which a page bounded in bytes is filled.
     */
    List<StoredMessage> historyBefore(String channel, int limit, long beforeId);

    /** {@link #historyBefore}, oldest first. */
    default List<StoredMessage> history(String channel, int limit, long beforeId) {
        return historyBefore(channel, limit, beforeId).reversed();
    }

    /** Sets an account's role ({@code "user"} or {@code "admin"}); false if there is no such account. */
    boolean setRole(String username, String role);

    /**
     * Bans or unbans an account; false if there is no such account. A banned account is refused at
     * login; disconnecting its live connections is the engine's job.
     */
    boolean setBanned(String username, boolean banned);

    /** One account, looked up as at login (ignoring case and Unicode form). */
    Optional<UserInfo> user(String username);

    /**
     * Accounts in name order. {@code search} (null or empty for all) keeps the names that contain it,
     * ignoring case.
     *
     * @throws IllegalArgumentException for a negative offset or a limit outside 1 to {@link MessageQuery#MAX_LIMIT}
     */
    Page<UserInfo> users(String search, int offset, int limit);

    /** Stored messages matching {@code query}, newest first, private ones included. */
    Page<StoredMessage> messages(MessageQuery query);

    /** Number of stored messages per channel (private messages are not in any channel). */
    Map<String, Long> channelMessageCounts();

    /** Every account in id order, for exports; read in one consistent snapshot. */
    void forEachUser(Consumer<UserInfo> action);

    /** Every stored message in id order, for exports; read in one consistent snapshot. */
    void forEachMessage(Consumer<StoredMessage> action);

    /** Runs a trivial query; throws {@link StorageException} when the database cannot answer (readiness). */
    void check();

    /**
     * Imports users (keeping their legacy SHA-256 hashes, upgraded at their next login) and messages
     * from a database made by the course's Python server. Accounts whose name already exists are skipped.
     */
    default ImportReport importLegacy(java.nio.file.Path courseDatabase) {
        return importLegacy(courseDatabase, java.util.Map.of());
    }

    /**
     * Like {@link #importLegacy(java.nio.file.Path)}, importing the course account named by a key of
     * {@code renames} under the name it maps to (e.g. "Léo" as "Léo2" when "léo" already exists here).
     */
    ImportReport importLegacy(java.nio.file.Path courseDatabase, java.util.Map<String, String> renames);

    /**
     * Stops accepting appends (later ones throw {@link StorageException}), commits every message
     * already accepted, then closes the database. Idempotent.
     */
    @Override
    void close();
}
