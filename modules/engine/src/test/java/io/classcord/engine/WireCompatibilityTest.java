package io.classcord.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.classcord.testsupport.Waits;
import io.classcord.testsupport.WireClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One fixture per known client behaviour listed in wire-compat.md. */
class WireCompatibilityTest {

    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}";

    @TempDir
    Path dir;
    ServerFixture fixture;

    @BeforeEach
    void start() throws IOException {
        fixture = new ServerFixture(dir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void registerAndLoginRepliesAreTheVeryNextLines() throws IOException {
        try (WireClient client = fixture.client()) {
            // Key order as a HashMap produces it: type is not first.
            client.send("{\"password\":\"pw\",\"type\":\"register\",\"username\":\"alice\"}");
            assertEquals("{\"type\":\"register\",\"status\":\"ok\"}", client.nextLine(WireClient.DEFAULT_WAIT));
            client.send("{\"password\":\"pw\",\"username\":\"alice\",\"type\":\"login\"}");
            assertEquals("{\"type\":\"login\",\"status\":\"ok\",\"username\":\"alice\"}",
                    client.nextLine(WireClient.DEFAULT_WAIT));
        }
    }

    @Test
    void registerThenLoginRepeatedAndSameAccountTwice() throws IOException {
        try (WireClient first = fixture.client(); WireClient second = fixture.client()) {
            for (int i = 0; i < 2; i++) {
                first.send("{\"type\":\"register\",\"username\":\"bob\",\"password\":\"pw\"}");
                first.next();
            }
            first.send("{\"type\":\"login\",\"username\":\"bob\",\"password\":\"pw\"}");
            assertEquals("ok", first.next().getString("status"));
            second.send("{\"type\":\"login\",\"username\":\"bob\",\"password\":\"pw\"}");
            assertEquals("ok", second.next().getString("status"));
        }
    }

    @Test
    void nameTakenErrorCarriesBothKeysAndTheTextClientsLookFor() throws IOException {
        try (WireClient client = fixture.client()) {
            client.send("{\"type\":\"register\",\"username\":\"carol\",\"password\":\"pw\"}");
            client.next();
            client.send("{\"type\":\"register\",\"username\":\"Carol\",\"password\":\"other\"}");
            JsonObject error = client.next();
            assertEquals("error", error.getString("type"));
            assertEquals("name_taken", error.getString("code"));
            assertEquals("Username already exists.", error.getString("message"));
            assertEquals(error.getString("message"), error.getString("error"));
        }
    }

    @Test
    void failedLoginSaysLoginFailedInBothKeys() throws IOException {
        try (WireClient client = fixture.client()) {
            client.send("{\"type\":\"login\",\"username\":\"nobody\",\"password\":\"pw\"}");
            JsonObject error = client.next();
            assertEquals("auth_failed", error.getString("code"));
            assertEquals("Login failed.", error.getString("message"));
            assertEquals("Login failed.", error.getString("error"));
        }
    }

    @Test
    void messageWithoutSubtypeOrToReachesOthersWithSenderNameAndTimestamp() throws IOException {
        try (WireClient alice = fixture.user("alice"); WireClient bob = fixture.user("bob")) {
            alice.nextMatching(o -> o.getString("type").equals("status") && o.getString("user").equals("bob"));
            alice.send("{\"type\":\"message\",\"from\":\"mallory\",\"content\":\"salut\"}");
            JsonObject got = bob.nextMatching(o -> o.getString("type").equals("message"));
            assertEquals("alice", got.getString("from"), "from is overwritten with the sender's real name");
            assertEquals("salut", got.getString("content"));
            assertEquals("#général", got.getString("channel"));
            assertTrue(got.getString("timestamp").matches(TIMESTAMP), got.getString("timestamp"));
            assertTrue(alice.silentFor(Duration.ofMillis(300)), "nothing is echoed to the sender");
        }
    }

    @Test
    void globalMessageKeepsSubtypeAndTo() throws IOException {
        try (WireClient alice = fixture.user("alice"); WireClient bob = fixture.user("bob")) {
            alice.send("{\"type\":\"message\",\"subtype\":\"global\",\"to\":\"global\",\"from\":\"alice\",\"content\":\"hi\"}");
            JsonObject got = bob.nextMatching(o -> o.getString("type").equals("message"));
            assertEquals("global", got.getString("subtype"));
            assertEquals("global", got.getString("to"));
        }
    }

    @Test
    void guestAnnouncesWithEmptyContentThenChatsUnderItsFromName() throws IOException {
        try (WireClient bob = fixture.user("bob"); WireClient guest = fixture.client()) {
            String name = "Invité_Rudy_1750426994565";
            guest.send("{\"type\":\"message\",\"subtype\":\"global\",\"to\":\"global\",\"from\":\"" + name + "\",\"content\":\"\"}");
            JsonObject online = bob.nextMatching(o -> o.getString("type").equals("status"));
            assertEquals(name, online.getString("user"));
            guest.send("{\"type\":\"message\",\"from\":\"" + name + "\",\"content\":\"bonjour\"}");
            JsonObject got = bob.nextMatching(o -> o.getString("type").equals("message"));
            assertEquals(name, got.getString("from"));
            assertEquals("bonjour", got.getString("content"));
            guest.send("{\"type\":\"users\"}");
            JsonObject users = guest.nextMatching(o -> o.getString("type").equals("users"));
            assertTrue(users.getJsonArray("users").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).toList().containsAll(List.of("bob", name)));
        }
    }

    @Test
    void guestsWithoutFromGetAUniqueInviteName() throws IOException {
        try (WireClient bob = fixture.user("bob"); WireClient guest = fixture.client();
             WireClient other = fixture.client()) {
            guest.send("{\"type\":\"message\",\"content\":\"coucou\"}");
            String first = bob.nextMatching(o -> o.getString("type").equals("message")).getString("from");
            other.send("{\"type\":\"message\",\"content\":\"salut\"}");
            String second = bob.nextMatching(o -> o.getString("type").equals("message")
                    && o.getString("content").equals("salut")).getString("from");
            assertTrue(first.matches("invité-\\d{4,6}"), first);
            assertTrue(second.matches("invité-\\d{4,6}"), second);
            assertNotEquals(first, second, "one name, one owner: a private message must reach one of them only");
            bob.send("{\"type\":\"users\"}");
            JsonObject users = bob.nextMatching(o -> o.getString("type").equals("users"));
            assertTrue(users.getJsonArray("users").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).toList().containsAll(List.of(first, second)));
        }
    }

    @Test
    void guestCannotTakeARegisteredOrReservedName() throws IOException {
        try (WireClient alice = fixture.user("alice"); WireClient guest = fixture.client()) {
            guest.send("{\"type\":\"message\",\"from\":\"ALICE\",\"content\":\"I am alice\"}");
            JsonObject error = guest.next();
            assertEquals("name_taken", error.getString("code"));
            guest.send("{\"type\":\"message\",\"from\":\"Global\",\"content\":\"I am global\"}");
            assertEquals("name_taken", guest.next().getString("code"));
            assertTrue(alice.silentFor(Duration.ofMillis(300)));
        }
    }

    @Test
    void statusWithoutUserIsBroadcastWithSenderNameAndStateAsSent() throws IOException {
        try (WireClient alice = fixture.user("alice"); WireClient bob = fixture.user("bob")) {
            alice.nextMatching(o -> o.getString("type").equals("status") && o.getString("user").equals("bob"));
            alice.send("{\"type\":\"status\",\"state\":\"do not disturb\"}");
            JsonObject status = bob.nextMatching(o -> o.getString("type").equals("status"));
            assertEquals("alice", status.getString("user"));
            assertEquals("do not disturb", status.getString("state"));
            bob.send("{\"type\":\"status\",\"user\":\"someone-else\",\"state\":\"away\"}");
            JsonObject other = alice.nextMatching(o -> o.getString("type").equals("status"));
            assertEquals("bob", other.getString("user"));
            assertEquals("away", other.getString("state"));
        }
    }

    @Test
    void loginIsAnnouncedOnlineAndDisconnectOffline() throws IOException {
        try (WireClient alice = fixture.user("alice")) {
            WireClient bob = fixture.user("bob");
            JsonObject online = alice.nextMatching(o -> o.getString("type").equals("status"));
            assertEquals("bob", online.getString("user"));
            assertEquals("online", online.getString("state"));
            bob.close();
            JsonObject offline = alice.nextMatching(o -> o.getString("type").equals("status"));
            assertEquals("bob", offline.getString("user"));
            assertEquals("offline", offline.getString("state"));
        }
    }

    @Test
    void crlfLineEndingsAreAccepted() throws IOException {
        try (WireClient client = fixture.client()) {
            client.sendBytes("{\"type\":\"register\",\"username\":\"win\",\"password\":\"pw\"}\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("ok", client.next().getString("status"));
            client.sendBytes("{\"type\":\"users\"}\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("users", client.next().getString("type"));
        }
    }

    @Test
    void windows1252BytesDoNotDropTheConnectionAndAreDecoded() throws IOException {
        try (WireClient alice = fixture.user("alice"); WireClient bob = fixture.user("bob")) {
            byte[] line = "{\"type\":\"message\",\"content\":\"caf\u00e9 \u20ac\"}\n".getBytes(Charset.forName("windows-1252"));
            alice.sendBytes(line);
            JsonObject got = bob.nextMatching(o -> o.getString("type").equals("message"));
            assertEquals("caf\u00e9 \u20ac", got.getString("content"));
            alice.send("{\"type\":\"users\"}");
            assertEquals("users", alice.nextMatching(o -> o.getString("type").equals("users")).getString("type"));
        }
    }

    @Test
    void outputIsAsciiWithUnicodeEscapes() throws IOException {
        try (WireClient alice = fixture.user("alice"); WireClient bob = fixture.user("bob")) {
            alice.send("{\"type\":\"message\",\"content\":\"h\u00e9 \uD83D\uDE00\"}");
            String raw;
            do {
                raw = bob.nextLine(WireClient.DEFAULT_WAIT);
            } while (!raw.contains("\"message\""));
            assertTrue(raw.contains("h\\u00e9 \\ud83d\\ude00"), raw);
            assertTrue(raw.contains("#g\\u00e9n\\u00e9ral"), raw);
        }
    }

    @Test
    void usersRepliesWithPlainStringsEvenBeforeLogin() throws IOException {
        try (WireClient alice = fixture.user("alice"); WireClient anonymous = fixture.client()) {
            anonymous.send("{\"type\":\"users\"}");
            JsonObject users = anonymous.next();
            assertEquals("users", users.getString("type"));
            users.getJsonArray("users").forEach(v -> assertTrue(v instanceof JsonString, "plain strings only"));
            assertEquals(List.of("alice"), users.getJsonArray("users").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).toList());
        }
    }

    @Test
    void anonymousConnectionReceivesNothingUnsolicitedUntilItSpeaks() throws IOException {
        try (WireClient waiting = fixture.client(); WireClient alice = fixture.user("alice");
             WireClient bob = fixture.user("bob")) {
            alice.send("{\"type\":\"message\",\"content\":\"one\"}");
            bob.nextMatching(o -> o.getString("type").equals("message"));
            assertTrue(waiting.silentFor(Duration.ofMillis(300)), "a login screen must stay silent");
            // Synchronous login read: the reply must be the very next line.
            waiting.send("{\"type\":\"register\",\"username\":\"late\",\"password\":\"pw\"}");
            assertEquals("register", waiting.next().getString("type"));
            waiting.send("{\"type\":\"login\",\"username\":\"late\",\"password\":\"pw\"}");
            assertEquals("login", waiting.next().getString("type"));
        }
    }

    @Test
    void usersPollingEverySecondDuringAConversation() throws IOException {
        try (WireClient alice = fixture.user("alice"); WireClient bob = fixture.user("bob")) {
            alice.nextMatching(o -> o.getString("type").equals("status"));
            for (int round = 0; round < 3; round++) {
                long next = System.nanoTime() + 1_000_000_000L;
                bob.send("{\"type\":\"users\"}");
                alice.send("{\"type\":\"message\",\"content\":\"round " + round + "\"}");
                alice.send("{\"type\":\"users\"}");
                boolean sawUsers = false;
                boolean sawMessage = false;
                while (!sawUsers || !sawMessage) {
                    JsonObject line = bob.next();
                    sawUsers |= line.getString("type").equals("users")
                            && line.getJsonArray("users").size() == 2;
                    sawMessage |= line.getString("type").equals("message")
                            && line.getString("content").equals("round " + round);
                }
                assertEquals(2, alice.nextMatching(o -> o.getString("type").equals("users")).getJsonArray("users").size());
                // A real client polls on a timer; wait for the next tick.
                Waits.until("next poll tick", Duration.ofSeconds(2), () -> System.nanoTime() >= next);
            }
        }
    }

    @Test
    void privateMessageReachesOnlyEveryConnectionOfTheRecipient() throws IOException {
        try (WireClient alice = fixture.user("alice"); WireClient bob1 = fixture.user("bob");
             WireClient bob2 = WireClient.loggedIn(fixture.port(), "bob", "secret-bob");
             WireClient carol = fixture.user("carol")) {
            alice.send("{\"type\":\"message\",\"subtype\":\"private\",\"to\":\"bob\",\"from\":\"alice\",\"content\":\"psst\"}");
            for (WireClient bob : List.of(bob1, bob2)) {
                JsonObject got = bob.nextMatching(o -> o.getString("type").equals("message"));
                assertEquals("private", got.getString("subtype"));
                assertEquals("bob", got.getString("to"));
                assertEquals("alice", got.getString("from"));
                assertEquals("psst", got.getString("content"));
            }
            carol.send("{\"type\":\"ping\"}");
            JsonObject next = carol.nextMatching(o -> !o.getString("type").equals("status"));
            assertEquals("pong", next.getString("type"), "carol got no private message before her pong");
        }
    }

    @Test
    void privateMessageToUnknownUserGetsAnError() throws IOException {
        try (WireClient alice = fixture.user("alice")) {
            alice.send("{\"type\":\"message\",\"subtype\":\"private\",\"to\":\"ghost\",\"content\":\"psst\"}");
            assertEquals("unknown_user", alice.next().getString("code"));
        }
    }

    @Test
    void globalIsReserved() throws IOException {
        try (WireClient client = fixture.client()) {
            client.send("{\"type\":\"register\",\"username\":\"Global\",\"password\":\"pw\"}");
            JsonObject error = client.next();
            assertEquals("name_taken", error.getString("code"));
            assertFalse(error.getString("message").isEmpty());
        }
    }
}
