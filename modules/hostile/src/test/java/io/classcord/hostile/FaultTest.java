package io.classcord.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.classcord.client.ChatClient;
import io.classcord.protocol.ClientFrame;
import io.classcord.protocol.ErrorCode;
import io.classcord.protocol.Reply;
import io.classcord.protocol.ServerFrame;
import io.classcord.testsupport.ReadyLine;
import io.classcord.testsupport.Waits;
import io.classcord.testsupport.WireClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Faults outside the protocol: the process killed mid-storm, the database's disk full. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String FAST = "messages-per-second: 100000\nmessage-burst: 100000\n";

    private final CaseTable table = new CaseTable();

    @TempDir
    Path dir;

    @AfterAll
    void print() {
        table.print("Faults", System.out);
    }

    @Test
    void killDashNineDuringAStormThenRestart() throws Exception {
        table.run("kill -9 during a storm, restart", () -> {
            Path home = dir.resolve("crash");
            Set<String> received = ConcurrentHashMap.newKeySet();
            try (HostileServer server = HostileServer.start(home, home.resolve("data/classcord.db"), FAST)) {
                ChatClient receiver = ChatClient.connect("127.0.0.1", server.port(), WAIT);
                receiver.register("receiver", "pw", WAIT);
                receiver.login("receiver", "pw", WAIT);
                Thread reading = Thread.ofVirtual().start(() -> {
                    try (receiver) {
                        Reply reply;
                        while ((reply = receiver.receive(Duration.ZERO)) != null) {
                            if (reply instanceof Reply.Frame(ServerFrame.Delivery d) && d.content().startsWith("storm ")) {
                                received.add(d.content());
                            }
                        }
                    } catch (IOException e) {
                        // Killed server: the point of the case.
                    }
                });
                List<Thread> storm = new ArrayList<>();
                for (int s = 0; s < 4; s++) {
                    WireClient sender = WireClient.from("127.0.3." + s, server.port());
                    int id = s;
                    storm.add(Thread.ofVirtual().start(() -> sender.closedByServer(Duration.ofSeconds(60))));
                    storm.add(Thread.ofVirtual().start(() -> {
                        try {
                            // Bounded: 20,000 each, or until the server dies.
                            for (int m = 0; m < 20_000; m++) {
                                sender.send("{\"type\":\"message\",\"from\":\"stormer" + id + "\",\"content\":\"storm " + id
                                        + "-" + m + "\"}");
                            }
                        } catch (IOException e) {
                            // Killed mid-send.
                        }
                    }));
                }
                Waits.until("2000 messages delivered before the kill", Duration.ofSeconds(60), () -> received.size() >= 2000);
                server.kill();
                reading.join(WAIT);
                for (Thread t : storm) {
                    t.join(WAIT);
                }
                int before = received.size();
                assertEquals("ok", AttackedServer.integrity(server.database()));
                assertEquals(Set.of(), AttackedServer.missing(server.database(), received),
                        "received before the kill but not in the database");

                long restart = System.nanoTime();
                server.launch();
                double seconds = (System.nanoTime() - restart) / 1e9;
                try (Witnesses witnesses = new Witnesses(server.port())) {
                    witnesses.stillChatting("after restart");
                }
                try (ChatClient late = ChatClient.connect("127.0.0.1", server.port(), WAIT)) {
                    late.send(new ClientFrame.HistoryRequest(null, 10));
                    ServerFrame.History history = (ServerFrame.History) late.await(f -> f instanceof ServerFrame.History, WAIT);
                    assertTrue(history.messages().stream().anyMatch(m -> m.content().startsWith("storm ")
                            || m.content().startsWith("witness ")), "history survives the crash: " + history);
                }
                assertEquals(0, server.terminate());
                return "%d messages received before kill -9, all in the database, integrity_check ok; restarted in %.1f s: %s"
                        .formatted(before, seconds, server.awaitLog("classcord.log", ReadyLine.PREFIX, 2));
            }
        });
    }

    @Test
    void fullDiskForTheDatabase() throws Exception {
        Path mount = dir.resolve("small-disk");
        Files.createDirectories(mount);
        String why = mountTmpfs(mount, "3m");
        if (why != null) {
            table.skipped("full disk for the database", why);
            Assumptions.abort("full disk for the database: skipped, " + why);
        }
        try {
            table.run("full disk for the database", () -> fillTheDisk(mount));
        } finally {
            run("umount", mount.toString());
        }
    }

    private String fillTheDisk(Path mount) throws Exception {
        Path home = dir.resolve("disk");
        try (HostileServer server = HostileServer.start(home, mount.resolve("classcord.db"), FAST);
             ChatClient writer = ChatClient.connect("127.0.0.1", server.port(), WAIT)) {
            Witnesses witnesses = new Witnesses(server.port());
            writer.register("writer", "pw", WAIT);
            writer.login("writer", "pw", WAIT);
            Path filler = mount.resolve("filler");
            try (OutputStream out = Files.newOutputStream(filler)) {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 1000; i++) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // No space left: exactly what was wanted.
            }
            String text = "z".repeat(4000);
            int stored = 0;
            ServerFrame refusal = null;
            // SQLite may still have room in its WAL file: write until the disk really says no.
            for (int m = 0; m < 2000 && refusal == null; m++) {
                writer.send(new ClientFrame.ChatMessage(null, null, null, "disk " + m + " " + text, null));
                ServerFrame reply = writer.sync("d" + m, WAIT);
                if (reply instanceof ServerFrame.ErrorReply) {
                    refusal = reply;
                } else {
                    stored++;
                }
            }
            ServerFrame.ErrorReply error = assertInstanceOf(ServerFrame.ErrorReply.class, refusal, "the disk never filled");
            assertEquals(ErrorCode.SERVER_ERROR, error.code());
            String refusedContent = "disk " + stored + " " + text;
            String evidence = server.awaitLog("classcord.log", "[STORAGE] message for \"writer\" (127.0.0.", 1);
            assertTrue(server.isAlive());

            Files.delete(filler);
            writer.send(new ClientFrame.ChatMessage(null, null, null, "after the disk was freed", null));
            assertInstanceOf(ServerFrame.Pong.class, writer.sync("freed", WAIT), "storing works again");
            witnesses.stillChatting("disk freed");
            Waits.until("bob gets the message sent after freeing", WAIT, () -> witnesses.bobReceived("after the disk was freed"));
            assertTrue(!witnesses.bobReceived(refusedContent), "the refused message was delivered to nobody");
            witnesses.close(); // before the stop, so that everything they received is counted
            assertEquals(0, server.terminate());
            assertEquals("ok", AttackedServer.integrity(server.database()));
            assertEquals(Set.of(), AttackedServer.missing(server.database(), witnesses.received()));
            return stored + " messages stored, then server_error, delivered to nobody; after freeing space it stores "
                    + "again, integrity_check ok: " + evidence;
        }
    }

    /** Mounts a small tmpfs (the test runs as root in CI); the reason it cannot, or null. */
    private static String mountTmpfs(Path where, String size) throws InterruptedException {
        try {
            String output = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", where.toString());
            return output == null ? null : "cannot mount a tmpfs (" + output.strip() + "); run as root to include it";
        } catch (IOException e) {
            return "cannot run mount (" + e.getMessage() + ")";
        }
    }

    /** Runs a command; null on success, its output otherwise. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return String.join(" ", command) + " timed out";
        }
        String output = new String(process.getInputStream().readAllBytes());
        return process.exitValue() == 0 ? null : output;
    }
}
