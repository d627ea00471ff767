package io.classcord.hostile;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.classcord.client.ChatClient;
import io.classcord.protocol.ClientFrame;
import io.classcord.protocol.Reply;
import io.classcord.protocol.ServerFrame;
import io.classcord.testsupport.Waits;

/**
 * Two well-behaved users, alice and bob, logged in from 127.0.0.1 with the client library. After
 * every case they must still talk to each other, and every message they received (which the server
 * commits before delivering) must end up in the database.
 */
final class Witnesses implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);

    private final ChatClient alice;
    private final ChatClient bob;
    private final Queue<ServerFrame.Delivery> aliceGot = new ConcurrentLinkedQueue<>();
    private final Queue<ServerFrame.Delivery> bobGot = new ConcurrentLinkedQueue<>();
    private final Set<String> received = ConcurrentHashMap.newKeySet();
    private final AtomicInteger checks = new AtomicInteger();
    private final List<Thread> readers;

    Witnesses(int port) throws IOException {
        alice = login(port, "alice", "alice-pw");
        bob = login(port, "bob", "bob-pw");
        readers = List.of(Thread.ofVirtual().start(() -> read(alice, aliceGot)),
                Thread.ofVirtual().start(() -> read(bob, bobGot)));
    }

    private static ChatClient login(int port, String name, String password) throws IOException {
        ChatClient client = ChatClient.connect("127.0.0.1", port, WAIT);
        client.register(name, password, WAIT);
        if (!(client.login(name, password, WAIT) instanceof ServerFrame.LoginOk)) {
            throw new IOException(name + " could not log in");
        }
        return client;
    }

    private void read(ChatClient client, Queue<ServerFrame.Delivery> into) {
        try {
            Reply reply;
            while ((reply = client.receive(Duration.ZERO)) != null) {
                if (reply instanceof Reply.Frame(ServerFrame.Delivery delivery)
                        && !ServerFrame.SERVER_SENDER.equals(delivery.from())) {
                    into.add(delivery);
                    received.add(delivery.content());
                }
            }
        } catch (IOException e) {
            // Closed at the end of the suite (or the server was killed on purpose).
        }
    }

    /** alice and bob exchange one message each way, in the lobby, within the deadline. */
    void stillChatting(String label) throws IOException {
        int n = checks.incrementAndGet();
        String toBob = "witness check " + n + " (" + label + ") alice->bob";
        String toAlice = "witness check " + n + " (" + label + ") bob->alice";
        alice.send(new ClientFrame.ChatMessage(null, null, null, toBob, null));
        bob.send(new ClientFrame.ChatMessage(null, null, null, toAlice, null));
        Waits.until("bob receives '" + toBob + "'", WAIT, () -> has(bobGot, toBob));
        Waits.until("alice receives '" + toAlice + "'", WAIT, () -> has(aliceGot, toAlice));
    }

    private static boolean has(Queue<ServerFrame.Delivery> got, String content) {
        return got.stream().anyMatch(d -> content.equals(d.content()));
    }

    /** Deliveries bob received from {@code from}. */
    List<ServerFrame.Delivery> bobReceivedFrom(String from) {
        return bobGot.stream().filter(d -> from.equals(d.from())).toList();
    }

    boolean bobReceived(String content) {
        return has(bobGot, content);
    }

    /** Every content the witnesses received: each was acknowledged by the server as stored. */
    Set<String> received() {
        return Set.copyOf(received);
    }

    @Override
    public void close() throws IOException {
        alice.close();
        bob.close();
        for (Thread reader : readers) {
            try {
                reader.join(WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
