package io.classcord.admintests;

import static io.classcord.admintests.ImageServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.io.Reader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.classcord.testsupport.Waits;
import io.classcord.testsupport.WireClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.ByteOrderMark;
import org.apache.commons.io.input.BOMInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API of the shipped image, over a real HTTP client, with real chat clients on TCP: each test
 * starts {@code bin/classcord} afresh. These cases ran in-process (modules/admin-http) before, where
 * they could not see what jlink does to the code: the image dropped every request body.
 */
class AdminApiImageTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private ImageServer server;

    @BeforeEach
    void start() throws Exception {
        server = ImageServer.start(dir);
    }

    @AfterEach
    void stop() {
        // Null when the image did not start: the start's own failure is the one to report.
        if (server != null) {
            server.close();
        }
    }

    private static String error(HttpResponse<String> response) {
        return json(response).asJsonObject().getString("error");
    }

    @Test
    void tokenIsRequiredEverywhereButHealth() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.tokenFile())));
        String token = server.token();
        assertTrue(token.length() >= 40);

        for (String path : List.of("/api/clients", "/api/users", "/api/channels", "/observe/metrics")) {
            HttpResponse<String> none = server.send(HttpRequest.newBuilder(server.uri(path)).GET());
            assertEquals(401, none.statusCode(), path);
            assertEquals("unauthorized", error(none));
            HttpResponse<String> wrong = server.send(HttpRequest.newBuilder(server.uri(path))
                    .header("Authorization", "Bearer " + token + "x").GET());
            assertEquals(401, wrong.statusCode(), path);
        }
        HttpResponse<String> alert = server.send(HttpRequest.newBuilder(server.uri("/api/alert"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"x\"}")));
        assertEquals(401, alert.statusCode());
        HttpResponse<String> shutdown = server.send(HttpRequest.newBuilder(server.uri("/api/shutdown"))
                .header("Authorization", "Bearer nope").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(401, shutdown.statusCode());

        server.awaitLog("audit.log", "[AUTH] Unauthorized admin API call from 127.0.0.1", "missing token");
        server.awaitLog("audit.log", "wrong token", "/api/shutdown");
        assertTrue(server.process().isAlive(), "a refused shutdown changes nothing");
        assertFalse(server.log("audit.log").stream().anyMatch(l -> l.contains(token)), "the token is never logged");

        HttpResponse<String> health = server.send(HttpRequest.newBuilder(server.uri("/health")).GET());
        assertEquals(200, health.statusCode());
        JsonObject status = json(health).asJsonObject();
        assertEquals("UP", status.getString("status"));
        assertEquals("UP", status.getString("database"));
        assertEquals(200, server.send(HttpRequest.newBuilder(server.uri("/health/live")).GET()).statusCode());
        assertEquals(200, server.send(HttpRequest.newBuilder(server.uri("/health/ready")).GET()).statusCode());
    }

    @Test
    void healthShowsTheLastBackupLineWithoutChangingTheStatus() throws Exception {
        JsonObject before = json(server.send(HttpRequest.newBuilder(server.uri("/health")).GET())).asJsonObject();
        assertEquals("unknown (no backup has run yet)", before.getString("backup"));

        String failed = "failed 2026-12-02T03:00:04Z classcord-backup-hourly.service";
        Files.writeString(server.backupStatusFile(), failed + "\n");
        HttpResponse<String> health = server.send(HttpRequest.newBuilder(server.uri("/health")).GET());
        assertEquals(200, health.statusCode(), "a failed backup does not stop the chat");
        JsonObject status = json(health).asJsonObject();
        assertEquals("UP", status.getString("status"));
        assertEquals(failed, status.getString("backup"));
    }

    @Test
    void clientsAndChannelsListTheLiveServer() throws Exception {
        try (WireClient alice = server.user("alice"); WireClient bob = server.user("bob")) {
            alice.say("bonjour");
            bob.nextMessage(m -> m.getString("content").equals("bonjour"));
            HttpResponse<String> clients = expect(200, server.get("/api/clients"));
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

            JsonArray channels = json(expect(200, server.get("/api/channels"))).asJsonArray();
            JsonObject general = channel(channels, "#général");
            assertEquals(List.of("alice", "bob"), general.getJsonArray("members").getValuesAs(JsonString::getString));
            assertEquals(1, general.getJsonNumber("storedMessages").longValue());
            assertTrue(general.getBoolean("open"));
        }
    }

    @Test
    void usersArePagedAndSearched() throws Exception {
        for (String name : List.of("alice", "albert", "bob", "carla")) {
            WireClient.register(server.chatPort(), name, "secret-" + name);
        }
        JsonObject page = json(expect(200, server.get("/api/users?limit=2&offset=1"))).asJsonObject();
        assertEquals(4, page.getInt("total"));
        assertEquals(List.of("alice", "bob"), names(page));
        assertEquals(List.of("albert", "alice"), names(json(server.get("/api/users?search=AL")).asJsonObject()));

        for (String bad : List.of("limit=0", "limit=1001", "offset=-1", "limit=abc", "offset=1.5")) {
            HttpResponse<String> response = server.get("/api/users?" + bad);
            assertEquals(400, response.statusCode(), bad);
            assertEquals("bad_paging", error(response));
        }
        try (WireClient alice = WireClient.loggedIn(server.chatPort(), "alice", "secret-alice")) {
            JsonObject one = json(expect(200, server.get("/api/users/ALICE"))).asJsonObject();
            assertEquals("alice", one.getString("username"));
            assertEquals("user", one.getString("role"));
            assertEquals(1, one.getInt("connections"));
            assertFalse(one.containsKey("password"));
        }
        assertEquals("unknown_user", error(expect(404, server.get("/api/users/nobody"))));
    }

    @Test
    void messagesPostedByClientsAreFilteredAndTheirParametersChecked() throws Exception {
        try (WireClient alice = server.user("alice"); WireClient bob = server.user("bob")) {
            alice.join("dev");
            bob.join("dev");
            alice.sayIn("#dev", "one");
            bob.nextMessage(m -> m.getString("content").equals("one"));
            bob.sayIn("#général", "two");
            alice.nextMessage(m -> m.getString("content").equals("two"));
            bob.tell("alice", "three");
            alice.nextMessage(m -> m.getString("content").equals("three"));
        }
        // A message is delivered only once stored: all three are in the database now.
        assertEquals(List.of("three", "two", "one"), contents(server.get("/api/messages")));
        assertEquals(List.of("one"), contents(server.get("/api/messages?channel=dev")));
        assertEquals(List.of("two"), contents(server.get("/api/messages?channel=%23g%C3%A9n%C3%A9ral")));
        assertEquals(List.of("three", "one"), contents(server.get("/api/messages?user=alice")));
        assertEquals(List.of("three", "two", "one"), contents(server.get("/api/messages?from=" + LocalDate.now().minusDays(1))));
        assertEquals(List.of(), contents(server.get("/api/messages?to=2000-01-01")));
        assertEquals(List.of("two"), contents(server.get("/api/messages?limit=1&offset=1")));
        assertEquals(3, json(server.get("/api/messages?limit=1")).asJsonObject().getInt("total"));

        assertEquals("unknown_channel", error(expect(404, server.get("/api/messages?channel=nowhere"))));
        assertEquals("unknown_channel", error(expect(404, server.get("/api/messages?channel=bad%20name"))));
        assertEquals("unknown_user", error(expect(404, server.get("/api/messages?user=nobody"))));
        assertEquals("bad_time", error(expect(400, server.get("/api/messages?from=yesterday"))));
        assertEquals("bad_time", error(expect(400, server.get("/api/messages?to=2025-13-01"))));
        assertEquals("bad_paging", error(expect(400, server.get("/api/messages?limit=-5"))));
    }

    @Test
    void alertReachesAnUnmodifiedClientAsAMessage() throws Exception {
        try (WireClient alice = server.user("alice"); WireClient bob = server.user("bob")) {
            HttpResponse<String> sent = expect(200, server.post("/api/alert", "{\"message\":\"Fermeture à 18h\"}"));
            assertEquals(2, json(sent).asJsonObject().getInt("delivered"));
            for (WireClient client : List.of(alice, bob)) {
                JsonObject shown = client.nextMessage(m -> m.getString("content").equals("Fermeture à 18h"));
                assertEquals("serveur", shown.getString("from"));
            }
            bob.join("dev");
            JsonObject devOnly = json(expect(200, server.post("/api/alert", "{\"channel\":\"#dev\",\"message\":\"dev only\"}")))
                    .asJsonObject();
            assertEquals(1, devOnly.getInt("delivered"));
            assertEquals("#dev", devOnly.getString("channel"));
            bob.nextMessage(m -> m.getString("content").equals("dev only"));

            assertEquals("unknown_channel", error(expect(404, server.post("/api/alert", "{\"message\":\"x\",\"channel\":\"#nope\"}"))));
            assertEquals("bad_request", error(expect(400, server.post("/api/alert", "{\"message\":\"  \"}"))));
            assertEquals("bad_request", error(expect(400, server.post("/api/alert", "not json"))));
            server.awaitLog("audit.log", "alert to everyone", "sent to 2");
        }
    }

    @Test
    void kickReasonIsSeenByTheKickedClientAndTheOthersSeeTheKick() throws Exception {
        try (WireClient alice = server.user("alice"); WireClient bob = server.user("bob")) {
            JsonObject result = json(expect(200, server.post("/api/users/alice/kick", "{\"reason\":\"Spam dans #général\"}")))
                    .asJsonObject();
            assertEquals(1, result.getInt("disconnected"));
            assertEquals("Spam dans #général", alice.nextMessage(m -> m.getString("from").equals("serveur")).getString("content"));
            assertTrue(alice.closedByServer());
            bob.nextMessage(m -> m.getString("content").equals("alice a été expulsé par l'administrateur."));
            bob.nextMatching(o -> o.getString("type").equals("status") && o.getString("user").equals("alice")
                    && o.getString("state").equals("offline"));
            assertEquals("unknown_user", error(expect(404, server.post("/api/users/alice/kick", null))));
            server.awaitLog("audit.log", "kick alice -> disconnected 1");
        }
        try (WireClient bob = WireClient.loggedIn(server.chatPort(), "bob", "secret-bob")) {
            // Without a reason: the default text.
            expect(200, server.post("/api/users/bob/kick", null));
            assertEquals("Vous avez été expulsé par l'administrateur.",
                    bob.nextMessage(m -> m.getString("from").equals("serveur")).getString("content"));
        }
    }

    @Test
    void banDisconnectsAndRefusesLoginUntilUnban() throws Exception {
        try (WireClient alice = server.user("alice")) {
            JsonObject banned = json(expect(200, server.post("/api/users/alice/ban", null))).asJsonObject();
            assertTrue(banned.getBoolean("banned"));
            assertEquals(1, banned.getInt("disconnected"));
            assertTrue(alice.closedByServer());
        }
        try (WireClient again = server.client()) {
            again.send("{\"type\":\"login\",\"username\":\"alice\",\"password\":\"secret-alice\"}");
            assertEquals("banned", again.nextOfType("error").getString("code"));
        }
        assertTrue(json(server.get("/api/users/alice")).asJsonObject().getBoolean("banned"));
        assertFalse(json(expect(200, server.post("/api/users/alice/unban", null))).asJsonObject().getBoolean("banned"));
        server.user("alice").close();
        assertEquals("unknown_user", error(expect(404, server.post("/api/users/nobody/ban", null))));
        assertEquals("unknown_user", error(expect(404, server.post("/api/users/nobody/unban", null))));
        server.awaitLog("audit.log", "ban alice -> banned");
    }

    @Test
    void channelsAreCreatedClosedAndReopened() throws Exception {
        try (WireClient alice = server.user("alice")) {
            assertEquals("#projet", json(expect(201, server.post("/api/channels", "{\"name\":\"#projet\"}"))).asJsonObject().getString("channel"));
            assertEquals("#projets", json(expect(201, server.post("/api/channels", "{\"name\":\"Projets\"}"))).asJsonObject().getString("channel"));
            assertTrue(channel(json(server.get("/api/channels")).asJsonArray(), "#projet").getBoolean("open"));
            assertEquals("channel_exists", error(expect(409, server.post("/api/channels", "{\"name\":\"#projets\"}"))));
            assertEquals("invalid_channel", error(expect(400, server.post("/api/channels", "{\"name\":\"a b\"}"))));
            assertEquals("invalid_channel", error(expect(400, server.post("/api/channels", "{}"))));

            JsonObject closed = json(expect(200, server.post("/api/channels/%23g%C3%A9n%C3%A9ral/close", null))).asJsonObject();
            assertFalse(closed.getBoolean("open"));
            assertTrue(closed.getBoolean("changed"));
            alice.nextMessage(m -> m.getString("content").contains("fermé"));
            alice.say("still there?");
            assertEquals("channel_closed", alice.nextOfType("error").getString("code"));
            assertFalse(json(expect(200, server.post("/api/channels/général/close", null))).asJsonObject().getBoolean("changed"));
            expect(200, server.post("/api/channels/général/reopen", null));
            alice.nextMessage(m -> m.getString("content").contains("rouvert"));

            assertEquals("unknown_channel", error(expect(404, server.post("/api/channels/nowhere/close", null))));
            assertEquals("unknown_channel", error(expect(404, server.post("/api/channels/nowhere/reopen", null))));
            alice.join("projet");
            server.awaitLog("audit.log", "create channel #projet -> created");
        }
    }

    @Test
    void exportsNeutraliseAFormulaPostedByARealClient() throws Exception {
        String formula = "=HYPERLINK(\"http://x\",\"y\")";
        try (WireClient alice = server.user("alice"); WireClient bob = server.user("bob")) {
            alice.say(formula);
            bob.nextMessage(m -> m.getString("content").equals(formula));
            bob.say("-1+1");
            alice.nextMessage(m -> m.getString("content").equals("-1+1"));
        }
        HttpResponse<String> response = expect(201, server.post("/api/exports", null));
        List<JsonObject> files = json(response).asJsonObject().getJsonArray("files").getValuesAs(JsonObject.class);
        Path messages = dir.resolve("exports/messages_export_" + LocalDate.now() + ".csv");
        Path users = dir.resolve("exports/users_export_" + LocalDate.now() + ".csv");
        assertEquals(List.of("messages", "users"), files.stream().map(f -> f.getString("kind")).toList());
        assertEquals(messages.toString(), files.get(0).getString("path"));
        assertEquals(2, files.get(0).getInt("rows"));

        List<CSVRecord> rows = parse(messages);
        assertEquals(List.of("id", "timestamp", "channel", "sender", "recipient", "user_id", "content"), rows.get(0).toList());
        assertEquals("alice", rows.get(1).get(3));
        assertEquals("'" + formula, rows.get(1).get(6), "the spreadsheet shows text, never runs the formula");
        assertEquals("'-1+1", rows.get(2).get(6));
        String raw = Files.readString(messages, StandardCharsets.UTF_8);
        assertTrue(raw.startsWith("\uFEFFid;timestamp;channel;"), "the French spreadsheet dialect by default: " + raw);
        assertTrue(raw.contains(";\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n"), raw);
        assertFalse(raw.contains(";=HYPERLINK"), raw);
        assertTrue(rows.get(1).get(1).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}([+-]\\d{2}:\\d{2}|Z)"), rows.get(1).get(1));

        List<CSVRecord> userRows = parse(users);
        assertEquals(List.of("id", "username", "role", "banned", "created_at", "last_login"), userRows.get(0).toList());
        assertEquals(List.of("alice", "bob"), userRows.subList(1, 3).stream().map(r -> r.get(1)).toList());
        assertTrue(userRows.get(1).get(4).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}([+-]\\d{2}:\\d{2}|Z)"),
                "the same time format in both files: " + userRows.get(1).get(4));
        String rawUsers = Files.readString(users, StandardCharsets.UTF_8);
        assertFalse(rawUsers.contains("argon2"), "never a password hash");
        server.awaitLog("audit.log", "export all", "(2 rows)");

        assertEquals(201, server.post("/api/exports?type=users", null).statusCode());
        assertEquals("bad_request", error(expect(400, server.post("/api/exports?type=everything", null))));
    }

    @Test
    void metricsMoveWhenMessagesFlow() throws Exception {
        try (WireClient alice = server.user("alice"); WireClient bob = server.user("bob")) {
            alice.join("dev");
            bob.join("dev");
            for (int i = 0; i < 5; i++) {
                alice.sayIn("#dev", "m" + i);
            }
            bob.nextMessage(m -> m.getString("content").equals("m4"));
            alice.send("{oops");
            alice.nextOfType("error");
            try (WireClient intruder = server.client()) {
                intruder.send("{\"type\":\"login\",\"username\":\"alice\",\"password\":\"wrong\"}");
                intruder.nextOfType("error");
            }
            // The intruder's close reaches the server a little after its error reply.
            Waits.until("intruder disconnected", WAIT, () -> clientCount() == 2);
            String text = expect(200, server.get("/observe/metrics")).body();
            assertEquals(5, metric(text, "classcord_messages_received_total", "channel=\"#dev\""), 0.0);
            assertTrue(metric(text, "classcord_messages_delivered_total", "channel=\"#dev\"") >= 5);
            assertTrue(metric(text, "classcord_delivery_latency_seconds_count", "") >= 5);
            assertTrue(text.contains("classcord_delivery_latency_seconds_bucket{"), "a histogram, with buckets");
            assertTrue(metric(text, "classcord_logins_failed_total", "") >= 1);
            assertTrue(metric(text, "classcord_lines_rejected_total", "code=\"bad_json\"") >= 1);
            // The image's group commit may write the five messages in fewer batches: count rows, not batches.
            assertTrue(metric(text, "classcord_db_batch_size_sum", "") >= 5);
            assertTrue(text.contains("classcord_db_commit_time_seconds_bucket{"));
            assertTrue(text.contains("classcord_outbound_dropped_total"));
            assertEquals(2, metric(text, "classcord_clients_connected", ""), 0.0);
            assertEquals(2, metric(text, "classcord_users_logged_in", ""), 0.0);
            assertTrue(text.contains("jvm_") || text.contains("memory_"), "JVM meters are published");
        }
    }

    @Test
    void shutdownStopsTheServerProcessCleanly() throws Exception {
        try (WireClient alice = server.user("alice")) {
            HttpResponse<String> accepted = expect(202, server.post("/api/shutdown", null));
            assertTrue(json(accepted).asJsonObject().getBoolean("stopping"));
            alice.nextMessage(m -> m.getString("content").equals("Serveur arrêté."));
            assertTrue(alice.closedByServer());
        }
        assertEquals(0, server.awaitExit(Duration.ofSeconds(30)));
        assertTrue(server.log("audit.log").stream().anyMatch(l -> l.contains("stop the server")));
    }

    private int clientCount() {
        try {
            return json(server.get("/api/clients")).asJsonArray().size();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
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

    private static JsonObject channel(JsonArray channels, String name) {
        return channels.stream().map(JsonObject.class::cast).filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no channel " + name + " in " + channels));
    }

    static HttpResponse<String> expect(int status, HttpResponse<String> response) {
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

    /** As a French spreadsheet reads the default dialect: a UTF-8 BOM, then ';' between fields. */
    static List<CSVRecord> parse(Path file) throws Exception {
        try (BOMInputStream bytes = BOMInputStream.builder().setPath(file).setByteOrderMarks(ByteOrderMark.UTF_8).get()) {
            assertTrue(bytes.hasBOM(ByteOrderMark.UTF_8), "the file starts with the UTF-8 BOM");
            Reader reader = new InputStreamReader(bytes, StandardCharsets.UTF_8);
            return new ArrayList<>(CSVFormat.RFC4180.builder().setDelimiter(";").build().parse(reader).getRecords());
        }
    }
}
