package io.classcord.storage.password;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Argon2id hash in PHC string format: {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>},
 * salt and hash in standard base64 without padding. This is the format libsodium, argon2-cffi and
 * the reference CLI write, so hashes stay portable should the server ever be rewritten.
 */
record PhcHash(Argon2Params params, byte[] salt, byte[] hash) {

    /** Argon2 version 1.3 (0x13); the only one we write or accept. */
    static final int VERSION = 19;

    private static final Pattern FORMAT = Pattern.compile(
            "\\$argon2id\\$v=(\\d+)\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private static final int MAX_MEMORY_KIB = 1 << 20; // 1 GiB
    private static final int MAX_ITERATIONS = 64;

    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    String format() {
        return "$argon2id$v=" + VERSION + "$m=" + params.memoryKiB() + ",t=" + params.iterations()
                + ",p=" + params.parallelism() + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    static boolean looksLikeArgon2id(String stored) {
        return stored.startsWith("$argon2id$");
    }

    /** Parses a stored value; empty if it is not a well-formed Argon2id v1.3 PHC string. */
    static Optional<PhcHash> parse(String stored) {
        Matcher m = FORMAT.matcher(stored);
        if (!m.matches() || Integer.parseInt(m.group(1)) != VERSION) {
            return Optional.empty();
        }
        try {
            Argon2Params params = new Argon2Params(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)));
            byte[] salt = DECODER.decode(m.group(5));
            byte[] hash = DECODER.decode(m.group(6));
            // RFC 9106 minimums; anything shorter was not written by us and is not worth trusting.
            // The cost caps stop a tampered row from making one login allocate gigabytes or spin for minutes.
            if (salt.length < 8 || hash.length < 4 || params.memoryKiB() > MAX_MEMORY_KIB
                    || params.iterations() > MAX_ITERATIONS) {
                return Optional.empty();
            }
            return Optional.of(new PhcHash(params, salt, hash));
        } catch (IllegalArgumentException malformed) { // bad base64, out-of-range numbers
            return Optional.empty();
        }
    }
}
