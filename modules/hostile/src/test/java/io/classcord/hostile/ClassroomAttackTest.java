package io.classcord.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.classcord.testsupport.Waits;
import io.classcord.testsupport.WireClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The attacks of a network-security class, one class of failure after another (issue "hostile
 * classroom"): memory, identity, addressing, control characters, forged log lines, creation floods.
 * After each case the process must be alive and alice and bob must still chat; at the end every
 * message they received must be in the database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClassroomAttackTest extends AttackSuite {

    private static final String ACTIVITY = "classcord.log";
    private static final String DEBUG = "debug.log";
    /** The documented bound on the resident memory: the default -Xmx384m plus 192 MiB (docs/SECURITE.md). */
    static final long RSS_BOUND_MIB = 576;

    ClassroomAttackTest() {
        super("classcord-classroom", HostileServer::start, "Attacks of a security class against one server", true);
    }

    private WireClient peer(String source) throws IOException {
        return WireClient.from(source, server.port());
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String guestMessage(String from, String content) {
        return "{\"type\":\"message\",\"from\":" + json(from) + ",\"content\":" + json(content) + "}";
    }

    private static String register(String name) {
        return "{\"type\":\"register\",\"username\":" + json(name) + ",\"password\":\"pw-" + name.hashCode() + "\"}";
    }

    private List<String> users(WireClient p) throws IOException {
        p.send("{\"type\":\"users\"}");
        JsonObject users = p.nextMatching(o -> o.getString("type").equals("users"));
        return users.getJsonArray("users").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    // ---- 1. Memory -------------------------------------------------------------------------------

    @Test
    @Order(1)
    void historyAmplificationByADeafClient() throws Exception {
        table.run("history x16 pipelined, never read", () -> {
            // 0xE9 is é in windows-1252: each byte comes back as \u00e9, six bytes out per byte in.
            // 8,100 of them and the JSON around stay under the 8,192-byte line limit.
            byte[] accents = new byte[8100];
            java.util.Arrays.fill(accents, (byte) 0xe9);
            try (WireClient founder = peer("127.0.3.99")) {
                founder.send("{\"type\":\"join\",\"channel\":\"#amplify\"}");
                founder.nextMatching(o -> o.getString("type").equals("join"));
            }
            // The posters post into #amplify without joining it: members would receive 21 MB each
            // and, not reading while they post, be cut as slow clients before their last messages.
            List<Thread> posters = new ArrayList<>();
            for (int g = 0; g < 10; g++) {
                String from = "poster" + g;
                WireClient poster = peer("127.0.3." + (g + 1));
                posters.add(Thread.ofVirtual().start(() -> {
                    try (poster) {
                        for (int m = 0; m < 50; m++) {
                            byte[] head = ("{\"type\":\"message\",\"from\":\"" + from + "\",\"channel\":\"#amplify\",\"content\":\"")
                                    .getBytes(StandardCharsets.US_ASCII);
                            byte[] tail = "\"}\n".getBytes(StandardCharsets.US_ASCII);
                            byte[] line = new byte[head.length + accents.length + tail.length];
                            System.arraycopy(head, 0, line, 0, head.length);
                            System.arraycopy(accents, 0, line, head.length, accents.length);
                            System.arraycopy(tail, 0, line, head.length + accents.length, tail.length);
                            poster.sendBytes(line);
                        }
                        poster.send("{\"type\":\"ping\",\"id\":\"done\"}");
                        poster.nextMatching(o -> o.getString("type").equals("pong"));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
            }
            for (Thread t : posters) {
                assertTrue(t.join(Duration.ofSeconds(60)), "posters finished");
            }
            long peak = 0;
            try (WireClient deaf = WireClient.from("127.0.3.100", server.port(), 2048)) {
                StringBuilder burst = new StringBuilder();
                for (int i = 0; i < 16; i++) {
                    burst.append("{\"type\":\"history\",\"channel\":\"#amplify\",\"limit\":500}\n");
                }
                deaf.sendBytes(burst.toString().getBytes(StandardCharsets.US_ASCII));
                String evidence = server.awaitLog(ACTIVITY, "[SLOW] Disconnecting anonymous (127.0.3.100:", 1);
                peak = Math.max(peak, server.rssMiB());
                assertTrue(peak < RSS_BOUND_MIB, "RSS " + peak + " MiB under " + RSS_BOUND_MIB + " MiB");
                return evidence + "; RSS " + peak + " MiB";
            }
        });
    }

    @Test
    @Order(2)
    void historyIsPagedByBytes() throws Exception {
        table.run("history paged in bytes, cursor", () -> {
            try (WireClient reader = peer("127.0.3.101")) {
                Set<String> seen = new HashSet<>();
                Long before = null;
                int pages = 0;
                long largest = 0;
                do {
                    reader.send("{\"type\":\"history\",\"channel\":\"#amplify\",\"limit\":500"
                            + (before == null ? "" : ",\"before\":" + before) + "}");
                    JsonObject page = reader.nextMatching(o -> o.getString("type").equals("history"));
                    largest = Math.max(largest, page.toString().length());
                    for (JsonObject m : page.getJsonArray("messages").getValuesAs(JsonObject.class)) {
                        assertTrue(seen.add(m.getString("from") + "|" + m.getString("timestamp") + "|" + seen.size()));
                    }
                    before = page.containsKey("before") ? page.getJsonNumber("before").longValue() : null;
                    pages++;
                } while (before != null && pages < 100);
                assertEquals(500, seen.size(), "all 500 messages, over several pages");
                assertTrue(pages > 1, "more than one page");
                assertTrue(largest <= 256 * 1024 + 8192, "largest page " + largest + " bytes");
                return "500 messages in " + pages + " pages, largest page " + largest / 1024 + " KiB";
            }
        });
    }

    @Test
    @Order(3)
    void manyDeafClientsAtOnce() throws Exception {
        table.run("40 deaf clients, loud broadcast", () -> {
            List<WireClient> deaf = new ArrayList<>();
            try {
                for (int i = 0; i < 40; i++) {
                    WireClient p = WireClient.from("127.0.4." + (i + 1), server.port(), 2048);
                    p.send(guestMessage("sourd" + i, ""));
                    p.send("{\"type\":\"join\",\"channel\":\"#bruit\"}");
                    deaf.add(p);
                }
                // Sent as UTF-8 (two bytes each, under the line limit); relayed escaped, six bytes each.
                String big = "\u00e9".repeat(4000);
                try (WireClient loud = peer("127.0.4.200")) {
                    loud.send("{\"type\":\"join\",\"channel\":\"#bruit\"}");
                    Thread drain = Thread.ofVirtual().start(() -> loud.closedByServer(Duration.ofSeconds(60)));
                    for (int m = 0; m < 300; m++) {
                        loud.send("{\"type\":\"message\",\"from\":\"bruyant\",\"channel\":\"#bruit\",\"content\":\"" + big + "\"}");
                        if (m % 50 == 49) {
                            Waits.pause();
                        }
                    }
                    String evidence = server.awaitLog(ACTIVITY, "[SLOW] Disconnecting \"sourd", 40);
                    long rss = server.rssMiB();
                    assertTrue(rss < RSS_BOUND_MIB, "RSS " + rss + " MiB");
                    drain.interrupt();
                    return "40 [SLOW] disconnections, RSS " + rss + " MiB; last: " + evidence;
                }
            } finally {
                for (WireClient p : deaf) {
                    p.abort();
                }
            }
        });
    }

    // ---- 3. Identity -----------------------------------------------------------------------------

    @Test
    @Order(10)
    void twoGuestsCannotShareAName() throws Exception {
        table.run("two guests, one name", () -> {
            try (WireClient first = peer("127.0.5.1"); WireClient second = peer("127.0.5.2")) {
                first.send(guestMessage("jumeau", "je suis le premier"));
                Waits.until("bob sees the first jumeau", Duration.ofSeconds(10),
                        () -> witnesses.bobReceived("je suis le premier"));
                second.send(guestMessage("JUMEAU", "je suis le second"));
                assertEquals("name_taken", second.nextErrorCode());
                second.send(guestMessage("jumeau", "toujours moi"));
                assertEquals("name_taken", second.nextErrorCode());
                assertFalse(witnesses.bobReceived("je suis le second"));
            }
            return server.awaitLog(DEBUG, "[REJECT] name_taken to 127.0.5.2", 2);
        });
    }

    @Test
    @Order(11)
    void registeringANameAGuestHoldsIsRefused() throws Exception {
        table.run("register a name a guest holds", () -> {
            try (WireClient guest = peer("127.0.5.3"); WireClient thief = peer("127.0.5.4")) {
                guest.send(guestMessage("camille", "coucou"));
                Waits.until("camille is online", Duration.ofSeconds(10), () -> witnesses.bobReceived("coucou"));
                thief.send(register("Camille"));
                assertEquals("name_taken", thief.nextErrorCode());
                thief.send("{\"type\":\"login\",\"username\":\"Camille\",\"password\":\"x\"}");
                assertEquals("auth_failed", thief.nextErrorCode());
            }
            return server.awaitLog(ACTIVITY, "[REGISTER] Name held by a guest online: \"Camille\"", 1);
        });
    }

    @Test
    @Order(12)
    void guestsWithoutFromGetDistinctNames() throws Exception {
        table.run("guests without from: invité-NNNN", () -> {
            try (WireClient a = peer("127.0.5.5"); WireClient b = peer("127.0.5.6"); WireClient watcher = peer("127.0.5.7")) {
                a.send("{\"type\":\"message\",\"content\":\"\"}");
                b.send("{\"type\":\"message\",\"content\":\"\"}");
                Waits.until("two invité-NNNN online", Duration.ofSeconds(10), () -> {
                    try {
                        return users(watcher).stream().filter(u -> u.matches("invité-\\d+")).count() >= 2;
                    } catch (IOException e) {
                        return false;
                    }
                });
                List<String> names = users(watcher).stream().filter(u -> u.matches("invité-\\d+")).toList();
                assertEquals(names.size(), Set.copyOf(names).size());
                return "users: " + names;
            }
        });
    }

    @Test
    @Order(13)
    void lookAlikeGuestNamesAreRefused() throws Exception {
        table.run("look-alike guest names", () -> {
            List<String> tried = List.of("\u0430lice", "alice\u00a0", "al\u034fice", "\u3164", "ali\u2800ce", "ali\u0307ce",
                    "serveur\u00a0", "s\u0435rveur", "b\u043eb", "\uff41\uff4c\uff49\uff43\uff45", "ALICE", "Global");
            try (WireClient p = peer("127.0.5.8")) {
                for (String name : tried) {
                    p.send(guestMessage(name, "usurpation par " + name));
                    String code = p.nextErrorCode();
                    assertTrue(code.equals("invalid_name") || code.equals("name_taken"), name + ": " + code);
                }
            }
            assertTrue(witnesses.bobReceivedFrom("alice").stream().noneMatch(d -> d.content().startsWith("usurpation")));
            return server.awaitLog(DEBUG, "to 127.0.5.8", tried.size());
        });
    }

    @Test
    @Order(14)
    void lookAlikeRegistrationsAreRefused() throws Exception {
        table.run("look-alike registrations", () -> {
            // Each outcome needs its own part of ICU4J's Unicode data, which the image carries without
            // ICU's locale data: script and default-ignorable properties refuse the first names outright;
            // the confusable skeletons make the last ones the registered names they imitate (bob, a
            // Witnesses account, then mallory, then papa in Cyrillic р and а only).
            List<String> invalid = List.of("v\u0456ctim", "victim\u00a0", "vic\u034ftim", "vic\u3164tim", "vic\u2800tim",
                    "victi\u0307m", "vic\ud800tim", "vic\u200btim", "vic\u202etim");
            List<String> taken = List.of("b0b", "rnallory", "\u0440\u0430\u0440\u0430");
            try (WireClient p = peer("127.0.5.9")) {
                for (String name : List.of("victim", "mallory", "papa")) {
                    p.send(register(name));
                    assertEquals("register", p.next().getString("type"), name);
                }
                for (String name : invalid) {
                    p.send(register(name));
                    assertEquals("invalid_name", p.nextErrorCode(), name);
                }
                for (String name : taken) {
                    p.send(register(name));
                    assertEquals("name_taken", p.nextErrorCode(), name);
                }
            }
            return invalid.size() + taken.size() + " refused: "
                    + server.awaitLog(ACTIVITY, "[REGISTER] Name already taken", taken.size());
        });
    }

    @Test
    @Order(15)
    void lookAlikeChannelNames() throws Exception {
        table.run("look-alike channel names", () -> {
            try (WireClient p = peer("127.0.5.10")) {
                p.send(guestMessage("curieux", ""));
                p.send("{\"type\":\"join\",\"channel\":\"#\u0430dmin\"}");
                assertEquals("forbidden", p.nextErrorCode(), "Cyrillic а: the same skeleton as #admin, so it is #admin");
                p.send("{\"type\":\"join\",\"channel\":\"#pr\u043ejet\"}");
                assertEquals("unknown_channel", p.nextErrorCode(), "a new channel mixing Cyrillic о with Latin letters");
                p.send("{\"type\":\"join\",\"channel\":\"#\uff41dmin\"}");
                assertEquals("forbidden", p.nextErrorCode(), "full-width a is #admin itself");
                p.send("{\"type\":\"join\",\"channel\":\"#G\u00c9N\u00c9RAL\"}");
                assertEquals("#g\u00e9n\u00e9ral", p.nextMatching(o -> o.getString("type").equals("join")).getString("channel"));
            }
            return server.awaitLog(DEBUG, "[REJECT] forbidden to 127.0.5.10", 2);
        });
    }

    // ---- 4. Addressing ---------------------------------------------------------------------------

    @Test
    @Order(20)
    void privateMessageWithoutRecipientIsNeverPublic() throws Exception {
        table.run("private message, empty/absent to", () -> {
            try (WireClient p = peer("127.0.6.1")) {
                p.send(guestMessage("espion", ""));
                for (String to : List.of(",\"to\":\"\"", ",\"to\":\"   \"", "", ",\"to\":\"global\"")) {
                    p.send("{\"type\":\"message\",\"subtype\":\"private\"" + to + ",\"content\":\"secret" + to.length() + "\"}");
                    assertEquals("bad_request", p.nextErrorCode(), to);
                }
                p.send("{\"type\":\"message\",\"subtype\":\"private\",\"to\":\"personne\",\"content\":\"secret\"}");
                assertEquals("unknown_user", p.nextErrorCode());
            }
            assertTrue(witnesses.bobReceivedFrom("espion").isEmpty(), "no secret reached the channel");
            return server.awaitLog(DEBUG, "[REJECT] bad_request to 127.0.6.1", 4);
        });
    }

    @Test
    @Order(21)
    void privateMessageReachesOnlyItsRecipient() throws Exception {
        table.run("private message reaches one person", () -> {
            try (WireClient sender = peer("127.0.6.2")) {
                sender.send(guestMessage("chuchoteur", ""));
                sender.send("{\"type\":\"message\",\"subtype\":\"private\",\"to\":\"ALICE\",\"content\":\"pour alice seule\"}");
                sender.send("{\"type\":\"ping\",\"id\":\"p\"}");
                sender.nextMatching(o -> o.getString("type").equals("pong"));
            }
            witnesses.stillChatting("after the private message");
            assertFalse(witnesses.bobReceived("pour alice seule"));
            return "bob did not receive alice's private message";
        });
    }

    // ---- 5. Control characters -------------------------------------------------------------------

    @Test
    @Order(30)
    void controlSequencesInStatusAreNotRelayed() throws Exception {
        table.run("ESC/BEL/OSC in a status", () -> {
            try (WireClient p = peer("127.0.7.1"); WireClient watcher = peer("127.0.7.3")) {
                watcher.send("{\"type\":\"users\"}");
                watcher.nextMatching(o -> o.getString("type").equals("users"));
                p.send(guestMessage("farceur", ""));
                p.send("{\"type\":\"status\",\"state\":\"\\u001b[31mrouge\\u0007\\u001b]0;pwned\\u0007\\u009b2J\\u202e\"}");
                JsonObject relayed = watcher.nextMatching(o -> o.getString("type").equals("status")
                        && "farceur".equals(o.getString("user", "")) && !"online".equals(o.getString("state", "")));
                String state = relayed.getString("state");
                assertTrue(state.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)),
                        "relayed state " + json(state));
                p.send("{\"type\":\"status\",\"state\":" + json("x".repeat(200)) + "}");
                assertEquals("bad_request", p.nextErrorCode(), "a 200-character state");
                p.send("{\"type\":\"status\",\"state\":\"\\u001b\\u0007\"}");
                assertEquals("bad_request", p.nextErrorCode(), "nothing left once cleaned");
            }
            return server.awaitLog(DEBUG, "[REJECT] bad_request to 127.0.7.1", 2);
        });
    }

    @Test
    @Order(31)
    void controlCharactersInNames() throws Exception {
        table.run("control characters in names", () -> {
            try (WireClient p = peer("127.0.7.2")) {
                for (String name : List.of("a\u001b[2Jb", "bell\u0007", "line\nbreak", "cr\rname", "nel\u0085x", "ls\u2028x",
                        "tab\tname", "del\u007fx")) {
                    p.send(guestMessage(name, "hello"));
                    assertEquals("invalid_name", p.nextErrorCode(), name);
                }
            }
            return server.awaitLog(DEBUG, "[REJECT] invalid_name to 127.0.7.2", 8);
        });
    }

    @Test
    @Order(32)
    void controlsSurrogatesAndBidiInMessageText() throws Exception {
        table.run("lone surrogate, RLO, OSC in a message", () -> {
            try (WireClient p = peer("127.0.7.4")) {
                p.send("{\"type\":\"message\",\"from\":\"bidi\",\"content\":\"abc\\ud800def \\u202egnp.exe "
                        + "\\u001b]8;;http://x\\u0007lien\\u001b]8;;\\u0007 \\ud83d\\ude00\"}");
                Waits.until("bob receives bidi's message", Witnesses.WAIT, () -> !witnesses.bobReceivedFrom("bidi").isEmpty());
            }
            String got = witnesses.bobReceivedFrom("bidi").getFirst().content();
            assertEquals("abc\ufffddef gnp.exe ]8;;http://xlien]8;; \ud83d\ude00", got,
                    "lone surrogate replaced, RLO and OSC controls removed, the emoji kept");
            return "relayed as " + json(got);
        });
    }

    @Test
    @Order(33)
    void invisibleAndLookAlikeChannelCreations() throws Exception {
        table.run("invisible / look-alike new channels", () -> {
            try (WireClient p = peer("127.0.7.5")) {
                p.send(guestMessage("decorateur", ""));
                for (String channel : List.of("#dev\u200b", "#d\u0435v", "#\u3164", "#dev\u00a0", "#d\u0301ev")) {
                    p.send("{\"type\":\"join\",\"channel\":\"" + channel + "\"}");
                    JsonObject reply = p.nextMatching(o -> o.getString("type").equals("join") || o.getString("type").equals("error"));
                    if (reply.getString("type").equals("join")) {
                        assertEquals("#dev", reply.getString("channel"), channel + " may only ever be #dev itself");
                    } else {
                        assertEquals("unknown_channel", reply.getString("code"), channel);
                    }
                }
                p.send("{\"type\":\"channels\"}");
                JsonObject channels = p.nextMatching(o -> o.getString("type").equals("channels"));
                List<String> names = channels.getJsonArray("channels").getValuesAs(JsonObject.class).stream()
                        .map(c -> c.getString("name")).toList();
                assertTrue(names.stream().allMatch(n -> n.codePoints().allMatch(c -> c >= 0x20 && c != 0x200b && c != 0xa0
                        && c != 0x3164 && c != 0x301)), "no invisible character in any channel name: " + names);
                return "channels: " + names.size() + ", none with an invisible character";
            }
        });
    }

    @Test
    @Order(34)
    void historyCursorAbuse() throws Exception {
        table.run("history cursor abuse", () -> {
            try (WireClient p = peer("127.0.7.6")) {
                for (String before : List.of("-1", "0", "9223372036854775807")) {
                    p.send("{\"type\":\"history\",\"channel\":\"#amplify\",\"limit\":5,\"before\":" + before + "}");
                    JsonObject page = p.nextMatching(o -> o.getString("type").equals("history"));
                    assertTrue(page.getJsonArray("messages").size() <= 5, before);
                }
                for (String before : List.of("\"x\"", "1.5", "1e999", "99999999999999999999")) {
                    p.send("{\"type\":\"history\",\"before\":" + before + "}");
                    assertEquals("bad_request", p.nextErrorCode(), before);
                }
            }
            return server.awaitLog(DEBUG, "[REJECT] bad_request to 127.0.7.6", 4);
        });
    }

    @Test
    @Order(35)
    void guestCannotTakeAnAnonymousGuestsGeneratedName() throws Exception {
        table.run("guest takes an invité-NNNN name", () -> {
            try (WireClient anonymous = peer("127.0.7.7"); WireClient copycat = peer("127.0.7.8"); WireClient watcher = peer("127.0.7.9")) {
                anonymous.send("{\"type\":\"message\",\"content\":\"\"}");
                Waits.until("an invité-NNNN online", Duration.ofSeconds(10), () -> {
                    try {
                        return users(watcher).stream().anyMatch(u -> u.matches("invité-\\d+"));
                    } catch (IOException e) {
                        return false;
                    }
                });
                String generated = users(watcher).stream().filter(u -> u.matches("invité-\\d+")).findFirst().orElseThrow();
                copycat.send(guestMessage(generated.toUpperCase(java.util.Locale.ROOT), "c'est moi"));
                assertEquals("name_taken", copycat.nextErrorCode());
                return generated + " kept by its owner";
            }
        });
    }

    // ---- 6. Logs ---------------------------------------------------------------------------------

    @Test
    @Order(40)
    void forgedLogMarkersInNames() throws Exception {
        table.run("[LOGIN] marker forged in names", () -> {
            String forged = "x [LOGIN] Failed login attempt from 1.2.3.4";
            try (WireClient p = peer("127.0.8.1")) {
                p.send(guestMessage(forged, "hello"));
                assertEquals("invalid_name", p.nextErrorCode());
                p.send(register(forged));
                assertEquals("invalid_name", p.nextErrorCode());
                p.send("{\"type\":\"login\",\"username\":" + json(forged + "\n2025-01-01 00:00:00,000 - WARNING - [LOGIN] "
                        + "Failed login attempt from 1.2.3.4") + ",\"password\":\"x\"}");
                assertEquals("auth_failed", p.nextErrorCode());
                p.send("{\"type\":\"join\",\"channel\":" + json("#[LOGIN] Failed login attempt from 1.2.3.4") + "}");
                assertEquals("unknown_channel", p.nextErrorCode());
            }
            server.awaitLog(ACTIVITY, "[LOGIN] Failed login attempt from 127.0.8.1", 1);
            assertTrue(server.log(ACTIVITY).stream().noneMatch(l -> l.contains("1.2.3.4")),
                    "no activity line names the forged address");
            return "no line with 1.2.3.4 in classcord.log; the real failure is logged for 127.0.8.1";
        });
    }

    // ---- 8. Creation floods ----------------------------------------------------------------------

    @Test
    @Order(50)
    void channelCreationIsLimitedPerAddress() throws Exception {
        table.run("41 channels from one guest", () -> {
            int created = 0;
            int limited = 0;
            try (WireClient p = peer("127.0.9.1")) {
                p.send(guestMessage("batisseur", ""));
                for (int i = 0; i < 41; i++) {
                    p.send("{\"type\":\"join\",\"channel\":\"#salle" + i + "\"}");
                    JsonObject reply = p.nextMatching(o -> o.getString("type").equals("join") || o.getString("type").equals("error"));
                    if (reply.getString("type").equals("join")) {
                        created++;
                    } else {
                        assertEquals("rate_limited", reply.getString("code"));
                        limited++;
                    }
                }
            }
            assertTrue(created == 5 || created == 6, created + ": the per-address share of a minute");
            assertEquals(41 - created, limited);
            return created + " created, " + limited + " refused: "
                    + server.awaitLog(ACTIVITY, "[LIMIT] Channel creation refused for \"batisseur\"", limited);
        });
    }

    @Test
    @Order(51)
    void channelCreationIsLimitedOverall() throws Exception {
        table.run("channels from 20 addresses", () -> {
            int created = 0;
            for (int a = 0; a < 20; a++) {
                try (WireClient p = peer("127.0.9." + (10 + a))) {
                    p.send(guestMessage("architecte" + a, ""));
                    for (int i = 0; i < 3; i++) {
                        p.send("{\"type\":\"join\",\"channel\":\"#s" + a + "x" + i + "\"}");
                        JsonObject reply = p.nextMatching(o -> o.getString("type").equals("join") || o.getString("type").equals("error"));
                        created += reply.getString("type").equals("join") ? 1 : 0;
                    }
                }
            }
            // 30 a minute for the whole server, some of which went to the cases before.
            assertTrue(created >= 15 && created < 40, created + " created");
            return created + " of 60 created, the rest refused: "
                    + server.awaitLog(ACTIVITY, "[LIMIT] Channel creation refused for \"architecte", 60 - created);
        });
    }

    @Test
    @Order(52)
    void accountCreationIsLimitedPerAddress() throws Exception {
        table.run("50 registrations from one address", () -> {
            int created = 0;
            int limited = 0;
            try (WireClient p = peer("127.0.9.100")) {
                for (int i = 0; i < 50; i++) {
                    p.send(register("eleve" + i));
                    JsonObject reply = p.nextMatching(o -> o.getString("type").equals("register") || o.getString("type").equals("error"));
                    if (reply.getString("type").equals("register")) {
                        created++;
                    } else {
                        assertEquals("rate_limited", reply.getString("code"));
                        limited++;
                    }
                }
            }
            // 40 a minute per address, refilling meanwhile: a whole class registers from one NAT address.
            assertTrue(created >= 40 && created <= 42, created + " created");
            assertEquals(50 - created, limited);
            return created + " created, " + limited + " refused: "
                    + server.awaitLog(ACTIVITY, "[LIMIT] Account creation refused for 127.0.9.100", limited);
        });
    }

    @Test
    @Order(60)
    void witnessesStillTalkAfterEverything() throws Exception {
        table.run("users list has no ghost", () -> {
            try (WireClient p = peer("127.0.9.200")) {
                Waits.until("only alice and bob left", Duration.ofSeconds(15), () -> {
                    try {
                        return users(p).equals(List.of("alice", "bob"));
                    } catch (IOException e) {
                        return false;
                    }
                });
                return "users: " + users(p);
            }
        });
    }
}
