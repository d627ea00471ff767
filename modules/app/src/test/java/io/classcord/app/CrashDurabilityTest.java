package io.classcord.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.classcord.testsupport.Waits;
import io.classcord.testsupport.WireClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 during a message storm: every message any client received is in the database. */
class CrashDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void everyReceivedMessageSurvivesKillDashNine() throws Exception {
        Set<String> received = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(dir, Map.of(), "")) {
            WireClient receiver = WireClient.connect(server.port());
            receiver.login("receiver", "pw");
            Thread reading = Thread.ofVirtual().start(() -> {
                try (receiver) {
                    JsonObject line;
                    while ((line = receiver.nextOrEnd()) != null) {
                        if (line.getString("type").equals("message") && line.getString("content").startsWith("storm ")) {
                            received.add(line.getString("content"));
                        }
                    }
                } catch (Exception e) {
                    // The server was killed: the connection breaks, which is the point.
                }
            });
            for (int s = 0; s < 4; s++) {
                int sender = s;
                WireClient client = WireClient.connect(server.port());
                client.login("sender" + sender, "pw");
                // Like a real client, each sender reads what it receives (one that never reads is
                // disconnected) and keeps its connection open: closing with unread input resets it.
                threads.add(Thread.ofVirtual().start(() -> {
                    try (client) {
                        while (client.nextOrEnd() != null) {
                            // discard until the server dies
                        }
                    } catch (Exception e) {
                        // Killed server.
                    }
                }));
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        // Bounded: stops at 20,000 messages or when the server dies.
                        for (int m = 0; m < 20_000; m++) {
                            client.send("{\"type\":\"message\",\"content\":\"storm " + sender + "-" + m + "\"}");
                        }
                    } catch (Exception e) {
                        // Killed mid-send.
                    }
                }));
            }
            assertTrue(Waits.within(Duration.ofSeconds(60), () -> received.size() >= 2000), () -> "storm under way before the kill, got " + received.size()
                    + "; server said:\n" + String.join("\n", server.consoleLines().subList(
                    Math.max(0, server.consoleLines().size() - 30), server.consoleLines().size())));
            server.kill();
            reading.join(Duration.ofSeconds(30));
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(30));
            }

            Set<String> stored = new HashSet<>();
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + server.database());
                 Statement statement = db.createStatement()) {
                try (ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
                    check.next();
                    assertEquals("ok", check.getString(1));
                }
                try (ResultSet rows = statement.executeQuery("SELECT content FROM messages")) {
                    while (rows.next()) {
                        stored.add(rows.getString(1));
                    }
                }
            }
            Set<String> missing = new HashSet<>(received);
            missing.removeAll(stored);
            assertEquals(Set.of(), missing, "received by a client but not in the database");
            System.out.printf("crash durability: %d messages received before kill -9, %d stored, 0 missing%n",
                    received.size(), stored.size());
        }
    }
}
