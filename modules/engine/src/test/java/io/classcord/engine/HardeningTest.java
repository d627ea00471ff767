package io.classcord.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import io.classcord.testsupport.CapturedLog;
import io.classcord.testsupport.Waits;
import io.classcord.testsupport.WireClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slowloris and password guessing: limits that must not hurt the course clients' habits. */
class HardeningTest {

    @TempDir
    Path dir;

    private CapturedLog chatLog;

    @BeforeEach
    void captureLog() {
        chatLog = CapturedLog.of("classcord.chat");
    }

    @AfterEach
    void releaseLog() {
        chatLog.close();
    }

    private long loggedCount(String fragment) {
        return chatLog.count(fragment);
    }

    @Test
    void aLineDrippedByteByByteIsCutOffButIdleClientsAreNot() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dir, EngineSettings.builder().messagesPerSecond(1000)
                .messageBurst(1000).partialLineTimeout(Duration.ofSeconds(1)));
             WireClient idle = fixture.client();
             WireClient slow = fixture.client()) {
            byte[] line = "{\"type\":\"users\"}".getBytes(StandardCharsets.US_ASCII);
            boolean cut = false;
            // A byte every 200 ms: the 16-byte line would need over 3 s, the limit is 1 s.
            for (int i = 0; i < line.length && !cut; i++) {
                try {
                    slow.sendBytes(new byte[] {line[i]});
                } catch (java.io.IOException e) {
                    cut = true;
                }
                Thread.sleep(200);
            }
            assertTrue(cut || slow.closedByServer(Duration.ofSeconds(5)), "slow client disconnected");
            Waits.until("log line", Duration.ofSeconds(5), () -> loggedCount("left a line unfinished too long") == 1);

            // The idle client has waited past the limit between lines: it is still served.
            idle.send("{\"type\":\"users\"}");
            assertEquals("users", idle.next().getString("type"));
        }
    }

    @Test
    void repeatedFailedLoginsFromOneAddressAreRefusedWithoutCheckingThePassword() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dir, EngineSettings.builder().messagesPerSecond(1000)
                .messageBurst(1000).loginMaxFailures(3).failedLoginsPerConnection(0));
             WireClient alice = fixture.user("alice");
             WireClient guesser = fixture.client()) {
            // The address throttle alone: the guesser's connection is not closed (no per-connection limit).
            for (int i = 0; i < 3; i++) {
                guesser.send("{\"type\":\"login\",\"username\":\"alice\",\"password\":\"guess" + i + "\"}");
                assertEquals("auth_failed", guesser.next().getString("code"));
            }
            guesser.send("{\"type\":\"login\",\"username\":\"alice\",\"password\":\"secret-alice\"}");
            JsonObject refused = guesser.next();
            assertEquals("rate_limited", refused.getString("code"), "even the right password waits: " + refused);
            assertTrue(refused.getString("message").contains("réessayez dans"));
            assertEquals(4, loggedCount("[LOGIN] Failed login attempt from 127.0.0.1"), "fail2ban sees every attempt");

            // Anyone else behind the same address waits too (the price of a shared NAT address, hence
            // the generous default), while the user already logged in keeps chatting.
            try (WireClient bob = fixture.client()) {
                bob.send("{\"type\":\"login\",\"username\":\"alice\",\"password\":\"secret-alice\"}");
                assertEquals("rate_limited", bob.next().getString("code"));
            }
            alice.send("{\"type\":\"ping\",\"id\":\"still-here\"}");
            assertEquals("pong", alice.nextMatching(o -> o.getString("type").equals("pong")).getString("type"));
        }
    }

    @Test
    void aConnectionIsClosedAfterTooManyFailedLoginsOnItButOneShortStillLogsIn() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dir, EngineSettings.builder().messagesPerSecond(1000)
                .messageBurst(1000).failedLoginsPerConnection(3));
             WireClient alice = fixture.user("alice");
             WireClient guesser = fixture.client();
             WireClient forgetful = fixture.client()) {
            for (int i = 0; i < 3; i++) {
                guesser.send("{\"type\":\"login\",\"username\":\"alice\",\"password\":\"guess" + i + "\"}");
                JsonObject failed = guesser.next();
                assertEquals("auth_failed", failed.getString("code"));
                assertEquals("Login failed.", failed.getString("message"), "the usual reply, the third time too");
            }
            JsonObject closing = guesser.next();
            assertEquals("error", closing.getString("type"), "a login screen shows errors only: " + closing);
            assertEquals("rate_limited", closing.getString("code"));
            assertEquals("Trop d'échecs d'identification (3) : le serveur ferme la connexion.", closing.getString("message"));
            assertTrue(guesser.closedByServer(Duration.ofSeconds(5)), "the guesser cannot keep guessing on its socket");
            Waits.until("log line", Duration.ofSeconds(5),
                    () -> loggedCount("[LOGIN] anonymous (127.0.0.1:") == 1);
            assertEquals(1, loggedCount("disconnected after 3 failed logins on this connection"));
            assertEquals(3, loggedCount("[LOGIN] Failed login attempt from 127.0.0.1"), "fail2ban's lines unchanged");

            for (int i = 0; i < 2; i++) {
                forgetful.send("{\"type\":\"login\",\"username\":\"alice\",\"password\":\"typo" + i + "\"}");
                assertEquals("auth_failed", forgetful.next().getString("code"));
            }
            forgetful.send("{\"type\":\"login\",\"username\":\"alice\",\"password\":\"secret-alice\"}");
            assertEquals("login", forgetful.next().getString("type"), "one failure short of the limit still logs in");
        }
    }
}
