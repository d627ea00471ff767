/**
 * Accounts and message history of a Classcord server, in SQLite through Helidon DbClient.
 * Only {@code io.classcord.storage} is API; the SQLite and password packages are implementation.
 */
module io.classcord.storage {
    requires io.helidon.dbclient;
    requires io.helidon.dbclient.jdbc;
    // Found by ServiceLoader, never named in code. Requiring it keeps the pool in the module graph
    // of a jlink image, which (unlike the java launcher) does not bind services by default.
    requires io.helidon.dbclient.hikari;
    requires io.helidon.config;
    requires java.sql;
    // SQLiteConfig for opening course databases read-only; also keeps the JDBC driver in the graph.
    requires org.xerial.sqlitejdbc;
    requires org.bouncycastle.provider;
    requires transitive io.classcord.identity;
    // StoreSettings reads its own section of the configuration.
    requires transitive io.classcord.settings;

    exports io.classcord.storage;
}
