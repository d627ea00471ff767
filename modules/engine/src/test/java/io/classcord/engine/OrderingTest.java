package io.classcord.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import io.classcord.testsupport.WireClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chat messages overlap their commits (each is delivered once stored), yet everything a client does
 * is seen by the others in the order it did it.
 */
class OrderingTest {

    @TempDir
    Path dir;

    @Test
    void messagesThenStatusThenPrivateArriveInTheOrderSent() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dir);
             WireClient alice = fixture.user("alice");
             WireClient bob = fixture.user("bob")) {
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                burst.append("{\"type\":\"message\",\"content\":\"m").append(i).append("\"}\n");
            }
            burst.append("{\"type\":\"status\",\"state\":\"away\"}\n");
            burst.append("{\"type\":\"message\",\"subtype\":\"private\",\"to\":\"bob\",\"content\":\"last\"}\n");
            alice.sendBytes(burst.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (int i = 0; i < 100; i++) {
                JsonObject line = bob.nextMatching(o -> !o.getString("type").equals("status") || o.getString("user").equals("alice"));
                assertEquals("message", line.getString("type"), "message " + i + " before the status: " + line);
                assertEquals("m" + i, line.getString("content"));
            }
            JsonObject status = bob.nextMatching(o -> o.getString("type").equals("status"));
            assertEquals("away", status.getString("state"));
            assertEquals("last", bob.next().getString("content"));
        }
    }
}
