package io.classcord.storage;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import io.classcord.settings.InvalidSetting;
import io.classcord.settings.SettingsNode;

/**
 * How to open the store: the {@code classcord.storage} keys of {@code application.yaml}, whose defaults
 * and checks are stated here only.
 *
 * @param file            the SQLite database file; created (mode 600, parent directories too) if missing
 * @param synchronous     SQLite {@code PRAGMA synchronous} in WAL mode, in upper case: {@code FULL} (survives
 *                        power loss) or {@code NORMAL} (survives a process crash)
 * @param maxBatch        most messages committed in one transaction by the writer
 * @param argon2MemoryKiB Argon2id memory cost in KiB (OWASP: 19456)
 * @param argon2Iterations Argon2id time cost (OWASP: 2)
 * @param argon2Parallelism Argon2id lanes (OWASP: 1)
 */
public record StoreSettings(Path file, String synchronous, int maxBatch, int argon2MemoryKiB, int argon2Iterations,
                            int argon2Parallelism) {

    /*
     * SQLite also knows OFF and EXTRA. In WAL mode EXTRA adds nothing to FULL (it syncs the directory of a
     * rollback journal, which WAL has not), and OFF can lose committed messages, or corrupt the file, on a
     * power cut: neither is offered.
     */
    private static final Set<String> SYNCHRONOUS_MODES = Set.of("FULL", "NORMAL");

    private static final Path DEFAULT_FILE = Path.of("data/classcord.db");
    private static final String DEFAULT_SYNCHRONOUS = "FULL";
    private static final int DEFAULT_MAX_BATCH = 512;
    // OWASP's recommendation for Argon2id: 19 MiB, 2 iterations, 1 lane.
    private static final int DEFAULT_ARGON2_MEMORY_KIB = 19456;
    private static final int DEFAULT_ARGON2_ITERATIONS = 2;
    private static final int DEFAULT_ARGON2_PARALLELISM = 1;

    /** @throws InvalidSetting naming the key of the field ({@code synchronous}, {@code max-batch}) and its value */
    public StoreSettings {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(synchronous, "synchronous");
        String mode = synchronous.strip().toUpperCase(Locale.ROOT);
        if (!SYNCHRONOUS_MODES.contains(mode)) {
            throw new InvalidSetting("synchronous", synchronous, "expected.synchronous");
        }
        synchronous = mode;
        if (maxBatch < 1) {
            throw new InvalidSetting("max-batch", maxBatch, "expected.at.least", 1);
        }
    }

    /** The defaults, with the database in {@code file}. */
    public static StoreSettings defaults(Path file) {
        return new StoreSettings(file, DEFAULT_SYNCHRONOUS, DEFAULT_MAX_BATCH, DEFAULT_ARGON2_MEMORY_KIB,
                DEFAULT_ARGON2_ITERATIONS, DEFAULT_ARGON2_PARALLELISM);
    }

    /** Reads the {@code classcord.storage} section; a missing key keeps its default. */
    public static StoreSettings create(SettingsNode storage) {
        SettingsNode argon2 = storage.section("argon2");
        Path file = Path.of(storage.text("path").orElse(DEFAULT_FILE.toString()));
        String synchronous = storage.text("synchronous").orElse(DEFAULT_SYNCHRONOUS);
        int maxBatch = storage.integer("max-batch").orElse(DEFAULT_MAX_BATCH);
        int memoryKiB = argon2.integer("memory-kib").orElse(DEFAULT_ARGON2_MEMORY_KIB);
        int iterations = argon2.integer("iterations").orElse(DEFAULT_ARGON2_ITERATIONS);
        int parallelism = argon2.integer("parallelism").orElse(DEFAULT_ARGON2_PARALLELISM);
        return storage.validated(() -> new StoreSettings(file, synchronous, maxBatch, memoryKiB, iterations, parallelism));
    }
}
