package io.classcord.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.classcord.testsupport.WireClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed notices ({@code welcome}, {@code alert}, {@code kick}, {@code notice}) reach only clients
 * that sent an extension request: one course client prints unknown types as raw JSON. Everyone gets
 * the {@code message} copy from {@code serveur}, and {@code shutdown} (the course's) stays for all.
 */
class ExtensionFramesTest {

    private static final Set<String> EXTENSION_NOTICES = Set.of("welcome", "alert", "kick", "notice");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static ServerFixture fixture(Path dir) throws IOException {
        return new ServerFixture(dir, EngineSettings.builder().messagesPerSecond(1000).messageBurst(1000)
                .welcomeMessage("Bienvenue !"));
    }

    /** Logs in as a course client does (register, login, status, users) and returns every line read. */
    private static List<JsonObject> oldClientLogin(WireClient client, String user, List<JsonObject> seen)
            throws IOException {
        client.send("{\"type\":\"register\",\"username\":\"" + user + "\",\"password\":\"pw\"}");
        seen.add(client.next());
        client.send("{\"type\":\"login\",\"username\":\"" + user + "\",\"password\":\"pw\"}");
        seen.add(client.next());
        seen.add(client.nextMatching(o -> o.getString("type").equals("message")
                && o.getString("from", "").equals("serveur") && o.getString("content").equals("Bienvenue !")));
        client.send("{\"type\":\"status\",\"user\":\"" + user + "\",\"state\":\"online\"}");
        client.send("{\"type\":\"users\"}");
        seen.add(client.nextMatching(o -> o.getString("type").equals("users")));
        return seen;
    }

    private static JsonObject collectUntil(WireClient client, List<JsonObject> seen, String content) throws IOException {
        JsonObject line = client.nextMatching(o -> {
            seen.add(o);
            return o.getString("type").equals("message") && o.getString("content", "").equals(content);
        });
        assertEquals("serveur", line.getString("from"));
        return line;
    }

    private static void assertNoTypedNotice(List<JsonObject> seen) {
        for (JsonObject line : seen) {
            assertFalse(EXTENSION_NOTICES.contains(line.getString("type")), "an old client got " + line);
        }
    }

    @Test
    void oldClientGetsOnlyMessageCopiesOfWelcomeAlertNoticeAndKick() throws Exception {
        try (ServerFixture fixture = fixture(dir); WireClient old = fixture.client(); WireClient bob = fixture.client()) {
            List<JsonObject> seen = new ArrayList<>();
            oldClientLogin(old, "alice", seen);
            oldClientLogin(bob, "bob", new ArrayList<>());
            old.send("{\"type\":\"message\",\"subtype\":\"global\",\"to\":\"global\",\"from\":\"alice\",\"content\":\"/join #dev\"}");
            collectUntil(old, seen, "Vous avez rejoint #dev.");

            ChatAdmin admin = fixture.server.admin();
            admin.alert("Coupure à 17h", null);
            collectUntil(old, seen, "Coupure à 17h");
            assertEquals(ChatAdmin.Outcome.DONE, admin.closeChannel("dev"));
            collectUntil(old, seen, "Le canal #dev est fermé par l'administrateur : plus aucun message n'y est accepté.");
            admin.kick("bob", "Au revoir bob");
            collectUntil(old, seen, "bob a été expulsé par l'administrateur.");
            admin.kick("alice", "Expulsée");
            collectUntil(old, seen, "Expulsée");
            assertTrue(old.closedByServer(WAIT));
            assertNoTypedNotice(seen);
            assertFalse(seen.stream().anyMatch(o -> o.getString("type").equals("join")),
                    "no typed join reply to a /join typed in the chat box");
        }
    }

    @Test
    void clientThatSentAnExtensionRequestGetsTypedNoticesAndMessageCopies() throws Exception {
        for (String request : List.of("{\"type\":\"ping\"}", "{\"type\":\"join_channel\",\"channel\":\"dev\"}",
                "{\"type\":\"channels\"}", "{\"type\":\"history\"}")) {
            try (ServerFixture fixture = fixture(dir.resolve(String.valueOf(request.hashCode())));
                 WireClient modern = fixture.client()) {
                modern.send(request);
                modern.next();
                modern.send("{\"type\":\"register\",\"username\":\"alice\",\"password\":\"pw\"}");
                modern.next();
                modern.send("{\"type\":\"login\",\"username\":\"alice\",\"password\":\"pw\"}");
                assertEquals("login", modern.next().getString("type"));
                assertEquals("Bienvenue !", modern.nextMatching(o -> o.getString("type").equals("welcome"))
                        .getString("message"), request);
                modern.nextMatching(o -> o.getString("type").equals("message") && o.getString("from").equals("serveur"));

                fixture.server.admin().alert("Coupure", null);
                assertEquals("Coupure", modern.nextMatching(o -> o.getString("type").equals("alert")).getString("message"));
                modern.nextMatching(o -> o.getString("type").equals("message") && o.getString("content").equals("Coupure"));
                fixture.server.admin().kick("alice", "Dehors");
                assertEquals("Dehors", modern.nextMatching(o -> o.getString("type").equals("kick")).getString("message"));
                modern.nextMatching(o -> o.getString("type").equals("message") && o.getString("content").equals("Dehors"));
            }
        }
    }

    @Test
    void shutdownStaysTypedForOldClients() throws Exception {
        ServerFixture fixture = fixture(dir);
        try (WireClient old = fixture.client()) {
            oldClientLogin(old, "alice", new ArrayList<>());
            fixture.close();
            assertEquals("shutdown", old.nextMatching(o -> o.getString("type").equals("shutdown")).getString("type"));
            old.nextMatching(o -> o.getString("type").equals("message") && o.getString("from").equals("serveur"));
        }
    }
}
