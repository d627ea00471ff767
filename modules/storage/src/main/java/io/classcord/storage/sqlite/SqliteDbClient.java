package io.classcord.storage.sqlite;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;

/**
 * Builds the Helidon {@link DbClient} for one SQLite file: JDBC provider, Hikari pool, and the
 * pragmas every pooled connection must carry.
 *
 * <p>Pragmas such as {@code foreign_keys}, {@code synchronous} and {@code busy_timeout} are
 * per-connection in SQLite. Passing them as driver properties ({@code dataSource.*} in Hikari's
 * vocabulary) makes sqlite-jdbc apply them to every connection it opens, including the ones Hikari
 * creates later to replace retired ones; a one-time {@code PRAGMA} would silently miss those.
 * They go in properties rather than in the URL, which stays a plain path.
 */
final class SqliteDbClient {

    /** How long a writer waits for another writer's lock before SQLite reports BUSY. */
    static final int BUSY_TIMEOUT_MILLIS = 30_000;

    private SqliteDbClient() {
    }

    /**
     * @param file        absolute path of an existing database file
     * @param synchronous {@code PRAGMA synchronous} value, already checked by {@link io.classcord.storage.StoreSettings}
     * @param extraPragmas further sqlite-jdbc connection properties (tests use {@code max_page_count})
     */
    static DbClient create(Path file, String synchronous, Map<String, String> extraPragmas) {
        Map<String, String> pragmas = new LinkedHashMap<>();
        // WAL lets readers run while the single writer commits, and makes a commit one sequential
        // append to the -wal file: the fsync that group commit amortises.
        pragmas.put("journal_mode", "WAL");
        pragmas.put("synchronous", synchronous);
        pragmas.put("foreign_keys", "true");
        pragmas.put("busy_timeout", Integer.toString(BUSY_TIMEOUT_MILLIS));
        // No transaction_mode: transactions are explicit BEGIN IMMEDIATE (see SqlTransactions), and
        // with IMMEDIATE here sqlite-jdbc's commit() would re-take the write lock right after committing.
        pragmas.putAll(extraPragmas);

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("source", "jdbc");
        settings.put("connection.url", "jdbc:sqlite:" + file);
        settings.put("connection.poolName", "classcord-sqlite");
        // SQLite has one writer at a time anyway; connections beyond a few per core only hold file
        // handles and page caches. One extra keeps the message writer from queueing behind readers.
        settings.put("connection.maximumPoolSize", Integer.toString(poolSize()));
        settings.put("connection.minimumIdle", "1");
        pragmas.forEach((name, value) -> settings.put("connection.dataSource." + name, value));

        return DbClient.create(Config.just(ConfigSources.create(settings)));
    }

    private static int poolSize() {
        return Math.clamp(Runtime.getRuntime().availableProcessors() + 1L, 3, 16);
    }
}
