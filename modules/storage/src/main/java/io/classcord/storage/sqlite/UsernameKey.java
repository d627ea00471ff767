package io.classcord.storage.sqlite;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The identity of a username: two names with the same key are the same account.
 *
 * <p>Without it, {@code Alice} and {@code alice}, or {@code Zoé} typed with a precomposed {@code é}
 * and with {@code e} + combining accent, would be different accounts that look identical in every
 * client, which makes impersonation trivial.
 */
final class UsernameKey {

    private UsernameKey() {
    }

    /**
     * NFKC folds compatibility forms (full-width letters, ligatures, composed vs decomposed accents);
     * upper- then lower-casing with {@link Locale#ROOT} approximates Unicode case folding better than
     * lower-casing alone ({@code ß} and {@code SS}, final and medial sigma meet); the second NFKC pass
     * re-composes what case mapping may have decomposed. {@code Locale.ROOT} keeps the key independent
     * of the server's locale (a Turkish locale would otherwise map {@code I} to dotless {@code ı}).
     */
    static String of(String username) {
        String compatible = Normalizer.normalize(username, Normalizer.Form.NFKC);
        String folded = compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }
}
