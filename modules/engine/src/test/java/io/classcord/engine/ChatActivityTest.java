package io.classcord.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.classcord.testsupport.Waits;
import io.classcord.testsupport.WireClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine reports for the teacher's dashboard ({@link EngineListener#activity}), and the login
 * check another front door shares with chat logins.
 */
class ChatActivityTest {

    @TempDir
    Path dir;

    private final List<ChatActivity> seen = new CopyOnWriteArrayList<>();
    private final EngineListener listener = new EngineListener() {
        @Override
        public void activity(ChatActivity event) {
            seen.add(event);
        }
    };

    private <T extends ChatActivity> T awaitEvent(Class<T> type, Predicate<T> wanted) {
        Waits.until("a matching " + type.getSimpleName() + " event", Duration.ofSeconds(10),
                () -> find(type, wanted) != null);
        return find(type, wanted);
    }

    private <T extends ChatActivity> T find(Class<T> type, Predicate<T> wanted) {
        return seen.stream().filter(type::isInstance).map(type::cast).filter(wanted).findFirst().orElse(null);
    }

    @Test
    void messagesPresenceAndRefusedLoginsAreReported() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dir, EngineSettings.builder().messagesPerSecond(1000)
                .messageBurst(1000), listener)) {
            WireClient.register(fixture.port(), "alice", "secret-alice");
            try (WireClient alice = fixture.user("alice")) {
                alice.say("bonjour <b>");
                ChatActivity.Posted posted = awaitEvent(ChatActivity.Posted.class, p -> p.text().equals("bonjour <b>"));
                assertEquals("alice", posted.sender());
                assertNull(posted.recipient());
                assertTrue(posted.channel().startsWith("#"));
                awaitEvent(ChatActivity.Presence.class, p -> p.kind() == ChatActivity.PresenceKind.CONNECTED
                        && p.address().equals("127.0.0.1"));
            }
            awaitEvent(ChatActivity.Presence.class, p -> p.kind() == ChatActivity.PresenceKind.DISCONNECTED
                    && "alice".equals(p.name()));
            try (WireClient guesser = fixture.client()) {
                assertThrows(IOException.class, () -> guesser.login("alice", "wrong"));
            }
            ChatActivity.Security failed = awaitEvent(ChatActivity.Security.class,
                    s -> s.kind() == ChatActivity.SecurityKind.LOGIN_FAILED);
            assertEquals("127.0.0.1", failed.address());
            assertEquals("alice", failed.name());
        }
    }

    @Test
    void aFloodIsReportedOncePerBurst() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dir, EngineSettings.builder().messagesPerSecond(1).messageBurst(1),
                listener); WireClient guest = fixture.client()) {
            for (int i = 0; i < 20; i++) {
                guest.send("{\"type\":\"ping\"}");
            }
            for (int i = 0; i < 20; i++) {
                guest.next();
            }
            long reported = seen.stream().filter(e -> e instanceof ChatActivity.Security s
                    && s.kind() == ChatActivity.SecurityKind.RATE_LIMITED).count();
            assertEquals(1, reported);
        }
    }

    @Test
    void theDashboardsLoginCheckSharesTheChatLoginsThrottle() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dir, EngineSettings.builder().loginMaxFailures(3), listener)) {
            WireClient.register(fixture.port(), "prof", "secret-prof");
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            assertInstanceOf(LoginCheck.Accepted.class, fixture.server.checkLogin(loopback, "prof", "secret-prof"));
            for (int i = 0; i < 3; i++) {
                assertInstanceOf(LoginCheck.Refused.class, fixture.server.checkLogin(loopback, "prof", "wrong"));
            }
            assertInstanceOf(LoginCheck.Throttled.class, fixture.server.checkLogin(loopback, "prof", "secret-prof"));
            try (WireClient chat = fixture.client()) {
                IOException refused = assertThrows(IOException.class, () -> chat.login("prof", "secret-prof"));
                assertTrue(refused.getMessage().contains("rate_limited"), refused.getMessage());
            }
        }
    }
}
