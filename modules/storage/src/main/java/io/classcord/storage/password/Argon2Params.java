package io.classcord.storage.password;

/**
 * Argon2id cost parameters.
 *
 * @param memoryKiB  memory per hash in KiB (OWASP: 19456)
 * @param iterations passes over memory (OWASP: 2)
 * @param parallelism lanes (OWASP: 1)
 */
public record Argon2Params(int memoryKiB, int iterations, int parallelism) {

    /** The OWASP Password Storage Cheat Sheet's first Argon2id option. */
    public static final Argon2Params OWASP = new Argon2Params(19456, 2, 1);

    public Argon2Params {
        if (parallelism < 1 || parallelism > 255) {
            throw new IllegalArgumentException("Argon2 parallelism must be 1..255, was " + parallelism);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("Argon2 iterations must be >= 1, was " + iterations);
        }
        // Argon2 needs at least 8 KiB per lane; smaller values are silently raised by some
        // implementations, which would make the stored parameters lie about the real cost.
        if (memoryKiB < 8 * parallelism) {
            throw new IllegalArgumentException("Argon2 memory must be >= 8 KiB per lane, was " + memoryKiB);
        }
    }
}
