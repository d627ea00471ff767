package io.classcord.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * One server attacked by a whole test class: the process, the two witnesses who keep chatting
 * through every case, the table of cases printed at the end, and the directory that holds its
 * database and logs.
 */
final class AttackedServer {

    interface Starter {
        HostileServer start(Path dir) throws IOException;
    }

    final CaseTable table = new CaseTable();
    final Path dir;
    final HostileServer server;
    final Witnesses witnesses;

    private AttackedServer(Path dir, HostileServer server, Witnesses witnesses) {
        this.dir = dir;
        this.server = server;
        this.witnesses = witnesses;
    }

    static AttackedServer start(String name, Starter starter) throws IOException {
        Path dir = Files.createTempDirectory(name);
        HostileServer server = starter.start(dir);
        try {
            return new AttackedServer(dir, server, new Witnesses(server.port()));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** After each case: the process lives and the witnesses still exchange a message each way. */
    void survived(String caseName) throws IOException {
        assertTrue(server.isAlive(), "server process died during " + caseName);
        witnesses.stillChatting(caseName);
    }

    /**
     * Stops the server (exit code 0 expected), checks that every message a witness received is in
     * the database when {@code checkStored}, prints the table and deletes the directory
     * ({@code -Dclasscord.keep=1} keeps it, logs and database, for a look afterwards).
     */
    void finish(String title, boolean checkStored) throws Exception {
        try {
            witnesses.close();
            assertEquals(0, server.terminate(), "clean exit after the suite");
            if (checkStored) {
                Set<String> missing = missing(server.database(), witnesses.received());
                table.run("nothing acknowledged lost", () -> {
                    assertEquals(Set.of(), missing, "messages received by the witnesses but not in the database");
                    assertEquals("ok", integrity(server.database()));
                    return witnesses.received().size() + " messages received by the witnesses, all in the database; "
                            + "PRAGMA integrity_check: ok";
                });
            }
        } finally {
            table.print(title, System.out);
            server.close();
            if (System.getProperty("classcord.keep") == null) {
                try (var paths = Files.walk(dir)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    static String integrity(Path file) throws java.sql.SQLException {
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro");
             java.sql.Statement statement = db.createStatement();
             java.sql.ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
            check.next();
            return check.getString(1);
        }
    }

    /** The received contents that are not in the database's messages. */
    static Set<String> missing(Path file, Set<String> received) throws java.sql.SQLException {
        Set<String> stored = new HashSet<>();
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro");
             java.sql.Statement statement = db.createStatement();
             java.sql.ResultSet rows = statement.executeQuery("SELECT content FROM messages")) {
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
        }
        Set<String> missing = new HashSet<>(received);
        missing.removeAll(stored);
        return missing;
    }
}
