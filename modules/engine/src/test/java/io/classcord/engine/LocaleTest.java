package io.classcord.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import io.classcord.testsupport.WireClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's texts for people follow its {@code locale}; the texts course clients match on never change. */
class LocaleTest {

    @TempDir
    Path dir;

    private ServerFixture fixture(Locale locale) throws IOException {
        return new ServerFixture(dir, EngineSettings.builder().messagesPerSecond(1000).messageBurst(1000).locale(locale));
    }

    @Test
    void englishErrorAndNotice() throws Exception {
        try (ServerFixture fixture = fixture(Locale.ENGLISH); WireClient alice = fixture.user("alice");
             WireClient bob = fixture.user("bob")) {
            alice.send("{\"type\":\"message\",\"subtype\":\"private\",\"to\":\"nobody\",\"content\":\"hi\"}");
            JsonObject error = alice.nextMatching(o -> o.getString("type").equals("error"));
            assertEquals("Unknown or offline user: nobody", error.getString("message"));
            assertEquals(error.getString("message"), error.getString("error"));

            fixture.server.admin().kick("bob", "Bye");
            JsonObject notice = alice.nextMatching(o -> o.getString("type").equals("message")
                    && o.getString("from").equals("serveur"));
            assertEquals("bob was kicked by the administrator.", notice.getString("content"));
        }
    }

    @Test
    void frenchByDefault() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dir); WireClient alice = fixture.user("alice")) {
            alice.send("{\"type\":\"message\",\"subtype\":\"private\",\"to\":\"nobody\",\"content\":\"hi\"}");
            assertEquals("Utilisateur inconnu ou hors ligne : nobody",
                    alice.nextMatching(o -> o.getString("type").equals("error")).getString("message"));
        }
    }

    @Test
    void compatibilityTextsAreTheSameInEnglish() throws Exception {
        try (ServerFixture fixture = fixture(Locale.ENGLISH); WireClient client = fixture.client()) {
            client.send("{\"type\":\"login\",\"username\":\"nobody\",\"password\":\"pw\"}");
            JsonObject failed = client.next();
            assertEquals("Login failed.", failed.getString("message"));
            assertEquals("Login failed.", failed.getString("error"));
            client.send("{\"type\":\"register\",\"username\":\"carol\",\"password\":\"pw\"}");
            client.next();
            client.send("{\"type\":\"register\",\"username\":\"carol\",\"password\":\"pw\"}");
            JsonObject taken = client.next();
            assertEquals("Username already exists.", taken.getString("message"));
            assertEquals("Username already exists.", taken.getString("error"));
        }
    }
}
