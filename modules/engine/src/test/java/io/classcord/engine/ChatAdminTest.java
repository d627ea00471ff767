package io.classcord.engine;

import static io.classcord.testsupport.Waits.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.classcord.engine.ChatAdmin.Outcome;
import io.classcord.protocol.ErrorCode;
import io.classcord.testsupport.WireClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatAdminTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static boolean fromServer(JsonObject line, String text) {
        return line.getString("type").equals("message") && "serveur".equals(line.getString("from", ""))
                && line.getString("content", "").contains(text);
    }

    @Test
    void clientsAndChannelsDescribeTheLiveServer() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dir); WireClient alice = fixture.user("alice");
             WireClient anonymous = fixture.client()) {
            ChatAdmin admin = fixture.server.admin();
            alice.send("{\"type\":\"join_channel\",\"channel\":\"dev\"}");
            alice.nextMatching(o -> o.getString("type").equals("join"));
            alice.send("{\"type\":\"message\",\"subtype\":\"global\",\"to\":\"global\",\"from\":\"alice\",\"content\":\"hi\"}");
            until("alice's message stored", WAIT, () -> fixture.store.channelMessageCounts().getOrDefault("#dev", 0L) == 1);

            until("two clients", WAIT, () -> admin.clients().size() == 2);
            ConnectedClient described = admin.clients().stream().filter(c -> "alice".equals(c.name())).findFirst().orElseThrow();
            assertEquals("127.0.0.1", described.ip());
            assertTrue(described.loggedIn());
            assertEquals("#dev", described.channel());
            assertEquals(List.of("#dev", "#général"), described.channels());
            assertEquals(4, described.linesIn());
            assertTrue(described.bytesIn() > 100);
            assertTrue(described.linesOut() >= 4, "register, login, welcome x2, join: " + described.linesOut());
            assertEquals(1, admin.loggedInUsers());

            ChannelState dev = admin.channels().stream().filter(c -> c.name().equals("#dev")).findFirst().orElseThrow();
            assertEquals(List.of("alice"), dev.members());
            assertEquals(1, dev.storedMessages());
            assertTrue(dev.open());
            ChannelState general = admin.channels().stream().filter(c -> c.name().equals("#général")).findFirst().orElseThrow();
            assertEquals(2, general.connections(), "the anonymous connection is in the lobby too");
        }
    }

    @Test
    void alertReachesListeningClientsAsAMessageFromServeur() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dir); WireClient alice = fixture.user("alice").extensions();
             WireClient bob = fixture.user("bob"); WireClient silent = fixture.client()) {
            ChatAdmin admin = fixture.server.admin();
            assertEquals(OptionalInt.of(2), admin.alert("Coupure à 17h", null));
            JsonObject typed = alice.nextMatching(o -> o.getString("type").equals("alert"));
            assertEquals("Coupure à 17h", typed.getString("message"));
            alice.nextMatching(o -> fromServer(o, "Coupure à 17h"));
            bob.nextMatching(o -> fromServer(o, "Coupure à 17h"));
            // Never logged in and never asked for anything: nothing unsolicited.
            assertTrue(silent.silentFor(Duration.ofMillis(300)));

            bob.send("{\"type\":\"join_channel\",\"channel\":\"dev\"}");
            bob.nextMatching(o -> o.getString("type").equals("join"));
            assertEquals(OptionalInt.of(1), admin.alert("Pour #dev", "dev"));
            JsonObject inDev = bob.nextMatching(o -> fromServer(o, "Pour #dev"));
            assertEquals("#dev", inDev.getString("channel"));
            assertEquals(OptionalInt.empty(), admin.alert("x", "#nowhere"));
            alice.send("{\"type\":\"ping\",\"id\":\"p\"}");
            assertEquals("pong", alice.nextMatching(o -> !o.getString("type").equals("status")).getString("type"),
                    "alice is not in #dev and got nothing before her pong");
        }
    }

    @Test
    void kickClosesEveryConnectionOfTheNameAndTellsTheOthers() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dir); WireClient alice = fixture.user("alice").extensions();
             WireClient alice2 = WireClient.loggedIn(fixture.port(), "alice", "secret-alice").extensions();
             WireClient bob = fixture.user("bob")) {
            ChatAdmin admin = fixture.server.admin();
            assertEquals(2, admin.kick("ALICE", "Expulsé : langage"));
            for (WireClient kicked : List.of(alice, alice2)) {
                assertEquals("Expulsé : langage", kicked.nextMatching(o -> o.getString("type").equals("kick")).getString("message"));
                kicked.nextMatching(o -> fromServer(o, "Expulsé : langage"));
                assertTrue(kicked.closedByServer(WAIT));
            }
            bob.nextMatching(o -> fromServer(o, "alice a été expulsé"));
            bob.nextMatching(o -> o.getString("type").equals("status") && o.getString("user").equals("alice")
                    && o.getString("state").equals("offline"));
            until("alice gone", WAIT, () -> admin.clients().size() == 1);
            assertEquals(0, admin.kick("alice", "again"));
        }
    }

    @Test
    void bannedAccountIsDisconnectedAndRefusedAtLogin() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dir); WireClient alice = fixture.user("alice").extensions()) {
            assertTrue(fixture.store.setBanned("alice", true));
            assertEquals(1, fixture.server.admin().disconnectAccount("alice", "Compte banni."));
            alice.nextMatching(o -> o.getString("type").equals("kick"));
            assertTrue(alice.closedByServer(WAIT));
            try (WireClient again = fixture.client()) {
                again.send("{\"type\":\"login\",\"username\":\"alice\",\"password\":\"secret-alice\"}");
                assertEquals("banned", again.next().getString("code"));
            }
        }
    }

    @Test
    void banningMassBansAndDisconnectsMaßOneKeyForStorageAndEngine() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dir); WireClient mass = fixture.user("Maß").extensions()) {
            // As the admin API does: the store, then the engine, both with the name as the teacher typed it.
            assertTrue(fixture.store.setBanned("MASS", true));
            assertEquals(1, fixture.server.admin().disconnectAccount("MASS", "Compte banni."));
            mass.nextMatching(o -> o.getString("type").equals("kick"));
            assertTrue(mass.closedByServer(WAIT));
            try (WireClient again = fixture.client()) {
                again.send("{\"type\":\"login\",\"username\":\"maß\",\"password\":\"secret-Maß\"}");
                assertEquals("banned", again.next().getString("code"));
            }
        }
    }

    @Test
    void closedChannelRefusesMessagesAndJoinsUntilReopened() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dir); WireClient alice = fixture.user("alice");
             WireClient bob = fixture.user("bob")) {
            ChatAdmin admin = fixture.server.admin();
            assertEquals(Outcome.DONE, admin.closeChannel("#général"));
            assertEquals(Outcome.UNCHANGED, admin.closeChannel("général"));
            alice.nextMatching(o -> fromServer(o, "fermé"));
            bob.nextMatching(o -> fromServer(o, "fermé"));
            alice.send("{\"type\":\"message\",\"subtype\":\"global\",\"to\":\"global\",\"from\":\"alice\",\"content\":\"hi\"}");
            assertEquals("channel_closed", alice.nextMatching(o -> o.getString("type").equals("error")).getString("code"));
            assertTrue(admin.channels().stream().anyMatch(c -> c.name().equals("#général") && !c.open()));

            assertEquals(Outcome.DONE, admin.reopenChannel("#général"));
            alice.nextMatching(o -> fromServer(o, "rouvert"));
            alice.send("{\"type\":\"message\",\"subtype\":\"global\",\"to\":\"global\",\"from\":\"alice\",\"content\":\"back\"}");
            assertEquals("back", bob.nextMatching(o -> o.getString("type").equals("message")
                    && o.getString("from").equals("alice")).getString("content"));

            assertEquals(Outcome.UNKNOWN_CHANNEL, admin.closeChannel("#nowhere"));
            assertEquals(Outcome.INVALID_NAME, admin.closeChannel("no spaces"));
            assertEquals(Outcome.DONE, admin.createChannel("Projets"));
            assertEquals(Outcome.UNCHANGED, admin.createChannel("#projets"));
            assertTrue(admin.channels().stream().anyMatch(c -> c.name().equals("#projets")));
        }
    }

    @Test
    void listenerSeesMessagesFailedLoginsAndRejections() throws Exception {
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        AtomicLong delivered = new AtomicLong();
        AtomicInteger failedLogins = new AtomicInteger();
        Map<ErrorCode, AtomicInteger> rejected = new ConcurrentHashMap<>();
        EngineListener listener = new EngineListener() {
            @Override
            public void messageReceived(String channel) {
                received.computeIfAbsent(channel, k -> new AtomicInteger()).incrementAndGet();
            }

            @Override
            public void messageDelivered(String channel, int recipients, Duration latency) {
                assertFalse(latency.isNegative());
                delivered.addAndGet(recipients);
            }

            @Override
            public void loginFailed() {
                failedLogins.incrementAndGet();
            }

            @Override
            public void lineRejected(ErrorCode code) {
                rejected.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
            }
        };
        try (ServerFixture fixture = new ServerFixture(dir,
                EngineSettings.builder().messagesPerSecond(1000).messageBurst(1000), listener);
             WireClient alice = fixture.user("alice"); WireClient bob = fixture.user("bob")) {
            alice.send("{\"type\":\"message\",\"subtype\":\"global\",\"to\":\"global\",\"from\":\"alice\",\"content\":\"hi\"}");
            alice.send("{\"type\":\"message\",\"subtype\":\"private\",\"to\":\"bob\",\"from\":\"alice\",\"content\":\"psst\"}");
            alice.send("not json");
            bob.nextMatching(o -> "psst".equals(o.getString("content", "")));
            try (WireClient intruder = fixture.client()) {
                intruder.send("{\"type\":\"login\",\"username\":\"alice\",\"password\":\"wrong\"}");
                intruder.next();
            }
            until("counts", WAIT, () -> failedLogins.get() == 1 && rejected.containsKey(ErrorCode.BAD_JSON));
            assertEquals(1, received.get("#général").get());
            assertEquals(1, received.get(EngineListener.PRIVATE).get());
            assertEquals(2, delivered.get());
            assertEquals(1, rejected.get(ErrorCode.AUTH_FAILED).get());
        }
    }
}
