package io.classcord.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.classcord.engine.ChatServer;
import io.classcord.engine.EngineSettings;
import io.classcord.storage.ChatStore;
import io.classcord.storage.StoreSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small workloads against a real server: the accounting must add up, the output must be complete. */
class RunnerTest {

    @TempDir
    Path dir;
    ChatStore store;
    ChatServer server;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        store = ChatStore.open(new StoreSettings(dir.resolve("b.db"), "NORMAL", 512, 1024, 1, 1));
        server = ChatServer.start(EngineSettings.builder().host("127.0.0.1").port(0).messagesPerSecond(100_000)
                .messageBurst(100_000).maxAnonymousPerIp(0).maxConnectionsPerIp(0)
                // W3's 20 rooms and W3a's accounts all come from 127.0.0.1, as in compare.sh.
                .channelCreationsPerIp(1000).channelCreationsTotal(1000).registrationsPerIp(1000).registrationsTotal(1000)
                .build(), store);
    }

    @AfterEach
    void stop() {
        server.stop();
        store.close();
    }

    int bench(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--port";
        all[1] = Integer.toString(server.port());
        System.arraycopy(args, 0, all, 2, args.length);
        return Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void fastModeDeliversEverythingOnceToEveryOtherMemberOfTheChannel() throws Exception {
        long pid = ProcessHandle.current().pid();
        Path json = dir.resolve("w.json");
        int code = bench("--workload", "W1", "--clients", "7", "--channels", "2", "--messages", "50", "--in-flight", "3",
                "--server-pid", Long.toString(pid), "--json", json.toString());
        String summary = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, summary + err);
        // Channels of 4 and 3 members: 4*3*50 + 3*2*50 deliveries.
        assertTrue(summary.contains("deliveries=900/900"), summary);
        assertTrue(summary.contains("lost=0 dup=0 misrouted=0 echoed=0"), summary);
        assertTrue(summary.contains("server_rss="), summary);
        String written = Files.readString(json);
        assertTrue(written.contains("\"delivered\": 900") && written.contains("\"p99Ms\""), written);
    }

    @Test
    void accountsAndIdleConnectionsAreCounted() {
        int code = bench("--workload", "W3", "--clients", "20");
        assertEquals(0, code, out.toString(StandardCharsets.UTF_8) + err);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("clients=20 channels=20 connect="),
                out.toString(StandardCharsets.UTF_8));
        out.reset();
        // Accounts join too: a join refused or never confirmed is a failure, and the exit code says so.
        assertEquals(0, bench("--workload", "W3a", "--accounts", "5", "--channels", "2"), out.toString(StandardCharsets.UTF_8) + err);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("failures=0 accounts=5"), out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(0, bench("--workload", "W4", "--idle", "50"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("idle=50"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badUsageIsExitCodeTwo() {
        assertEquals(2, bench("--workload", "W9"));
        assertEquals(2, bench("--protocol", "irc", "--workload", "W3a"));
    }
}
