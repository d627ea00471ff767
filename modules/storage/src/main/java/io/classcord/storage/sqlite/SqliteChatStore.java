package io.classcord.storage.sqlite;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.classcord.storage.Account;
import io.classcord.storage.ChatStore;
import io.classcord.storage.CommitListener;
import io.classcord.storage.ImportReport;
import io.classcord.storage.MessageQuery;
import io.classcord.storage.Page;
import io.classcord.storage.NewMessage;
import io.classcord.storage.RegistrationResult;
import io.classcord.storage.StorageException;
import io.classcord.storage.StoreSettings;
import io.classcord.storage.StoredMessage;
import io.classcord.storage.UserInfo;
import io.classcord.storage.password.Argon2Params;
import io.classcord.storage.password.PasswordHasher;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbRow;

/**
 * {@link ChatStore} on one SQLite file through Helidon DbClient: reads and account writes use the
 * pool, messages go through the group-committing {@link MessageWriter}.
 */
public final class SqliteChatStore implements ChatStore {

    private final DbClient db;
    private final MessageWriter writer;
    private final Accounts accounts;
    private final LegacyImporter importer;
    private final AdminQueries admin;
    private final PasswordHasher hasher;
    private final Path file;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqliteChatStore(DbClient db, MessageWriter writer, PasswordHasher hasher, Path file, Clock clock) {
        this.db = db;
        this.writer = writer;
        this.hasher = hasher;
        this.file = file;
        this.accounts = new Accounts(db, hasher, clock);
        this.importer = new LegacyImporter(db, clock);
        this.admin = new AdminQueries(db);
    }

    public static SqliteChatStore open(StoreSettings settings) {
        return open(settings, CommitListener.NONE);
    }

    /** Opens the store, reporting every message-writer transaction to {@code listener}. */
    public static SqliteChatStore open(StoreSettings settings, CommitListener listener) {
        return open(settings, listener, Map.of());
    }

    /** As {@link #open(StoreSettings, CommitListener)}, with extra sqlite-jdbc connection properties. */
    static SqliteChatStore open(StoreSettings settings, CommitListener listener, Map<String, String> extraPragmas) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        // Validate everything before the first side effect, so bad settings never leave a file behind.
        Argon2Params argon2 = new Argon2Params(settings.argon2MemoryKiB(), settings.argon2Iterations(),
                settings.argon2Parallelism());
        Path file = Objects.requireNonNull(settings.file(), "settings.file");
        if (file.toString().contains("?")) {
            // sqlite-jdbc reads everything after '?' in a URL as pragmas, not as part of the file name.
            throw new IllegalArgumentException("The database path must not contain '?': " + file);
        }

        Path absolute = DatabaseFile.prepare(file);
        Clock clock = Clock.systemUTC();
        DbClient db;
        try {
            db = SqliteDbClient.create(absolute, settings.synchronous(), extraPragmas);
        } catch (RuntimeException e) {
            // Hikari opens a first connection eagerly and throws its own PoolInitializationException.
            throw new StorageException("Cannot open the database " + absolute, e);
        }
        try {
            Migrations.apply(db, clock);
            DatabaseFile.restrictSidecars(absolute);
            MessageWriter writer = MessageWriter.start(db, settings.maxBatch(), listener);
            return new SqliteChatStore(db, writer, PasswordHasher.forThisMachine(argon2), absolute, clock);
        } catch (RuntimeException e) {
            db.close();
            throw e instanceof DbClientException ? new StorageException("Cannot open the database " + absolute, e) : e;
        }
    }

    @Override
    public RegistrationResult register(String username, String password) {
        return guarded("register", () -> accounts.register(username, password));
    }

    @Override
    public Optional<Account> authenticate(String username, String password) {
        return guarded("authenticate", () -> accounts.authenticate(username, password));
    }

    @Override
    public boolean isRegistered(String username) {
        return guarded("isRegistered", () -> accounts.isRegistered(username));
    }

    @Override
    public StoredMessage append(NewMessage message) {
        // No closed check here: the writer owns that decision, atomically with queueing.
        long id = writer.append(message);
        return new StoredMessage(id, message.userId(), message.sender(), message.channel(), message.recipient(),
                message.content(), message.timestamp());
    }

    @Override
    public java.util.concurrent.CompletableFuture<StoredMessage> appendAsync(NewMessage message) {
        try {
            return writer.appendAsync(message).thenApply(id -> new StoredMessage(id, message.userId(), message.sender(),
                    message.channel(), message.recipient(), message.content(), message.timestamp()));
        } catch (StorageException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public List<StoredMessage> historyBefore(String channel, int limit, long beforeId) {
        if (limit <= 0) {
            return List.of();
        }
        return guarded("history", () -> {
            // Newest first so LIMIT keeps the latest ones; id order is commit order, unlike client timestamps.
            try (Stream<DbRow> rows = db.execute().query(
                    "SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE channel = ? AND recipient IS NULL "
                            + "AND id < ? ORDER BY id DESC LIMIT ?", channel, beforeId, limit)) {
                return rows.map(Rows::message).toList();
            }
        });
    }

    @Override
    public boolean setRole(String username, String role) {
        return guarded("setRole", () -> accounts.setRole(username, role));
    }

    @Override
    public boolean setBanned(String username, boolean banned) {
        Objects.requireNonNull(username, "username");
        return guarded("setBanned", () -> admin.setBanned(username, banned));
    }

    @Override
    public Optional<UserInfo> user(String username) {
        Objects.requireNonNull(username, "username");
        return guarded("user", () -> admin.user(username));
    }

    @Override
    public Page<UserInfo> users(String search, int offset, int limit) {
        return guarded("users", () -> admin.users(search, offset, limit));
    }

    @Override
    public Page<StoredMessage> messages(MessageQuery query) {
        Objects.requireNonNull(query, "query");
        return guarded("messages", () -> admin.messages(query));
    }

    @Override
    public Map<String, Long> channelMessageCounts() {
        return guarded("channelMessageCounts", admin::channelMessageCounts);
    }

    @Override
    public void forEachUser(Consumer<UserInfo> action) {
        guarded("forEachUser", () -> {
            admin.forEachUser(action);
            return null;
        });
    }

    @Override
    public void forEachMessage(Consumer<StoredMessage> action) {
        guarded("forEachMessage", () -> {
            admin.forEachMessage(action);
            return null;
        });
    }

    @Override
    public void check() {
        guarded("check", () -> {
            admin.check();
            return null;
        });
    }

    @Override
    public ImportReport importLegacy(Path courseDatabase, java.util.Map<String, String> renames) {
        Objects.requireNonNull(courseDatabase, "courseDatabase");
        return guarded("importLegacy", () -> importer.importFrom(courseDatabase, renames));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                writer.close();
            } finally {
                db.close();
            }
        }
    }

    /** Totals of the message writer: commits, messages, failures, largest batch. */
    public WriterStats writerStats() {
        return writer.stats();
    }

    /** Most Argon2id computations that ran at the same time. */
    public int peakConcurrentHashes() {
        return hasher.peakConcurrentHashes();
    }

    Path file() {
        return file;
    }

    DbClient dbClient() {
        return db;
    }

    MessageWriter writer() {
        return writer;
    }

    private <T> T guarded(String operation, Supplier<T> action) {
        if (closed.get()) {
            throw new StorageException("The store is closed");
        }
        try {
            return action.get();
        } catch (DbClientException e) {
            throw new StorageException(operation + " failed: " + e.getMessage(), e);
        }
    }
}
