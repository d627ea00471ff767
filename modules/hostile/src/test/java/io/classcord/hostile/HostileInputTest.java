package io.classcord.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.classcord.testsupport.Waits;
import io.classcord.testsupport.WireClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Hostile input against one running server. Each case attacks from its own 127.0.0.x address and
 * then checks that the process is alive, that alice and bob still chat, and that the logs say what
 * happened; at the end every message the witnesses received must be in the database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest extends AttackSuite {

    private static final String ACTIVITY = "classcord.log";
    private static final String DEBUG = "debug.log";
    /** The default failed-logins-per-connection, which HostileServer.LIMITS keeps. */
    private static final int FAILED_LOGINS_PER_CONNECTION = 3;

    HostileInputTest() {
        super("classcord-hostile", HostileServer::start, "Hostile input against one server", true);
    }

    private WireClient peer(int source) throws IOException {
        return WireClient.from("127.0.0." + source, server.port());
    }

    @Test
    @Order(1)
    void malformedJson() throws Exception {
        table.run("malformed JSON", () -> {
            try (WireClient p = peer(11)) {
                for (String line : List.of("{\"type\":", "not json at all", "[1,2,3]", "{\"type\":\"users\",}", "\"text\"",
                        "{\"type\":\"users\" \"x\":1}")) {
                    p.send(line);
                    assertEquals("bad_json", p.nextErrorCode(), line);
                }
                p.send("{\"type\":\"users\"}");
                assertEquals("users", p.next().getString("type"), "the connection is still usable");
            }
            return server.awaitLog(DEBUG, "[REJECT] bad_json to 127.0.0.11", 6);
        });
    }

    @Test
    @Order(2)
    void tenMegabyteLineWithoutNewline() throws Exception {
        table.run("10 MB line without newline", () -> {
            try (WireClient p = peer(12)) {
                byte[] huge = new byte[10 * 1024 * 1024];
                Arrays.fill(huge, (byte) 'a');
                Thread writer = Thread.ofVirtual().start(() -> {
                    try {
                        p.sendBytes(huge);
                        p.send("\n{\"type\":\"users\"}");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                assertEquals("too_long", p.nextErrorCode());
                assertEquals("users", p.nextMatching(o -> o.getString("type").equals("users")).getString("type"),
                        "the rest of the line was skipped and the next one served");
                writer.join(Duration.ofSeconds(10));
            }
            return server.awaitLog(DEBUG, "[REJECT] too_long to 127.0.0.12", 1);
        });
    }

    @Test
    @Order(3)
    void invalidUtf8() throws Exception {
        table.run("invalid UTF-8", () -> {
            try (WireClient p = peer(13)) {
                byte[] prefix = "{\"type\":\"message\",\"from\":\"latin\",\"content\":\"caf".getBytes(StandardCharsets.US_ASCII);
                // é in windows-1252, a lone continuation byte, an overlong slash: none is valid UTF-8.
                byte[] bad = {(byte) 0xe9, ' ', (byte) 0x80, ' ', (byte) 0xc0, (byte) 0xaf};
                byte[] suffix = "\"}\n".getBytes(StandardCharsets.US_ASCII);
                byte[] line = new byte[prefix.length + bad.length + suffix.length];
                System.arraycopy(prefix, 0, line, 0, prefix.length);
                System.arraycopy(bad, 0, line, prefix.length, bad.length);
                System.arraycopy(suffix, 0, line, prefix.length + bad.length, suffix.length);
                p.sendBytes(line);
                Waits.until("bob receives the windows-1252 line", Witnesses.WAIT,
                        () -> witnesses.bobReceivedFrom("latin").stream().anyMatch(d -> d.content().startsWith("café ")));
                p.send("{\"type\":\"ping\",\"id\":\"u\"}");
                assertEquals("pong", p.nextMatching(o -> o.getString("type").equals("pong")).getString("type"));
            }
            return server.awaitLog(ACTIVITY, "[MESSAGE] \"latin\" -> \"#g", 1);
        });
    }

    @Test
    @Order(4)
    void deepJsonNesting() throws Exception {
        table.run("deep JSON nesting", () -> {
            try (WireClient p = peer(14)) {
                for (int depth : List.of(40, 4000)) {
                    p.send("{\"type\":\"message\",\"content\":\"x\",\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
                    assertEquals("bad_json", p.nextErrorCode(), "depth " + depth);
                }
                p.send("{\"type\":\"users\"}");
                assertEquals("users", p.next().getString("type"));
            }
            return server.awaitLog(DEBUG, "[REJECT] bad_json to 127.0.0.14", 2);
        });
    }

    @Test
    @Order(5)
    void hugeNumbers() throws Exception {
        table.run("huge numbers", () -> {
            try (WireClient p = peer(15)) {
                for (String number : List.of("1e999999999", "123456789012345678901234567890", "-1e-999999999", "1.5")) {
                    long started = System.nanoTime();
                    p.send("{\"type\":\"history\",\"limit\":" + number + "}");
                    assertEquals("bad_request", p.nextErrorCode(), number);
                    assertTrue(System.nanoTime() - started < Duration.ofSeconds(2).toNanos(), "answered at once: " + number);
                }
                p.send("{\"type\":\"ping\",\"id\":1e999999999}");
                assertEquals("bad_request", p.nextErrorCode());
            }
            return server.awaitLog(DEBUG, "[REJECT] bad_request to 127.0.0.15", 5);
        });
    }

    @Test
    @Order(6)
    void missingAndWronglyTypedFields() throws Exception {
        table.run("missing / wrongly typed fields", () -> {
            try (WireClient p = peer(16)) {
                for (String line : List.of("{\"type\":\"login\"}", "{\"type\":\"message\"}", "{\"content\":\"no type\"}",
                        "{\"type\":null}", "{\"type\":\"login\",\"username\":5,\"password\":[]}",
                        "{\"type\":\"message\",\"content\":{\"nested\":true}}", "{\"type\":\"join\",\"channel\":false}")) {
                    p.send(line);
                    assertEquals("bad_request", p.nextErrorCode(), line);
                }
            }
            return server.awaitLog(DEBUG, "[REJECT] bad_request to 127.0.0.16", 7);
        });
    }

    @Test
    @Order(7)
    void unknownTypes() throws Exception {
        table.run("unknown types", () -> {
            try (WireClient p = peer(17)) {
                for (String type : List.of("drop_table", "__proto__", "admin", "x".repeat(5000))) {
                    p.send("{\"type\":\"" + type + "\"}");
                    assertEquals("unknown_type", p.nextErrorCode());
                }
            }
            return server.awaitLog(DEBUG, "[REJECT] unknown_type to 127.0.0.17", 4);
        });
    }

    @Test
    @Order(8)
    void controlCharactersAndAnsiEscapes() throws Exception {
        table.run("control chars / ANSI in names, content", () -> {
            try (WireClient p = peer(18)) {
                p.send("{\"type\":\"register\",\"username\":\"\\u001b[31mred\",\"password\":\"x\"}");
                assertEquals("invalid_name", p.nextErrorCode());
                p.send("{\"type\":\"message\",\"from\":\"bell\\u0007\",\"content\":\"hi\"}");
                assertEquals("invalid_name", p.nextErrorCode());
                p.send("{\"type\":\"message\",\"from\":\"rtl\\u202eevil\",\"content\":\"hi\"}");
                assertEquals("invalid_name", p.nextErrorCode());
                p.send("{\"type\":\"message\",\"from\":\"painter\",\"content\":\"\\u001b[2J\\u001b]0;pwned\\u0007cleared?\\r\"}");
                Waits.until("bob receives painter's message", Witnesses.WAIT,
                        () -> !witnesses.bobReceivedFrom("painter").isEmpty());
                String content = witnesses.bobReceivedFrom("painter").getFirst().content();
                assertEquals("[2J]0;pwnedcleared?", content, "escape, BEL and CR removed");
            }
            return server.awaitLog(DEBUG, "[REJECT] invalid_name to 127.0.0.18", 3);
        });
    }

    @Test
    @Order(9)
    void sqlMetacharactersInEveryStringField() throws Exception {
        // Quotes and dashes are allowed in names (o'neil, jean-marc); parentheses and semicolons are not.
        String sql = "robert' --";
        table.run("SQL metacharacters in every field", () -> {
            try (WireClient p = peer(19)) {
                String quoted = "\"" + sql + "\"";
                p.send("{\"type\":\"register\",\"username\":" + quoted + ",\"password\":\"' OR '1'='1\"}");
                assertEquals("register", p.next().getString("type"));
                p.send("{\"type\":\"login\",\"username\":\"alice\",\"password\":\"' OR '1'='1\"}");
                assertEquals("auth_failed", p.nextErrorCode());
                p.send("{\"type\":\"login\",\"username\":" + quoted + ",\"password\":\"' OR '1'='1\"}");
                assertEquals(sql, p.nextMatching(o -> o.getString("type").equals("login")).getString("username"));
                p.send("{\"type\":\"status\",\"state\":\"' OR 1=1 --\"}");
                p.send("{\"type\":\"message\",\"subtype\":\"private\",\"to\":\"bob' --\",\"content\":\"x\"}");
                assertEquals("unknown_user", p.nextErrorCode());
                p.send("{\"type\":\"history\",\"channel\":\"\\\"; DROP TABLE users; --\"}");
                assertEquals("unknown_channel", p.nextErrorCode());
                p.send("{\"type\":\"message\",\"channel\":\"#a';--\",\"content\":\"x\"}");
                assertEquals("unknown_channel", p.nextErrorCode());
                p.send("{\"type\":\"message\",\"content\":\"'; DELETE FROM messages; --\"}");
                Waits.until("bob receives the SQL text verbatim", Witnesses.WAIT,
                        () -> witnesses.bobReceived("'; DELETE FROM messages; --"));
                p.send("{\"type\":\"history\",\"limit\":5}");
                JsonObject history = p.nextMatching(o -> o.getString("type").equals("history"));
                assertTrue(history.getJsonArray("messages").size() >= 1, "the messages table is intact");
            }
            assertEquals("ok", AttackedServer.integrity(server.database()));
            return server.awaitLog(ACTIVITY, "[REGISTER] New account \"" + sql + "\"", 1);
        });
    }

    @Test
    @Order(10)
    void namesThatDifferOnlyByCaseOrNormalization() throws Exception {
        table.run("names differing by case / Unicode form", () -> {
            try (WireClient p = peer(20)) {
                p.send("{\"type\":\"register\",\"username\":\"Zoé\",\"password\":\"pw\"}");
                assertEquals("register", p.next().getString("type"));
                for (String twin : List.of("zoé", "ZOÉ", "Zoe\\u0301")) {
                    p.send("{\"type\":\"register\",\"username\":\"" + twin + "\",\"password\":\"pw\"}");
                    assertEquals("name_taken", p.nextErrorCode(), twin);
                }
                // Full-width letters are compatibility characters, not identifier ones: refused outright.
                p.send("{\"type\":\"register\",\"username\":\"\\uff3a\\uff4f\\u00e9\",\"password\":\"pw\"}");
                assertEquals("invalid_name", p.nextErrorCode());
            }
            return server.awaitLog(ACTIVITY, "[REGISTER] Name already taken", 3);
        });
    }

    @Test
    @Order(11)
    void impersonationOfARegisteredNameAsGuest() throws Exception {
        table.run("guest impersonating a registered name", () -> {
            try (WireClient p = peer(21)) {
                for (String name : List.of("alice", "ALICE", "ａｌｉｃｅ", "serveur", "Global")) {
                    p.send("{\"type\":\"message\",\"from\":\"" + name + "\",\"content\":\"I am " + name + "\"}");
                    String refused = p.nextErrorCode();
                    assertTrue(refused.equals("name_taken") || refused.equals("invalid_name"), name + ": " + refused);
                }
            }
            assertTrue(witnesses.bobReceivedFrom("alice").stream().noneMatch(d -> d.content().startsWith("I am ")),
                    "nothing went out under a stolen name");
            return server.awaitLog(DEBUG, "[REJECT] name_taken to 127.0.0.21", 4);
        });
    }

    @Test
    @Order(12)
    void thousandConnectionsFromOneAddress() throws Exception {
        table.run("1000 connections from one IP", () -> {
            List<WireClient> peers = new ArrayList<>();
            int refused = 0;
            try {
                for (int i = 0; i < 1000; i++) {
                    peers.add(peer(22));
                }
                for (WireClient p : peers) {
                    // Refused ones get one error line and the end of the stream; admitted ones get nothing yet.
                    try {
                        String line = p.nextLine(Duration.ofMillis(refused > 0 ? 50 : 500));
                        if (line != null && line.contains("too_many_connections")) {
                            refused++;
                        }
                    } catch (java.net.SocketTimeoutException e) {
                        // Admitted: silent until it asks something.
                    }
                }
            } finally {
                for (WireClient p : peers) {
                    p.close();
                }
            }
            // The defaults admit 100 anonymous connections per address.
            assertTrue(refused >= 800, "refused " + refused + " of 1000");
            return server.awaitLog(ACTIVITY, "[LIMIT] Too many connections from 127.0.0.22", 800);
        });
    }

    @Test
    @Order(13)
    void slowloris() throws Exception {
        table.run("slowloris (a byte a second)", () -> {
            List<WireClient> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    slow.add(peer(23));
                }
                byte[] line = "{\"type\":\"users\"}\n".getBytes(StandardCharsets.US_ASCII);
                long started = System.nanoTime();
                int sent = 0;
                // One byte a second on each; the limit is 3 s to finish a line (partial-line-seconds).
                for (int b = 0; b < 8 && sent >= 0; b++) {
                    for (WireClient p : slow) {
                        try {
                            p.sendBytes(new byte[] {line[b]});
                        } catch (IOException e) {
                            sent = -1;
                        }
                    }
                    Thread.sleep(1000);
                }
                for (WireClient p : slow) {
                    assertTrue(p.closedByServer(Duration.ofSeconds(5)), "slowloris connection cut");
                }
                assertTrue(System.nanoTime() - started < Duration.ofSeconds(15).toNanos());
            } finally {
                for (WireClient p : slow) {
                    p.close();
                }
            }
            return server.awaitLog(ACTIVITY, "left a line unfinished too long", 20);
        });
    }

    @Test
    @Order(14)
    void clientThatNeverReads() throws Exception {
        table.run("client that never reads", () -> {
            try (WireClient deaf = WireClient.from("127.0.0.24", server.port(), 4096)) {
                deaf.send("{\"type\":\"message\",\"from\":\"deaf\",\"content\":\"\"}");
                // Loud guests from other addresses, each within its rate limit (100/s): 16 MB in 4 s for
                // everyone, more than the deaf client's queue (1 MiB) and socket buffers hold.
                String big = "y".repeat(4000);
                List<Thread> loud = new ArrayList<>();
                for (int s = 0; s < 10; s++) {
                    WireClient sender = WireClient.from("127.0.1." + s, server.port());
                    String name = "loud" + s;
                    loud.add(Thread.ofVirtual().start(() -> {
                        try (sender) {
                            Thread drain = Thread.ofVirtual().start(() -> sender.closedByServer(Duration.ofSeconds(30)));
                            for (int m = 0; m < 400; m++) {
                                sender.send("{\"type\":\"message\",\"from\":\"" + name + "\",\"content\":\"" + big + "\"}");
                                Thread.sleep(10);
                            }
                            drain.join(Duration.ofSeconds(2));
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    }));
                }
                String evidence = server.awaitLog(ACTIVITY, "[SLOW] Disconnecting \"deaf\"", 1);
                for (Thread t : loud) {
                    t.join(Duration.ofSeconds(30));
                }
                return evidence;
            }
        });
    }

    @Test
    @Order(15)
    void floodFromOneClient() throws Exception {
        table.run("flood of messages from one client", () -> {
            AtomicInteger limited = new AtomicInteger();
            long started = System.nanoTime();
            try (WireClient p = peer(25)) {
                Thread reader = Thread.ofVirtual().start(() -> {
                    try {
                        String line;
                        while ((line = p.nextLine(Duration.ofSeconds(30))) != null) {
                            if (line.contains("rate_limited")) {
                                limited.incrementAndGet();
                            }
                        }
                    } catch (IOException e) {
                        // Timed out after the flood: done.
                    }
                });
                StringBuilder burst = new StringBuilder();
                for (int m = 0; m < 5000; m++) {
                    burst.append("{\"type\":\"message\",\"from\":\"flooder\",\"content\":\"flood ").append(m).append("\"}\n");
                }
                p.sendBytes(burst.toString().getBytes(StandardCharsets.US_ASCII));
                // Either every excess message is answered rate_limited, or the flooder, reading those
                // answers slower than it floods, overflows its outbound queue and is disconnected.
                Waits.until("rate_limited replies or disconnection", Duration.ofSeconds(30),
                        () -> limited.get() >= 4000 || !reader.isAlive());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            int delivered = witnesses.bobReceivedFrom("flooder").size();
            // 200 at once, then 100 a second (HostileServer.LIMITS).
            assertTrue(delivered <= 200 + 100 * seconds + 10, delivered + " delivered in " + seconds + " s");
            String rejected = server.awaitLog(DEBUG, "[REJECT] rate_limited to 127.0.0.25", Math.min(limited.get(), 100));
            boolean kicked = server.log(ACTIVITY).stream().anyMatch(l -> l.contains("[SLOW] Disconnecting \"flooder\""));
            return kicked ? limited.get() + " answered rate_limited, then: "
                    + server.awaitLog(ACTIVITY, "[SLOW] Disconnecting \"flooder\"", 1) : rejected;
        });
    }

    @Test
    @Order(16)
    void bruteForceOfLogins() throws Exception {
        table.run("brute force of logins", () -> {
            int refusedUnchecked = 0;
            int cut = 0;
            WireClient p = peer(26);
            try {
                for (int i = 0; i < 50; i++) {
                    p.send("{\"type\":\"login\",\"username\":\"alice\",\"password\":\"guess" + i + "\"}");
                    if (p.nextErrorCode().equals("rate_limited")) {
                        refusedUnchecked++;
                    }
                    if ((i + 1) % FAILED_LOGINS_PER_CONNECTION == 0) {
                        // The server closes the socket: the attacker has to come back through the firewall.
                        assertEquals("rate_limited", p.nextErrorCode(), "the notice that the connection is closed");
                        assertTrue(p.closedByServer(Duration.ofSeconds(10)), "cut after " + (i + 1) + " failures");
                        cut++;
                        p.close();
                        p = peer(26);
                    }
                }
            } finally {
                p.close();
            }
            assertEquals(45, refusedUnchecked, "after 5 failures (login-max-failures) the rest are throttled");
            try (WireClient other = peer(27)) {
                other.send("{\"type\":\"login\",\"username\":\"alice\",\"password\":\"alice-pw\"}");
                assertEquals("login", other.next().getString("type"), "other addresses are not affected");
            }
            server.awaitLog(ACTIVITY, "[LOGIN] Failed login attempt from 127.0.0.26", 50);
            assertEquals(16, cut);
            server.awaitLog(ACTIVITY, "[LOGIN] anonymous (127.0.0.26:", cut);
            return server.awaitLog(ACTIVITY, "[LOGIN] Failed login attempt from 127.0.0.26 (throttled", 45);
        });
    }

    @Test
    @Order(16)
    void guessingOnAnOpenConnection() throws Exception {
        table.run("guessing on an open connection", () -> {
            try (WireClient guesser = peer(29); WireClient forgetful = peer(30)) {
                for (int i = 0; i < FAILED_LOGINS_PER_CONNECTION; i++) {
                    guesser.send("{\"type\":\"login\",\"username\":\"alice\",\"password\":\"guess" + i + "\"}");
                    assertEquals("auth_failed", guesser.nextErrorCode());
                }
                JsonObject closing = guesser.nextMatching(o -> "error".equals(o.getString("type", "")));
                assertEquals("rate_limited", closing.getString("code"));
                assertTrue(closing.getString("message").contains("ferme la connexion"), closing.toString());
                assertTrue(guesser.closedByServer(Duration.ofSeconds(10)), "the guesser is cut");

                // One failure short of the limit, then the right password: a student who mistyped logs in.
                for (int i = 0; i < FAILED_LOGINS_PER_CONNECTION - 1; i++) {
                    forgetful.send("{\"type\":\"login\",\"username\":\"alice\",\"password\":\"typo" + i + "\"}");
                    assertEquals("auth_failed", forgetful.nextErrorCode());
                }
                forgetful.send("{\"type\":\"login\",\"username\":\"alice\",\"password\":\"alice-pw\"}");
                assertEquals("login", forgetful.next().getString("type"));
            }
            return server.awaitLog(ACTIVITY, "[LOGIN] anonymous (127.0.0.29:", 1);
        });
    }

    @Test
    @Order(17)
    void abruptDisconnectsDuringABroadcast() throws Exception {
        table.run("abrupt disconnects mid-broadcast", () -> {
            List<WireClient> crowd = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                WireClient p = WireClient.from("127.0.2." + i, server.port());
                p.send("{\"type\":\"message\",\"from\":\"crowd" + i + "\",\"content\":\"\"}");
                crowd.add(p);
            }
            try (WireClient sender = peer(28)) {
                Thread talk = Thread.ofVirtual().start(() -> {
                    try {
                        for (int m = 0; m < 150; m++) {
                            sender.send("{\"type\":\"message\",\"from\":\"speaker\",\"content\":\"speech " + m + "\"}");
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                for (WireClient p : crowd) {
                    p.abort();
                }
                talk.join(Duration.ofSeconds(10));
                Waits.until("bob gets all 150 in order", Witnesses.WAIT,
                        () -> witnesses.bobReceivedFrom("speaker").size() == 150);
                List<String> order = witnesses.bobReceivedFrom("speaker").stream().map(d -> d.content()).toList();
                for (int m = 0; m < 150; m++) {
                    assertEquals("speech " + m, order.get(m));
                }
                Waits.until("no ghost in the user list", Witnesses.WAIT, () -> {
                    try {
                        sender.send("{\"type\":\"users\"}");
                        JsonObject users = sender.nextMatching(o -> o.getString("type").equals("users"));
                        return users.getJsonArray("users").getValuesAs(jakarta.json.JsonString.class).stream()
                                .noneMatch(s -> s.getString().startsWith("crowd"));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
            return server.awaitLog(ACTIVITY, "[DISCONNECT] \"crowd", 60);
        });
    }

    /** Reading the database behind the server's back, read-only. */
}
