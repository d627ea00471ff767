package io.classcord.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.classcord.testsupport.Waits;
import io.classcord.testsupport.WireClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Password hashing under attack, with the production Argon2id cost (19 MiB, 2 iterations) and a JVM
 * told it has 64 processors: hashes must be bounded by memory, not by what the processor count claims,
 * and a flood of registrations and logins must not freeze everyone else's chat.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PasswordFloodTest extends AttackSuite {

    /** Round trip of a chat message between two other clients during the flood, at p99 (issue target). */
    static final long P99_BOUND_MILLIS = 200;

    PasswordFloodTest() {
        // The image's own heap (no -Xmx here): the bound is the one operators get.
        super("classcord-hashing", dir -> HostileServer.startWithProductionHashing(dir, "-XX:ActiveProcessorCount=64"),
                "Password hashing under attack (production cost)", false);
    }

    @Test
    @Order(1)
    void hundredSimultaneousRegistrations() throws Exception {
        table.run("100 simultaneous registrations, 64 CPUs claimed", () -> {
            List<WireClient> peers = new ArrayList<>();
            AtomicInteger created = new AtomicInteger();
            AtomicInteger busy = new AtomicInteger();
            AtomicInteger peakRss = new AtomicInteger();
            try {
                // Ten addresses, ten each: within every per-address limit, so each one reaches the hasher.
                for (int i = 0; i < 100; i++) {
                    peers.add(WireClient.from("127.0.10." + (1 + i / 10), server.port()));
                }
                for (int i = 0; i < peers.size(); i++) {
                    peers.get(i).send("{\"type\":\"register\",\"username\":\"masse" + i + "\",\"password\":\"pw" + i + "\"}");
                }
                AtomicBoolean done = new AtomicBoolean();
                Thread sampler = Thread.ofVirtual().start(() -> {
                    while (!done.get()) {
                        try {
                            peakRss.accumulateAndGet((int) server.rssMiB(), Math::max);
                        } catch (IOException e) {
                            return;
                        }
                        Waits.pause();
                    }
                });
                for (WireClient p : peers) {
                    JsonObject reply = p.nextMatching(o -> o.getString("type").equals("register")
                            || o.getString("type").equals("error"));
                    if (reply.getString("type").equals("register")) {
                        created.incrementAndGet();
                    } else {
                        assertEquals("rate_limited", reply.getString("code"), reply.toString());
                        busy.incrementAndGet();
                    }
                }
                done.set(true);
                sampler.join(Duration.ofSeconds(5));
            } finally {
                for (WireClient p : peers) {
                    p.close();
                }
            }
            assertTrue(peakRss.get() < ClassroomAttackTest.RSS_BOUND_MIB, "peak RSS " + peakRss + " MiB");
            assertTrue(created.get() > 0, "some registrations went through");
            return created + " created, " + busy + " told to retry (busy), peak RSS " + peakRss + " MiB";
        });
    }

    @Test
    @Order(2)
    void chatStaysFastDuringALoginFlood() throws Exception {
        table.run("login flood x8, others' p99", () -> {
            // Eight connections of one address register once each, then log in again and again.
            List<Thread> flood = new ArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger logins = new AtomicInteger();
            for (int c = 0; c < 8; c++) {
                String name = "flood" + c;
                WireClient p = WireClient.from("127.0.11.1", server.port());
                flood.add(Thread.ofVirtual().start(() -> {
                    try (p) {
                        p.send("{\"type\":\"register\",\"username\":\"" + name + "\",\"password\":\"pw\"}");
                        for (int i = 0; i < 2000 && !stop.get(); i++) {
                            p.send(i % 2 == 0
                                    ? "{\"type\":\"login\",\"username\":\"" + name + "\",\"password\":\"pw\"}"
                                    : "{\"type\":\"register\",\"username\":\"" + name + "x" + i + "\",\"password\":\"pw\"}");
                            JsonObject reply = p.nextMatching(o -> List.of("login", "register", "error")
                                    .contains(o.getString("type")));
                            if (reply.getString("type").equals("login")) {
                                logins.incrementAndGet();
                            }
                        }
                    } catch (IOException e) {
                        // Closed when the case ends.
                    }
                }));
            }
            long[] rtt = new long[100];
            try (WireClient a = WireClient.from("127.0.11.2", server.port()); WireClient b = WireClient.from("127.0.11.3", server.port())) {
                a.send("{\"type\":\"message\",\"from\":\"mesureA\",\"content\":\"\"}");
                b.send("{\"type\":\"message\",\"from\":\"mesureB\",\"content\":\"\"}");
                a.send("{\"type\":\"users\"}");
                a.nextMatching(o -> o.getString("type").equals("users"));
                Waits.until("the flood is hashing", Duration.ofSeconds(30), () -> logins.get() >= 2);
                for (int i = 0; i < rtt.length; i++) {
                    String text = "rtt " + i;
                    long sent = System.nanoTime();
                    a.send("{\"type\":\"message\",\"from\":\"mesureA\",\"content\":\"" + text + "\"}");
                    b.nextMatching(o -> o.getString("type").equals("message") && text.equals(o.getString("content", "")));
                    rtt[i] = (System.nanoTime() - sent) / 1_000_000;
                    // Messages a few tens of milliseconds apart, as people type: the measure covers ~5 s of flood.
                    long next = sent + 50_000_000L;
                    while (System.nanoTime() < next) {
                        Waits.pause();
                    }
                }
            } finally {
                stop.set(true);
                for (Thread t : flood) {
                    t.join(Duration.ofSeconds(30));
                }
            }
            Arrays.sort(rtt);
            long p50 = rtt[49];
            long p99 = rtt[98];
            assertTrue(p99 < P99_BOUND_MILLIS, "p99 " + p99 + " ms (p50 " + p50 + " ms, max " + rtt[99] + " ms)");
            return "round trip p50 " + p50 + " ms, p99 " + p99 + " ms, max " + rtt[99] + " ms, during " + logins
                    + " production-cost logins";
        });
    }
}
