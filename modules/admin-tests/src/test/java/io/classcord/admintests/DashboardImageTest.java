package io.classcord.admintests;

import static io.classcord.admintests.ImageServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.classcord.testsupport.WireClient;
import jakarta.json.JsonObject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The teacher's dashboard routes of the shipped image: sign-in with a Classcord admin account, the
 * session cookie, the anti-CSRF and origin checks, the page and its security headers, the live
 * event stream fed by a real chat client, the role change and the export download.
 */
class DashboardImageTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @TempDir
    Path dir;

    private ImageServer server;

    /** A signed-in browser: its cookie and anti-CSRF token. */
    private record Browser(String cookie, String csrf) {
    }

    @BeforeEach
    void start() throws Exception {
        server = ImageServer.start(dir);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Registers {@code name} (password {@code secret-NAME}) and gives it the admin role through the API. */
    private void teacher(String name) throws Exception {
        WireClient.register(server.chatPort(), name, "secret-" + name);
        HttpResponse<String> role = server.send(HttpRequest.newBuilder(server.uri("/api/users/" + name + "/role"))
                .header("Authorization", "Bearer " + server.token()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"admin\"}")));
        assertEquals(200, role.statusCode(), role.body());
        assertEquals("admin", json(role).asJsonObject().getString("role"));
    }

    private HttpResponse<String> signIn(String name, String password) throws Exception {
        return server.send(HttpRequest.newBuilder(server.uri("/tableau/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}")));
    }

    private Browser signedIn(String name) throws Exception {
        HttpResponse<String> response = signIn(name, "secret-" + name);
        assertEquals(200, response.statusCode(), response.body());
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return new Browser(setCookie.substring(0, setCookie.indexOf(';')), json(response).asJsonObject().getString("csrfToken"));
    }

    private HttpRequest.Builder withCookie(String path, Browser browser) {
        return HttpRequest.newBuilder(server.uri(path)).header("Cookie", browser.cookie());
    }

    private static String error(HttpResponse<String> response) {
        return json(response).asJsonObject().getString("error");
    }

    @Test
    void adminSignsInWithTheCookieOthersGetOneAnswer() throws Exception {
        teacher("prof");
        WireClient.register(server.chatPort(), "alice", "secret-alice");

        HttpResponse<String> good = signIn("prof", "secret-prof");
        assertEquals(200, good.statusCode(), good.body());
        JsonObject body = json(good).asJsonObject();
        assertEquals("prof", body.getString("username"));
        assertTrue(body.getString("csrfToken").length() >= 40);
        assertFalse(body.getString("expiresAt").isBlank());
        String setCookie = good.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.matches("classcord_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict"), setCookie);
        assertEquals("no-store", good.headers().firstValue("Cache-Control").orElse(""));
        Browser browser = new Browser(setCookie.substring(0, setCookie.indexOf(';')), body.getString("csrfToken"));
        HttpResponse<String> current = server.send(withCookie("/tableau/session", browser).GET());
        assertEquals(200, current.statusCode());
        assertEquals(body.getString("csrfToken"), json(current).asJsonObject().getString("csrfToken"));

        // Wrong password, unknown account, a right password without the admin role: one answer.
        for (String[] attempt : List.of(new String[] {"prof", "wrong"}, new String[] {"nobody", "x"},
                new String[] {"alice", "secret-alice"})) {
            HttpResponse<String> refused = signIn(attempt[0], attempt[1]);
            assertEquals(401, refused.statusCode(), attempt[0]);
            assertEquals("bad_credentials", error(refused));
            assertEquals("Identifiant ou mot de passe incorrect.", json(refused).asJsonObject().getString("message"));
            assertTrue(refused.headers().firstValue("Set-Cookie").isEmpty());
        }
        // The fail2ban line of chat logins, once per failure.
        server.awaitLog("classcord.log", "WARNING - [LOGIN] Failed login attempt from 127.0.0.1");
        long failures = server.log("classcord.log").stream()
                .filter(l -> l.endsWith("WARNING - [LOGIN] Failed login attempt from 127.0.0.1")).count();
        assertEquals(3, failures);
        server.awaitLog("audit.log", "[ADMIN] dashboard user 'prof' from 127.0.0.1: sign in -> signed in");

        HttpResponse<String> security = server.get("/api/security?limit=10");
        assertEquals(200, security.statusCode(), security.body());
        assertTrue(security.body().contains("\"kind\":\"login_failed\""), security.body());
        assertTrue(security.body().contains("{\"address\":\"127.0.0.1\",\"count\":3}"), security.body());

        HttpResponse<String> out = server.send(withCookie("/tableau/session", browser)
                .header("X-CSRF-Token", browser.csrf()).DELETE());
        assertEquals(204, out.statusCode());
        assertTrue(out.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
        assertEquals(401, server.send(withCookie("/tableau/session", browser).GET()).statusCode());
        assertEquals(401, server.send(withCookie("/api/clients", browser).GET()).statusCode());
    }

    @Test
    void signInFailuresAreThrottledWithTheChatLogins() throws Exception {
        teacher("prof");
        HttpResponse<String> last = null;
        for (int i = 0; i < 21; i++) {
            last = signIn("prof", "wrong-" + i);
        }
        assertEquals(429, last.statusCode(), last.body());
        assertEquals("throttled", error(last));
        assertTrue(json(last).asJsonObject().getString("message").startsWith("Trop d'essais : réessayez dans "));
        // Even the right password now waits, and so does a chat login from that address: one throttle.
        assertEquals(429, signIn("prof", "secret-prof").statusCode());
        try (WireClient chat = server.client()) {
            IOException refused = assertThrows(IOException.class, () -> chat.login("prof", "secret-prof"));
            assertTrue(refused.getMessage().contains("\"rate_limited\""), refused.getMessage());
        }
        server.awaitLog("classcord.log", "[LOGIN] Failed login attempt from 127.0.0.1 (throttled");
    }

    @Test
    void cookieRequestsNeedTheAntiCsrfTokenAndTheOwnOrigin() throws Exception {
        teacher("prof");
        Browser browser = signedIn("prof");
        String alert = "{\"message\":\"Rangez vos affaires\"}";

        HttpResponse<String> without = server.send(withCookie("/api/alert", browser)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alert)));
        assertEquals(403, without.statusCode());
        assertEquals("csrf", error(without));
        HttpResponse<String> wrong = server.send(withCookie("/api/alert", browser).header("X-CSRF-Token", browser.csrf() + "x")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alert)));
        assertEquals(403, wrong.statusCode());
        HttpResponse<String> foreign = server.send(withCookie("/api/alert", browser).header("X-CSRF-Token", browser.csrf())
                .header("Origin", "http://evil.example").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alert)));
        assertEquals(403, foreign.statusCode());
        HttpResponse<String> foreignRead = server.send(withCookie("/api/clients", browser)
                .header("Origin", "http://evil.example").GET());
        assertEquals(403, foreignRead.statusCode());

        HttpResponse<String> good = server.send(withCookie("/api/alert", browser).header("X-CSRF-Token", browser.csrf())
                .header("Origin", server.adminUrl()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alert)));
        assertEquals(200, good.statusCode(), good.body());
        server.awaitLog("audit.log", "[ADMIN] dashboard user 'prof' from 127.0.0.1: alert to everyone");
        server.awaitLog("audit.log", "[AUTH] Unauthorized admin API call from 127.0.0.1: POST /api/alert (foreign origin)");
        // Reads need no token; the bearer token works as before.
        assertEquals(200, server.send(withCookie("/api/clients", browser).GET()).statusCode());
        assertEquals(200, server.get("/api/clients").statusCode());
        // A session cannot be signed out by another site either.
        assertEquals(403, server.send(withCookie("/tableau/session", browser).DELETE()).statusCode());
    }

    @Test
    void theImageServesThePageWithItsSecurityHeaders() throws Exception {
        HttpResponse<String> page = server.send(HttpRequest.newBuilder(server.uri("/tableau/")).GET());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<html"), page.body());
        assertEquals(CSP, page.headers().firstValue("Content-Security-Policy").orElse(""));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));

        HttpResponse<String> bare = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/tableau")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(301, bare.statusCode());
        assertEquals("/tableau/", bare.headers().firstValue("Location").orElse(""));
        // Helidon itself refuses an encoded slash before any route: 404 without the page's headers.
        assertEquals(404, server.send(HttpRequest.newBuilder(server.uri("/tableau/..%2Fhttp%2Fapi.properties")).GET())
                .statusCode());
        for (String path : List.of("/tableau/missing.js", "/tableau/index", "/tableau/.hidden.css", "/tableau/a..css")) {
            HttpResponse<String> missing = server.send(HttpRequest.newBuilder(server.uri(path)).GET());
            assertEquals(404, missing.statusCode(), path);
            assertEquals(CSP, missing.headers().firstValue("Content-Security-Policy").orElse(""), path);
        }
        HttpResponse<String> noSession = server.send(HttpRequest.newBuilder(server.uri("/tableau/events")).GET());
        assertEquals(401, noSession.statusCode());
        assertEquals("signed_out", error(noSession));
    }

    @Test
    void theEventStreamCarriesAChatMessageAsItIsPosted() throws Exception {
        teacher("prof");
        Browser browser = signedIn("prof");
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(withCookie("/tableau/events", browser).GET()
                .build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        assertEquals("no-store", stream.headers().firstValue("Cache-Control").orElse(""));
        CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
            String previous = "";
            for (String line : (Iterable<String>) stream.body()::iterator) {
                if (previous.equals("event: message") && line.contains("<b>bonjour</b>")) {
                    return line;
                }
                previous = line;
            }
            return null;
        });
        WireClient.register(server.chatPort(), "alice", "secret-alice");
        try (WireClient alice = server.user("alice")) {
            alice.say("<b>bonjour</b>\u2028 \"tous\"");
            String data = seen.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(data.startsWith("data: {"), data);
            JsonObject message = jakarta.json.Json.createReader(new StringReader(data.substring("data: ".length())))
                    .readObject();
            assertEquals("alice", message.getString("sender"));
            assertEquals("<b>bonjour</b>\u2028 \"tous\"", message.getString("text"));
            assertTrue(message.isNull("recipient"));
            assertFalse(message.getString("channel").isBlank());
        } finally {
            stream.body().close();
        }
        HttpResponse<String> activity = server.get("/api/activity?hours=1");
        assertEquals(200, activity.statusCode(), activity.body());
        var minutes = json(activity).asJsonObject().getJsonArray("minutes");
        assertEquals(60, minutes.size());
        int messages = minutes.stream().mapToInt(m -> m.asJsonObject().getInt("messages")).sum();
        assertEquals(1, messages);
        assertEquals(400, server.get("/api/activity?hours=25").statusCode());
    }

    @Test
    void rolesChangeButTheLastAdminStays() throws Exception {
        teacher("prof");
        WireClient.register(server.chatPort(), "alice", "secret-alice");
        Browser browser = signedIn("prof");
        HttpResponse<String> last = server.send(withCookie("/api/users/prof/role", browser).header("X-CSRF-Token", browser.csrf())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"user\"}")));
        assertEquals(409, last.statusCode(), last.body());
        assertEquals("last_admin", error(last));
        HttpResponse<String> bad = server.send(withCookie("/api/users/alice/role", browser).header("X-CSRF-Token", browser.csrf())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"root\"}")));
        assertEquals(400, bad.statusCode());
        HttpResponse<String> promoted = server.send(withCookie("/api/users/alice/role", browser).header("X-CSRF-Token", browser.csrf())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"admin\"}")));
        assertEquals(200, promoted.statusCode(), promoted.body());
        assertEquals("admin", json(promoted).asJsonObject().getString("role"));
        server.awaitLog("audit.log", "[ADMIN] dashboard user 'prof' from 127.0.0.1: set role of alice to admin -> done");
        // Demoted, prof's session ends at once.
        HttpResponse<String> demoted = server.send(HttpRequest.newBuilder(server.uri("/api/users/prof/role"))
                .header("Authorization", "Bearer " + server.token()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"user\"}")));
        assertEquals(200, demoted.statusCode(), demoted.body());
        assertEquals(401, server.send(withCookie("/tableau/session", browser).GET()).statusCode());
    }

    @Test
    void exportsAreDownloadedByTheirNameOnly() throws Exception {
        teacher("prof");
        WireClient.register(server.chatPort(), "alice", "secret-alice");
        try (WireClient alice = server.user("alice")) {
            alice.say("pour l'export");
            // A pong comes once what the client sent before it is stored.
            alice.send("{\"type\":\"ping\"}");
            alice.nextOfType("pong");
        }
        HttpResponse<String> written = server.post("/api/exports?type=messages", null);
        assertEquals(201, written.statusCode(), written.body());
        String name = Path.of(json(written).asJsonObject().getJsonArray("files").getJsonObject(0).getString("path"))
                .getFileName().toString();
        Browser browser = signedIn("prof");
        HttpResponse<String> file = server.send(withCookie("/api/exports/" + name, browser).GET());
        assertEquals(200, file.statusCode(), file.body());
        assertEquals("text/csv; charset=utf-8", file.headers().firstValue("Content-Type").orElse(""));
        assertEquals("attachment; filename=\"" + name + "\"", file.headers().firstValue("Content-Disposition").orElse(""));
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setDelimiter(";").build()
                .parse(new StringReader(file.body().replace("\uFEFF", ""))).getRecords();
        assertTrue(rows.stream().anyMatch(r -> r.toList().contains("pour l'export")), file.body());
        server.awaitLog("audit.log", "[ADMIN] dashboard user 'prof' from 127.0.0.1: download export " + name + " -> sent");

        for (String path : List.of("..%2Fclasscord.yaml", "%2E%2E%2Fsecrets%2Fadmin.token", "classcord.yaml",
                "users_export_2020-01-01.csv", "..", "messages_export_2020-01-01.csv%00")) {
            HttpResponse<String> refused = server.get("/api/exports/" + path);
            assertEquals(404, refused.statusCode(), path + ": " + refused.body());
            assertFalse(refused.body().contains("token"), path);
        }
    }
}
