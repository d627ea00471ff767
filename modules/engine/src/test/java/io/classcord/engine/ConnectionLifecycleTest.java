package io.classcord.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.classcord.testsupport.Waits;
import io.classcord.testsupport.WireClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Presence without ghosts, slow consumers, and the shutdown notice. */
class ConnectionLifecycleTest {

    @TempDir
    Path dir;

    @Test
    void abruptDisconnectsDuringBroadcastsLeaveNoGhosts() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dir); WireClient observer = fixture.user("observer")) {
            List<WireClient> victims = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                victims.add(fixture.user("victim" + i));
            }
            List<WireClient> talkers = List.of(fixture.user("talker0"), fixture.user("talker1"));
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (WireClient talker : talkers) {
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                        for (int m = 0; m < 200; m++) {
                            talker.send("{\"type\":\"message\",\"content\":\"storm " + m + "\"}");
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }));
            }
            go.countDown();
            for (WireClient victim : victims) {
                victim.abort();
            }
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(30));
            }
            Waits.until("victims gone", Duration.ofSeconds(10), () -> fixture.server.connectionCount() == 3);
            observer.send("{\"type\":\"users\"}");
            JsonObject users = observer.nextMatching(o -> o.getString("type").equals("users"));
            Set<String> names = new HashSet<>(users.getJsonArray("users").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).toList());
            assertEquals(Set.of("observer", "talker0", "talker1"), names);
            for (WireClient talker : talkers) {
                talker.close();
            }
        }
    }

    @Test
    void everyDisconnectPathAnnouncesOffline() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dir); WireClient observer = fixture.user("observer")) {
            WireClient reset = fixture.user("reset");
            WireClient closed = fixture.user("closed");
            WireClient halfClosed = fixture.user("half");
            reset.abort();
            closed.close();
            halfClosed.socket().shutdownOutput();
            Set<String> offline = new HashSet<>();
            while (offline.size() < 3) {
                JsonObject status = observer.nextMatching(o -> o.getString("type").equals("status")
                        && o.getString("state").equals("offline"));
                offline.add(status.getString("user"));
            }
            assertEquals(Set.of("reset", "closed", "half"), offline);
            halfClosed.close();
            assertEquals(List.of("observer"), fixture.server.onlineUsers());
        }
    }

    @Test
    void aClientThatNeverReadsIsDisconnectedWithoutDelayingOthers() throws Exception {
        EngineSettings.Builder settings = EngineSettings.builder().messagesPerSecond(100_000).messageBurst(100_000)
                .outboundQueueBytes(256 * 1024).historyPageBytes(128 * 1024);
        try (ServerFixture fixture = new ServerFixture(dir, settings); WireClient sender = fixture.user("sender");
             WireClient reader = fixture.user("reader")) {
            WireClient stuck = fixture.user("stuck");
            // A tiny receive buffer so the kernel cannot absorb the backlog for the client.
            stuck.socket().setReceiveBufferSize(1024);
            int count = 1500;
            int received = sendPacedToReader(sender, reader, count);
            assertEquals(count, received, "the reading client got every message despite the stuck one");
            Waits.until("stuck client dropped", Duration.ofSeconds(15),
                    () -> !fixture.server.onlineUsers().contains("stuck"));
            stuck.close();
        }
    }

    @Test
    void theServerWideOutboundBudgetDisconnectsClientsThatEachStayUnderTheirOwnCap() throws Exception {
        // Each queue may hold 32 MiB, more than the 9 MB sent: only the shared 1 MiB budget can cut the
        // three clients that do not read, and it must not cut the one that does.
        EngineSettings.Builder settings = EngineSettings.builder().messagesPerSecond(100_000).messageBurst(100_000)
                .outboundQueueBytes(32 << 20).outboundTotalBytes(1 << 20).historyPageBytes(128 * 1024);
        try (ServerFixture fixture = new ServerFixture(dir, settings); WireClient sender = fixture.user("sender");
             WireClient reader = fixture.user("reader")) {
            List<WireClient> stuck = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                WireClient client = fixture.user("stuck" + i);
                client.socket().setReceiveBufferSize(1024);
                stuck.add(client);
            }
            int count = 1500;
            int received = sendPacedToReader(sender, reader, count);
            assertEquals(count, received, "the reading client, which keeps up, got every message");
            Waits.until("every stuck client dropped", Duration.ofSeconds(15),
                    () -> fixture.server.onlineUsers().stream().noneMatch(name -> name.startsWith("stuck")));
            for (WireClient client : stuck) {
                client.close();
            }
        }
    }

    /**
     * {@code sender} posts {@code count} messages of 6 KB, never more than 20 ahead of what
     * {@code reader} has read: the reader keeps up, only clients that do not read fall behind.
     * Returns how many the reader received.
     */
    private static int sendPacedToReader(WireClient sender, WireClient reader, int count) throws Exception {
        String padding = "p".repeat(6000);
        AtomicInteger received = new AtomicInteger();
        Thread readerThread = Thread.ofVirtual().start(() -> {
            try {
                while (received.get() < count) {
                    JsonObject line = reader.next();
                    if (line.getString("type").equals("message") && line.getString("from").equals("sender")) {
                        received.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        for (int i = 0; i < count; i++) {
            while (i - received.get() > 20 && readerThread.isAlive()) {
                Thread.sleep(1);
            }
            sender.send("{\"type\":\"message\",\"content\":\"" + i + padding + "\"}");
        }
        readerThread.join(Duration.ofSeconds(30));
        return received.get();
    }

    @Test
    void stopSendsTheShutdownNoticeInBothFormsThenCloses() throws Exception {
        ServerFixture fixture = new ServerFixture(dir);
        try (WireClient alice = fixture.user("alice"); WireClient anonymous = fixture.client()) {
            Waits.until("both connections served", Duration.ofSeconds(10),
                    () -> fixture.server.connectionCount() == 2);
            fixture.close();
            JsonObject typed = alice.nextMatching(o -> o.getString("type").equals("shutdown"));
            assertEquals("Serveur arrêté.", typed.getString("message"));
            JsonObject copy = alice.next();
            assertEquals("message", copy.getString("type"));
            assertEquals("serveur", copy.getString("from"));
            assertEquals("Serveur arrêté.", copy.getString("content"));
            assertTrue(alice.closedByServer(WireClient.DEFAULT_WAIT));
            assertEquals("shutdown", anonymous.next().getString("type"));
        }
    }

    @Test
    void pendingLinesAreFlushedBeforeTheShutdownNotice() throws Exception {
        ServerFixture fixture = new ServerFixture(dir);
        try (WireClient alice = fixture.user("alice"); WireClient bob = fixture.user("bob")) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                batch.append("{\"type\":\"message\",\"content\":\"m").append(i).append("\"}\n");
            }
            alice.sendBytes(batch.toString().getBytes(StandardCharsets.US_ASCII));
            int seen = 0;
            while (seen < 50) {
                JsonObject line = bob.next();
                if (line.getString("type").equals("message")) {
                    assertEquals("m" + seen, line.getString("content"));
                    seen++;
                }
            }
            fixture.close();
            assertEquals("shutdown", bob.nextMatching(o -> !o.getString("type").equals("status")).getString("type"));
        }
    }
}
