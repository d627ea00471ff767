package io.classcord.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.classcord.storage.CommitListener;
import io.classcord.testsupport.Waits;
import io.classcord.testsupport.WireClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A private message reaches the person its sender wrote to, not whoever holds the name later. */
class PrivateMessageTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    /** Holds the store's writer after its next commit, before the batch is delivered, until opened. */
    private static final class CommitGate implements CommitListener {
        private final AtomicBoolean armed = new AtomicBoolean();
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch open = new CountDownLatch(1);

        @Override
        public void committed(int messages, Duration elapsed) {
            if (armed.compareAndSet(true, false)) {
                held.countDown();
                try {
                    open.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Test
    void aGuestWhoTakesTheNameWhileTheMessageIsStoredDoesNotGetIt() throws Exception {
        CommitGate gate = new CommitGate();
        try (ServerFixture fixture = new ServerFixture(dir, EngineSettings.builder().messagesPerSecond(1000)
                .messageBurst(1000), EngineListener.NONE, gate)) {
            try (WireClient bob = fixture.user("bob");
                 WireClient carole = fixture.client();
                 WireClient watcher = fixture.client()) {
                announceGuest(carole, "carole");
                Waits.until("carole online", WAIT, () -> online(watcher, "carole"));

                gate.armed.set(true);
                bob.tell("carole", "pour carole seulement");
                assertTrue(gate.held.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the message reached the commit");
                carole.close();
                Waits.until("carole gone", WAIT, () -> !online(watcher, "carole"));
                try (WireClient mallory = fixture.client()) {
                    announceGuest(mallory, "carole");
                    Waits.until("the name taken again", WAIT, () -> online(watcher, "carole"));
                    gate.open.countDown();

                    bob.tell("carole", "pour qui a le nom maintenant");
                    JsonObject first = mallory.nextMessage(m -> "private".equals(m.getString("subtype", "")));
                    assertEquals("pour qui a le nom maintenant", first.getString("content"),
                            "the new holder of the name got only what was sent to it");
                }
            } finally {
                // Before the fixture closes: a failed assertion must not leave the writer held.
                gate.open.countDown();
            }
        }
    }

    private static void announceGuest(WireClient guest, String name) throws IOException {
        guest.send("{\"type\":\"message\",\"subtype\":\"global\",\"to\":\"global\",\"from\":\"" + name
                + "\",\"content\":\"\"}");
    }

    /** Asked by a third client: the sender's own replies wait behind its message held at the commit. */
    private static boolean online(WireClient asker, String name) {
        try {
            asker.send("{\"type\":\"users\"}");
            JsonObject users = asker.nextMatching(o -> "users".equals(o.getString("type", "")));
            return users.getJsonArray("users").getValuesAs(JsonString.class).stream()
                    .anyMatch(s -> s.getString().equals(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
