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
}
