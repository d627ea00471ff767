package io.classcord.admin;

import static io.classcord.admin.AdminFixture.await;
import static io.classcord.admin.AdminFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.classcord.storage.NewMessage;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private AdminFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new AdminFixture(dir);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static String error(HttpResponse<String> response) {
        return json(response).asJsonObject().getString("error");
    }

    @Test
    void tokenIsRequiredEverywhereButHealth() throws Exception {
        Path tokenFile = dir.resolve("secrets/admin.token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
        assertTrue(fx.token.length() >= 40);

        for (String path : List.of("/api/clients", "/api/users", "/observe/metrics")) {
            HttpResponse<String> none = fx.send(HttpRequest.newBuilder(fx.uri(path)).GET());
            assertEquals(401, none.statusCode(), path);
            assertEquals("unauthorized", error(none));
            HttpResponse<String> wrong = fx.send(HttpRequest.newBuilder(fx.uri(path))
                    .header("Authorization", "Bearer " + fx.token + "x").GET());
            assertEquals(401, wrong.statusCode(), path);
        }
        HttpResponse<String> shutdown = fx.send(HttpRequest.newBuilder(fx.uri("/api/shutdown"))
                .header("Authorization", "Bearer nope").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(401, shutdown.statusCode());
        assertEquals(1, fx.stopRequested.getCount(), "a refused call changes nothing");
        assertTrue(fx.audit.stream().anyMatch(l -> l.contains("[AUTH] Unauthorized admin API call from 127.0.0.1")
                && l.contains("missing token")), fx.audit.toString());
        assertTrue(fx.audit.stream().anyMatch(l -> l.contains("wrong token") && l.contains("/api/shutdown")));
        assertFalse(fx.audit.stream().anyMatch(l -> l.contains(fx.token)), "the token is never logged");

        HttpResponse<String> health = fx.send(HttpRequest.newBuilder(fx.uri("/health")).GET());
        assertEquals(200, health.statusCode());
        JsonObject status = json(health).asJsonObject();
        assertEquals("UP", status.getString("status"));
        assertEquals("UP", status.getString("database"));
        assertEquals(200, fx.send(HttpRequest.newBuilder(fx.uri("/health/live")).GET()).statusCode());
        assertEquals(200, fx.send(HttpRequest.newBuilder(fx.uri("/health/ready")).GET()).statusCode());
    }

    @Test
    void healthIsNotReadyWhenTheDatabaseIsClosed() throws Exception {
        fx.store.close();
        HttpResponse<String> health = fx.send(HttpRequest.newBuilder(fx.uri("/health")).GET());
        assertEquals(503, health.statusCode());
        assertEquals("DOWN", json(health).asJsonObject().getString("database"));
    }

    @Test
    void clientsAndChannelsListTheLiveServer() throws Exception {
        try (ChatClient alice = fx.user("alice"); ChatClient bob = fx.user("bob")) {
            alice.say("bonjour");
            bob.nextMessage(m -> m.getString("content").equals("bonjour"));
            HttpResponse<String> clients = fx.get("/api/clients");
            assertEquals(200, clients.statusCode());
            JsonArray list = json(clients).asJsonArray();
            assertEquals(2, list.size());
            JsonObject first = list.getJsonObject(0);
            assertEquals("alice", first.getString("name"));
            assertEquals("127.0.0.1", first.getString("ip"));
            assertEquals("#général", first.getString("channel"));
            assertEquals("online", first.getString("state"));
            assertTrue(first.getJsonNumber("bytesIn").longValue() > 0);
            assertEquals(3, first.getJsonNumber("linesIn").longValue());
            assertTrue(first.getJsonNumber("linesOut").longValue() >= 4);
            assertFalse(first.getString("connectedSince").isEmpty());

            JsonArray channels = json(fx.get("/api/channels")).asJsonArray();
            JsonObject general = channels.stream().map(JsonObject.class::cast)
                    .filter(c -> c.getString("name").equals("#général")).findFirst().orElseThrow();
            assertEquals(List.of("alice", "bob"), general.getJsonArray("members").getValuesAs(jakarta.json.JsonString::getString));
            assertEquals(1, general.getJsonNumber("storedMessages").longValue());
            assertTrue(general.getBoolean("open"));
        }
    }

    @Test
    void usersArePagedAndSearched() throws Exception {
        for (String name : List.of("alice", "albert", "bob", "carla")) {
            fx.store.register(name, "pw");
        }
        JsonObject page = json(fx.get("/api/users?limit=2&offset=1")).asJsonObject();
        assertEquals(4, page.getInt("total"));
        assertEquals(List.of("alice", "bob"), names(page));
        assertEquals(List.of("albert", "alice"), names(json(fx.get("/api/users?search=AL")).asJsonObject()));

        for (String bad : List.of("limit=0", "limit=1001", "offset=-1", "limit=abc", "offset=1.5")) {
            HttpResponse<String> response = fx.get("/api/users?" + bad);
            assertEquals(400, response.statusCode(), bad);
            assertEquals("bad_paging", error(response));
        }
        try (ChatClient alice = ChatClient.loggedIn(fx.chat.port(), "alice", "pw")) {
            JsonObject one = json(fx.get("/api/users/ALICE")).asJsonObject();
            assertEquals("alice", one.getString("username"));
            assertEquals("user", one.getString("role"));
            assertEquals(1, one.getInt("connections"));
            assertFalse(one.containsKey("password"));
        }
        HttpResponse<String> unknown = fx.get("/api/users/nobody");
        assertEquals(404, unknown.statusCode());
        assertEquals("unknown_user", error(unknown));
    }

    @Test
    void messagesAreFilteredAndTheirParametersChecked() throws Exception {
        fx.store.register("alice", "pw");
        fx.store.append(new NewMessage(null, "alice", "#dev", null, "one", "2025-06-20T10:00:00.000000"));
        fx.store.append(new NewMessage(null, "bob", "#général", null, "two", "2025-06-21T10:00:00.000000"));
        fx.store.append(new NewMessage(null, "bob", null, "alice", "three", "2025-06-22T10:00:00.000000"));

        assertEquals(List.of("three", "two", "one"), contents(fx.get("/api/messages")));
        assertEquals(List.of("one"), contents(fx.get("/api/messages?channel=dev")));
        assertEquals(List.of("two"), contents(fx.get("/api/messages?channel=%23g%C3%A9n%C3%A9ral")));
        assertEquals(List.of("three", "one"), contents(fx.get("/api/messages?user=alice")));
        assertEquals(List.of("two"), contents(fx.get("/api/messages?from=2025-06-21&to=2025-06-22")));
        assertEquals(List.of("two"), contents(fx.get("/api/messages?limit=1&offset=1")));
        assertEquals(3, json(fx.get("/api/messages?limit=1")).asJsonObject().getInt("total"));

        assertEquals("unknown_channel", error(expect(404, fx.get("/api/messages?channel=nowhere"))));
        assertEquals("unknown_channel", error(expect(404, fx.get("/api/messages?channel=bad%20name"))));
        assertEquals("unknown_user", error(expect(404, fx.get("/api/messages?user=nobody"))));
        assertEquals("bad_time", error(expect(400, fx.get("/api/messages?from=yesterday"))));
        assertEquals("bad_time", error(expect(400, fx.get("/api/messages?to=2025-13-01"))));
        assertEquals("bad_paging", error(expect(400, fx.get("/api/messages?limit=-5"))));
    }

    @Test
    void alertReachesAnUnmodifiedClientAsAMessage() throws Exception {
        try (ChatClient alice = fx.user("alice"); ChatClient bob = fx.user("bob")) {
            HttpResponse<String> sent = expect(200, fx.post("/api/alert", "{\"message\":\"Fermeture à 18h\"}"));
            assertEquals(2, json(sent).asJsonObject().getInt("delivered"));
            for (ChatClient client : List.of(alice, bob)) {
                JsonObject shown = client.nextMessage(m -> m.getString("content").equals("Fermeture à 18h"));
                assertEquals("serveur", shown.getString("from"));
            }
            bob.send("{\"type\":\"join_channel\",\"channel\":\"dev\"}");
            bob.nextOfType("join");
            assertEquals(1, json(expect(200, fx.post("/api/alert", "{\"message\":\"dev only\",\"channel\":\"#dev\"}")))
                    .asJsonObject().getInt("delivered"));
            bob.nextMessage(m -> m.getString("content").equals("dev only"));

            assertEquals("unknown_channel", error(expect(404, fx.post("/api/alert", "{\"message\":\"x\",\"channel\":\"#nope\"}"))));
            assertEquals("bad_request", error(expect(400, fx.post("/api/alert", "{\"message\":\"  \"}"))));
            assertEquals("bad_request", error(expect(400, fx.post("/api/alert", "not json"))));
            assertTrue(fx.audit.stream().anyMatch(l -> l.contains("alert to everyone") && l.contains("sent to 2")), fx.audit.toString());
        }
    }

    @Test
    void kickIsSeenByTheKickedClientAndByTheOthers() throws Exception {
        try (ChatClient alice = fx.user("alice"); ChatClient bob = fx.user("bob")) {
            JsonObject result = json(expect(200, fx.post("/api/users/alice/kick", "{\"reason\":\"Spam\"}"))).asJsonObject();
            assertEquals(1, result.getInt("disconnected"));
            assertEquals("Spam", alice.nextMessage(m -> m.getString("from").equals("serveur")).getString("content"));
            assertTrue(alice.closedByServer());
            bob.nextMessage(m -> m.getString("content").equals("alice a été expulsé par l'administrateur."));
            bob.nextMatching(o -> o.getString("type").equals("status") && o.getString("user").equals("alice")
                    && o.getString("state").equals("offline"));
            assertEquals("unknown_user", error(expect(404, fx.post("/api/users/alice/kick", null))));
            assertTrue(fx.audit.stream().anyMatch(l -> l.contains("kick alice -> disconnected 1")), fx.audit.toString());
        }
    }

    @Test
    void banDisconnectsAndRefusesLoginUntilUnban() throws Exception {
        try (ChatClient alice = fx.user("alice")) {
            JsonObject banned = json(expect(200, fx.post("/api/users/alice/ban", null))).asJsonObject();
            assertTrue(banned.getBoolean("banned"));
            assertEquals(1, banned.getInt("disconnected"));
            assertTrue(alice.closedByServer());
        }
        try (ChatClient again = fx.client()) {
            again.send("{\"type\":\"login\",\"username\":\"alice\",\"password\":\"secret-alice\"}");
            assertEquals("banned", again.nextOfType("error").getString("code"));
        }
        assertTrue(json(fx.get("/api/users/alice")).asJsonObject().getBoolean("banned"));
        expect(200, fx.post("/api/users/alice/unban", null));
        fx.user("alice").close();
        assertEquals("unknown_user", error(expect(404, fx.post("/api/users/nobody/ban", null))));
        assertEquals("unknown_user", error(expect(404, fx.post("/api/users/nobody/unban", null))));
    }

    @Test
    void channelsAreCreatedClosedAndReopened() throws Exception {
        try (ChatClient alice = fx.user("alice")) {
            assertEquals("#projets", json(expect(201, fx.post("/api/channels", "{\"name\":\"Projets\"}"))).asJsonObject().getString("channel"));
            assertEquals("channel_exists", error(expect(409, fx.post("/api/channels", "{\"name\":\"#projets\"}"))));
            assertEquals("invalid_channel", error(expect(400, fx.post("/api/channels", "{\"name\":\"a b\"}"))));
            assertEquals("invalid_channel", error(expect(400, fx.post("/api/channels", "{}"))));

            JsonObject closed = json(expect(200, fx.post("/api/channels/%23g%C3%A9n%C3%A9ral/close", null))).asJsonObject();
            assertFalse(closed.getBoolean("open"));
            assertTrue(closed.getBoolean("changed"));
            alice.nextMessage(m -> m.getString("content").contains("fermé"));
            alice.say("still there?");
            assertEquals("channel_closed", alice.nextOfType("error").getString("code"));
            assertFalse(json(expect(200, fx.post("/api/channels/général/close", null))).asJsonObject().getBoolean("changed"));
            expect(200, fx.post("/api/channels/général/reopen", null));
            alice.nextMessage(m -> m.getString("content").contains("rouvert"));

            assertEquals("unknown_channel", error(expect(404, fx.post("/api/channels/nowhere/close", null))));
            assertEquals("unknown_channel", error(expect(404, fx.post("/api/channels/nowhere/reopen", null))));
        }
    }

    @Test
    void shutdownRunsTheStopAction() throws Exception {
        HttpResponse<String> accepted = expect(202, fx.post("/api/shutdown", null));
        assertTrue(json(accepted).asJsonObject().getBoolean("stopping"));
        assertTrue(fx.stopRequested.await(10, TimeUnit.SECONDS));
        assertTrue(fx.audit.stream().anyMatch(l -> l.contains("stop the server")));
    }

    @Test
    void metricsMoveWhenMessagesFlow() throws Exception {
        double before = metric(fx.get("/observe/metrics").body(), "classcord_messages_received_total", "channel=\"#dev\"");
        try (ChatClient alice = fx.user("alice"); ChatClient bob = fx.user("bob")) {
            for (ChatClient c : List.of(alice, bob)) {
                c.send("{\"type\":\"join_channel\",\"channel\":\"dev\"}");
                c.nextOfType("join");
            }
            for (int i = 0; i < 5; i++) {
                alice.send("{\"type\":\"message\",\"subtype\":\"global\",\"to\":\"global\",\"from\":\"alice\",\"channel\":\"#dev\",\"content\":\"m" + i + "\"}");
            }
            bob.nextMessage(m -> m.getString("content").equals("m4"));
            alice.send("{oops");
            alice.nextOfType("error");
            try (ChatClient intruder = fx.client()) {
                intruder.send("{\"type\":\"login\",\"username\":\"alice\",\"password\":\"wrong\"}");
                intruder.nextOfType("error");
            }
            // The intruder's close reaches the server a little after its error reply.
            await("intruder disconnected", WAIT, () -> fx.chat.connectionCount() == 2);
            HttpResponse<String> response = fx.get("/observe/metrics");
            assertEquals(200, response.statusCode());
            String text = response.body();
            assertEquals(before + 5, metric(text, "classcord_messages_received_total", "channel=\"#dev\""), 0.0);
            assertTrue(metric(text, "classcord_messages_delivered_total", "channel=\"#dev\"") >= 5);
            assertTrue(metric(text, "classcord_delivery_latency_seconds_count", "") >= 5);
            assertTrue(text.contains("classcord_delivery_latency_seconds_bucket{"), "a histogram, with buckets");
            assertTrue(metric(text, "classcord_logins_failed_total", "") >= 1);
            assertTrue(metric(text, "classcord_lines_rejected_total", "code=\"bad_json\"") >= 1);
            assertTrue(metric(text, "classcord_db_batch_size_count", "") >= 5);
            assertTrue(text.contains("classcord_db_commit_time_seconds_bucket{"));
            assertTrue(text.contains("classcord_outbound_dropped_total"));
            assertEquals(2, metric(text, "classcord_clients_connected", ""), 0.0);
            assertEquals(2, metric(text, "classcord_users_logged_in", ""), 0.0);
            assertTrue(text.contains("jvm_") || text.contains("memory_"), "JVM meters are published");
        }
        await("connections gone", WAIT, () -> fx.chat.connectionCount() == 0);
    }

    /** The value of the first sample of {@code name} whose labels contain {@code label}; 0 if absent. */
    static double metric(String text, String name, String label) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                String labels = line.startsWith(name + "{") ? line.substring(name.length(), line.indexOf('}') + 1) : "";
                if (labels.contains(label)) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return 0;
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        return response;
    }

    private static List<String> names(JsonObject page) {
        return page.getJsonArray("items").stream().map(v -> v.asJsonObject().getString("username")).toList();
    }

    private static List<String> contents(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return json(response).asJsonObject().getJsonArray("items").stream().map(v -> v.asJsonObject().getString("content")).toList();
    }
}
