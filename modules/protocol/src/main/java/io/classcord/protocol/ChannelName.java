package io.classcord.protocol;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * Canonical channel names: {@code #} followed by 1 to 32 letters, digits, {@code -}, {@code _} or
 * {@code .}, in Unicode NFC and lower case. Student servers sent names with and without {@code #}
 * ({@code "dev"}, {@code "#dev"}), so both are accepted.
 */
public final class ChannelName {

    public static final int MAX_LENGTH = 32;

    private ChannelName() {
    }

    /** The canonical form of {@code raw}, or empty when it is not a valid channel name. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String name = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        if (name.startsWith("#")) {
            name = name.substring(1);
        }
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return Optional.empty();
        }
        boolean valid = name.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.');
        return valid ? Optional.of("#" + name) : Optional.empty();
    }
}
