package io.classcord.admin;

import static io.classcord.admin.AdminFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.classcord.storage.NewMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API's logic that needs the server's internals: exact stored timestamps for the message
 * filters, and a database closed under a running server. Everything a client of the API sees
 * (token, alert, kick, ban, channels, users, exports, metrics, shutdown, the console) is tested
 * against the shipped image in modules/admin-tests, where jlink and the launcher are part of the test.
 */
class AdminApiTest {

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
    void errorTextsAreFrenchByDefaultAndEnglishOnRequestWithTheSameCodes() throws Exception {
        HttpResponse<String> french = fx.post("/api/alert", "{\"message\":\"\"}");
        assertEquals(400, french.statusCode());
        assertEquals("bad_request", error(french));
        assertEquals("Donnez le texte de l'alerte dans 'message' (1 à 2000 caractères).",
                json(french).asJsonObject().getString("message"));

        HttpResponse<String> english = fx.send(HttpRequest.newBuilder(fx.uri("/api/alert"))
                .header("Authorization", "Bearer " + fx.token).header("Accept-Language", "en-GB,fr;q=0.5")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"\"}")));
        assertEquals(400, english.statusCode());
        assertEquals("bad_request", error(english));
        assertEquals("Give the alert text in 'message' (1 to 2000 characters).", json(english).asJsonObject().getString("message"));

        HttpResponse<String> paging = fx.send(HttpRequest.newBuilder(fx.uri("/api/users?limit=0"))
                .header("Authorization", "Bearer " + fx.token).header("Accept-Language", "fr-FR,en;q=0.8").GET());
        assertEquals("bad_paging", error(paging));
        assertEquals("offset doit être 0 ou plus et limit entre 1 et 1000 (offset 0, limit 0).",
                json(paging).asJsonObject().getString("message"));

        HttpResponse<String> noToken = fx.send(HttpRequest.newBuilder(fx.uri("/api/clients")).header("Accept-Language", "en").GET());
        assertEquals(401, noToken.statusCode());
        assertEquals("A valid admin token is required (Authorization: Bearer ...).", json(noToken).asJsonObject().getString("message"));
    }

    @Test
    void healthSaysReadyWithoutATokenInTheBodyScriptsRead() throws Exception {
        HttpResponse<String> health = fx.send(HttpRequest.newBuilder(fx.uri("/health")).GET());
        assertEquals(200, health.statusCode());
        assertEquals("{\"chat\":\"UP\",\"database\":\"UP\",\"status\":\"UP\"}", health.body());

        HttpResponse<String> ready = fx.send(HttpRequest.newBuilder(fx.uri("/health/ready")).GET());
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("UP", json(ready).asJsonObject().getString("status"));
        assertEquals(Map.of("chat", "UP", "database", "UP"), checks(ready));
        HttpResponse<String> live = fx.send(HttpRequest.newBuilder(fx.uri("/health/live")).GET());
        assertEquals(200, live.statusCode(), live.body());
        assertEquals("UP", json(live).asJsonObject().getString("status"));
    }

    @Test
    void healthIsNotReadyWhenTheDatabaseIsClosed() throws Exception {
        fx.store.close();
        HttpResponse<String> health = fx.send(HttpRequest.newBuilder(fx.uri("/health")).GET());
        assertEquals(503, health.statusCode());
        assertEquals("DOWN", json(health).asJsonObject().getString("database"));
        assertEquals("UP", json(health).asJsonObject().getString("chat"));

        HttpResponse<String> ready = fx.send(HttpRequest.newBuilder(fx.uri("/health/ready")).GET());
        assertEquals(503, ready.statusCode(), ready.body());
        assertEquals(Map.of("chat", "UP", "database", "DOWN"), checks(ready));
        assertEquals(200, fx.send(HttpRequest.newBuilder(fx.uri("/health/live")).GET()).statusCode(),
                "the process still answers: restarting it is not what helps");
    }

    @Test
    void healthIsNotReadyWhenTheChatListenerIsStopped() throws Exception {
        fx.chat.stop();
        assertEquals(503, fx.send(HttpRequest.newBuilder(fx.uri("/health")).GET()).statusCode());
        HttpResponse<String> ready = fx.send(HttpRequest.newBuilder(fx.uri("/health/ready")).GET());
        assertEquals(503, ready.statusCode(), ready.body());
        assertEquals("DOWN", checks(ready).get("chat"));
    }

    /** Each check's status, by name, from Helidon's health body. */
    private static Map<String, String> checks(HttpResponse<String> response) {
        return json(response).asJsonObject().getJsonArray("checks").stream().map(v -> v.asJsonObject())
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c.getString("status")));
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

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        return response;
    }

    private static List<String> contents(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return json(response).asJsonObject().getJsonArray("items").stream().map(v -> v.asJsonObject().getString("content")).toList();
    }
}
