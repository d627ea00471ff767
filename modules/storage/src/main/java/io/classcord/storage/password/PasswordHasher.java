package io.classcord.storage.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.classcord.storage.BusyException;
import io.classcord.storage.StorageException;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes and verifies passwords: Argon2id for everything we write, plus the course's unsalted
 * SHA-256 hex digests, which are accepted only so that imported accounts can log in once and be
 * upgraded.
 *
 * <p>Each Argon2id computation allocates {@code memoryKiB} of RAM and burns a core for tens of
 * milliseconds, so the number running at once is capped, by memory and by processors (see
 * {@link #sizedFor}): a burst of registrations queues here instead of multiplying the heap by the
 * number of clients or taking every core from the chat. A request that waits longer than its deadline
 * gives up with a {@link BusyException}.
 *
 * <p>Passwords are never logged, and never part of an exception message.
 */
public final class PasswordHasher {

    /** How a password compared with a stored value. */
    public enum Verification {
        MISMATCH,
        MATCH,
        /** Correct, but the stored value is legacy or uses other parameters: store a fresh {@link #hash}. */
        MATCH_NEEDS_REHASH;

        public boolean matches() {
            return this != MISMATCH;
        }
    }

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int SHA256_HEX_CHARS = 64;

    /** Share of the heap that password hashing may hold at once. */
    static final int HEAP_SHARE_DIVISOR = 8;

    private final Argon2Params params;
    private final Semaphore permits;
    private final int maxConcurrent;
    private final Duration queueDeadline;
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peakRunning = new AtomicInteger();

    /**
     * @param params        cost of new hashes
     * @param maxConcurrent how many Argon2id computations may run at once
     * @param queueDeadline longest wait for a turn before {@link BusyException}
     */
    public PasswordHasher(Argon2Params params, int maxConcurrent, Duration queueDeadline) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be >= 1, was " + maxConcurrent);
        }
        this.params = params;
        this.maxConcurrent = maxConcurrent;
        this.queueDeadline = queueDeadline;
        this.permits = new Semaphore(maxConcurrent, true);
    }

    public PasswordHasher(Argon2Params params, int maxConcurrent) {
        this(params, maxConcurrent, Duration.ofSeconds(10));
    }

    /**
     * As many hashes at once as both limits allow: one processor fewer than the machine has (at least
     * one), so the chat always keeps a core; and no more than an eighth of the maximum heap in hash
     * memory, whatever the processor count claims ({@code -XX:ActiveProcessorCount=64} on a 384 MB heap
     * would otherwise allow 64 x 19 MiB).
     */
    public static PasswordHasher sizedFor(Argon2Params params, int processors, long maxHeapBytes) {
        long perHash = params.memoryKiB() * 1024L;
        long byMemory = Math.max(1, maxHeapBytes / HEAP_SHARE_DIVISOR / perHash);
        int byProcessors = Math.max(1, processors - 1);
        return new PasswordHasher(params, (int) Math.min(byProcessors, byMemory));
    }

    /** {@link #sizedFor} this JVM's processors and maximum heap. */
    public static PasswordHasher forThisMachine(Argon2Params params) {
        return sizedFor(params, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory());
    }

    /** How many hashes may run at once. */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    /** A new Argon2id PHC string for {@code password}, with a fresh random salt. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PhcHash(params, salt, argon2id(password, params, salt, HASH_BYTES)).format();
    }

    /**
     * Compares {@code password} with a stored Argon2id PHC string or legacy SHA-256 hex digest.
     * Unknown formats never match.
     */
    public Verification verify(String password, String stored) {
        if (PhcHash.looksLikeArgon2id(stored)) {
            Optional<PhcHash> phc = PhcHash.parse(stored);
            if (phc.isEmpty()) {
                burnEquivalentWork(password);
                return Verification.MISMATCH;
            }
            PhcHash expected = phc.get();
            byte[] actual = argon2id(password, expected.params(), expected.salt(), expected.hash().length);
            if (!MessageDigest.isEqual(actual, expected.hash())) {
                return Verification.MISMATCH;
            }
            boolean current = expected.params().equals(params) && expected.hash().length == HASH_BYTES
                    && expected.salt().length >= SALT_BYTES;
            return current ? Verification.MATCH : Verification.MATCH_NEEDS_REHASH;
        }
        if (isLegacySha256(stored)) {
            if (MessageDigest.isEqual(sha256(password), HexFormat.of().parseHex(stored))) {
                return Verification.MATCH_NEEDS_REHASH;
            }
            // A failed legacy check would otherwise answer in microseconds and tell an attacker
            // which accounts still carry the weak course hash.
            burnEquivalentWork(password);
            return Verification.MISMATCH;
        }
        burnEquivalentWork(password);
        return Verification.MISMATCH;
    }

    /**
     * Spends what a real verification would, for a login whose user does not exist: the answer then
     * takes as long as a wrong password, so response times do not reveal which names are registered.
     */
    public void burnEquivalentWork(String password) {
        hash(password);
    }

    /** Whether {@code stored} is the course's unsalted SHA-256 hex digest format. */
    public static boolean isLegacySha256(String stored) {
        if (stored.length() != SHA256_HEX_CHARS) {
            return false;
        }
        for (int i = 0; i < stored.length(); i++) {
            if (Character.digit(stored.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The course's password format: lowercase hex SHA-256 of the UTF-8 password, no salt. */
    public static String legacySha256Hex(String password) {
        return HexFormat.of().formatHex(sha256(password));
    }

    /** Most Argon2id computations seen running at the same time since creation. */
    public int peakConcurrentHashes() {
        return peakRunning.get();
    }

    private byte[] argon2id(String password, Argon2Params cost, byte[] salt, int length) {
        acquirePermit();
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        try {
            peakRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(cost.memoryKiB())
                    .withIterations(cost.iterations())
                    .withParallelism(cost.parallelism())
                    .withSalt(salt)
                    .build());
            byte[] out = new byte[length];
            generator.generateBytes(secret, out);
            return out;
        } finally {
            Arrays.fill(secret, (byte) 0);
            running.decrementAndGet();
            permits.release();
        }
    }

    private void acquirePermit() {
        try {
            if (!permits.tryAcquire(queueDeadline.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new BusyException("No password hashing slot within " + queueDeadline.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while waiting to hash a password", e);
        }
    }

    private static byte[] sha256(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
    }
}
