package io.classcord.storage.password;

import static io.classcord.storage.password.PasswordHasher.Verification.MATCH;
import static io.classcord.storage.password.PasswordHasher.Verification.MATCH_NEEDS_REHASH;
import static io.classcord.storage.password.PasswordHasher.Verification.MISMATCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private static final Argon2Params CHEAP = new Argon2Params(1024, 1, 1);

    private final PasswordHasher hasher = new PasswordHasher(CHEAP, 2);

    @Test
    void hashesVerifyAndAreSalted() {
        String first = hasher.hash("pässwörd");
        String second = hasher.hash("pässwörd");
        assertNotEquals(first, second);
        assertTrue(first.startsWith("$argon2id$v=19$m=1024,t=1,p=1$"), first);
        assertEquals(MATCH, hasher.verify("pässwörd", first));
        assertEquals(MATCH, hasher.verify("pässwörd", second));
        assertEquals(MISMATCH, hasher.verify("passwörd", first));
        assertEquals(MISMATCH, hasher.verify("", first));
    }

    @Test
    void verifiesHashesFromTheReferenceImplementation() {
        // phc-winner-argon2 src/test.c: argon2id, "password", salt "somesalt". Other parameters than
        // ours, so a correct password asks for a rehash.
        String reference = "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
        assertEquals(MATCH_NEEDS_REHASH, hasher.verify("password", reference));
        assertEquals(MISMATCH, hasher.verify("passwore", reference));

        String owaspLike = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertTrue(hasher.verify("password", owaspLike).matches());
    }

    @Test
    void otherParametersAskForARehash() {
        String old = new PasswordHasher(new Argon2Params(512, 1, 1), 1).hash("pw");
        assertEquals(MATCH_NEEDS_REHASH, hasher.verify("pw", old));
        assertEquals(MISMATCH, hasher.verify("px", old));
    }

    @Test
    void legacySha256HexMatchesButAsksForARehash() {
        // sha256("password"), as the course's Python server stored it.
        String legacy = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";
        assertEquals(legacy, PasswordHasher.legacySha256Hex("password"));
        assertTrue(PasswordHasher.isLegacySha256(legacy));
        assertEquals(MATCH_NEEDS_REHASH, hasher.verify("password", legacy));
        assertEquals(MATCH_NEEDS_REHASH, hasher.verify("password", legacy.toUpperCase()));
        assertEquals(MISMATCH, hasher.verify("Password", legacy));
    }

    @Test
    void unknownOrDamagedFormatsNeverMatch() {
        for (String stored : List.of("", "password", "$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR",
                "$argon2id$v=16$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
                "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$", "$argon2id$v=19$m=99999999999,t=2,p=1$c29tZXNhbHQ$nf65",
                "$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
                "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542dZ")) {
            assertEquals(MISMATCH, hasher.verify("password", stored), stored);
        }
        assertFalse(PasswordHasher.isLegacySha256("5e88"));
    }

    @Test
    void concurrentHashesAreBounded() throws Exception {
        PasswordHasher bounded = new PasswordHasher(CHEAP, 2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> hashes = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 32; i++) {
                hashes.add(pool.submit(() -> {
                    start.await();
                    return bounded.hash("pw");
                }));
            }
            start.countDown();
            for (Future<String> hash : hashes) {
                assertEquals(PasswordHasher.Verification.MATCH, bounded.verify("pw", hash.get(1, TimeUnit.MINUTES)));
            }
        }
        assertTrue(bounded.peakConcurrentHashes() <= 2, "peak " + bounded.peakConcurrentHashes());
        assertTrue(bounded.peakConcurrentHashes() >= 1);
    }

    @Test
    void rejectsImpossibleParameters() {
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params(1024, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params(1024, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params(15, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(CHEAP, 0));
    }

    @Test
    void concurrencyIsBoundedByMemoryWhateverTheProcessorCount() {
        Argon2Params production = new Argon2Params(19456, 2, 1);
        // -XX:ActiveProcessorCount=64 in a 384 MB heap: an eighth of the heap holds two 19 MiB hashes.
        assertEquals(2, PasswordHasher.sizedFor(production, 64, 384L << 20).maxConcurrent());
        // Two cores: one hash at a time, the other core is the chat's.
        assertEquals(1, PasswordHasher.sizedFor(production, 2, 4L << 30).maxConcurrent());
        assertEquals(7, PasswordHasher.sizedFor(production, 8, 4L << 30).maxConcurrent());
        assertEquals(1, PasswordHasher.sizedFor(production, 1, 64L << 20).maxConcurrent(), "never zero");
    }

    @Test
    void aHashThatWaitsPastItsDeadlineIsRefusedAsBusy() throws Exception {
        PasswordHasher hasher = new PasswordHasher(new Argon2Params(8192, 3, 1), 1, java.time.Duration.ofMillis(1));
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<String>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                all.add(pool.submit(() -> hasher.hash("pw")));
            }
            int busy = 0;
            for (Future<String> f : all) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof io.classcord.storage.BusyException, String.valueOf(e.getCause()));
                    busy++;
                }
            }
            assertTrue(busy > 0, "with one slot and a 1 ms deadline, some of 8 simultaneous hashes are refused");
            assertTrue(busy < 8, "the first one always runs");
        } finally {
            pool.shutdown();
        }
    }
}
