package io.classcord.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import io.classcord.testsupport.WireClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every error code, each followed by proof that the connection is still usable. */
class ErrorCodesTest {

    @TempDir
    Path dir;

    private static void assertError(WireClient client, String code) throws IOException {
        JsonObject error = client.nextMatching(o -> o.getString("type").equals("error"));
        assertEquals(code, error.getString("code"), error.toString());
        assertEquals(error.getString("message"), error.getString("error"));
        assertTrue(!error.getString("message").isBlank());
        client.send("{\"type\":\"ping\",\"id\":\"after-" + code + "\"}");
        JsonObject pong = client.nextMatching(o -> o.getString("type").equals("pong"));
        assertEquals("after-" + code, pong.getString("id"));
    }

    @Test
    void malformedInputGetsAnErrorAndTheConnectionStays() throws IOException {
        try (ServerFixture fixture = new ServerFixture(dir); WireClient client = fixture.client()) {
            client.send("{not json");
            assertError(client, "bad_json");
            client.send("[1,2,3]");
            assertError(client, "bad_json");
            client.send("{\"type\":\"login\",\"username\":\"x\"}");
            assertError(client, "bad_request");
            client.send("{\"type\":\"message\",\"content\":42}");
            assertError(client, "bad_request");
            client.send("{\"content\":\"no type\"}");
            assertError(client, "bad_request");
            client.send("{\"type\":\"teleport\"}");
            assertError(client, "unknown_type");
            client.send("{\"type\":\"register\",\"username\":\"bad\\u0007name\",\"password\":\"pw\"}");
            assertError(client, "invalid_name");
        }
    }

    @Test
    void tooLongLineIsRejectedAndTheNextLineWorks() throws IOException {
        try (ServerFixture fixture = new ServerFixture(dir); WireClient client = fixture.client()) {
            client.send("{\"type\":\"message\",\"content\":\"" + "x".repeat(20_000) + "\"}");
            assertError(client, "too_long");
        }
    }

    @Test
    void authAndNameErrors() throws IOException {
        try (ServerFixture fixture = new ServerFixture(dir); WireClient client = fixture.client()) {
            client.send("{\"type\":\"register\",\"username\":\"dora\",\"password\":\"pw\"}");
            client.next();
            client.send("{\"type\":\"register\",\"username\":\"DORA\",\"password\":\"pw\"}");
            assertError(client, "name_taken");
            client.send("{\"type\":\"login\",\"username\":\"dora\",\"password\":\"wrong\"}");
            assertError(client, "auth_failed");
        }
    }

    @Test
    void guestsCanBeTurnedOff() throws IOException {
        EngineSettings.Builder settings = EngineSettings.builder().guestsAllowed(false);
        try (ServerFixture fixture = new ServerFixture(dir, settings); WireClient client = fixture.client()) {
            client.send("{\"type\":\"message\",\"from\":\"guest\",\"content\":\"hello\"}");
            assertError(client, "not_logged_in");
        }
    }

    @Test
    void floodIsRateLimited() throws IOException {
        EngineSettings.Builder settings = EngineSettings.builder().messagesPerSecond(2).messageBurst(5);
        try (ServerFixture fixture = new ServerFixture(dir, settings); WireClient client = fixture.client()) {
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                burst.append("{\"type\":\"users\"}\n");
            }
            client.sendBytes(burst.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            JsonObject error = client.nextMatching(o -> o.getString("type").equals("error"));
            assertEquals("rate_limited", error.getString("code"));
        }
    }

    @Test
    void channelErrors() throws IOException {
        try (ServerFixture fixture = new ServerFixture(dir); WireClient alice = fixture.user("alice")) {
            alice.send("{\"type\":\"join\",\"channel\":\"#bad name!\"}");
            assertError(alice, "unknown_channel");
            alice.send("{\"type\":\"join\",\"channel\":\"#admin\"}");
            assertError(alice, "forbidden");
        }
    }

    @Test
    void tooManyConnectionsFromOneAddressAreRefusedWithAReason() throws IOException {
        EngineSettings.Builder settings = EngineSettings.builder().maxConnectionsPerIp(3).maxAnonymousPerIp(3);
        try (ServerFixture fixture = new ServerFixture(dir, settings);
             WireClient a = fixture.client(); WireClient b = fixture.client(); WireClient c = fixture.client();
             WireClient refused = fixture.client()) {
            JsonObject error = refused.next();
            assertEquals("too_many_connections", error.getString("code"));
            assertTrue(refused.closedByServer(WireClient.DEFAULT_WAIT));
            a.send("{\"type\":\"ping\"}");
            assertEquals("pong", a.next().getString("type"));
        }
    }

    @Test
    void anonymousLimitFreesASlotOnLogin() throws IOException {
        EngineSettings.Builder settings = EngineSettings.builder().maxConnectionsPerIp(10).maxAnonymousPerIp(1);
        try (ServerFixture fixture = new ServerFixture(dir, settings); WireClient alice = fixture.user("alice");
             WireClient second = fixture.client()) {
            second.send("{\"type\":\"ping\"}");
            assertEquals("pong", second.next().getString("type"));
            try (WireClient third = fixture.client()) {
                assertEquals("too_many_connections", third.next().getString("code"));
            }
        }
    }
}
