package io.classcord.storage;

import java.nio.file.Path;

/**
 * How to open the store.
 *
 * @param file            the SQLite database file; created (mode 600, parent directories too) if missing
 * @param synchronous     SQLite {@code PRAGMA synchronous} in WAL mode: {@code FULL} (survives power loss) or
 *                        {@code NORMAL} (survives a process crash)
 * @param maxBatch        most messages committed in one transaction by the writer
 * @param argon2MemoryKiB Argon2id memory cost in KiB (OWASP: 19456)
 * @param argon2Iterations Argon2id time cost (OWASP: 2)
 * @param argon2Parallelism Argon2id lanes (OWASP: 1)
 */
public record StoreSettings(Path file, String synchronous, int maxBatch, int argon2MemoryKiB, int argon2Iterations,
                            int argon2Parallelism) {

    public static StoreSettings defaults(Path file) {
        return new StoreSettings(file, "FULL", 512, 19456, 2, 1);
    }
}
