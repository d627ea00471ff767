package io.classcord.engine.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** User names: the key they are compared by, and what makes one acceptable. */
final class Names {

    static final int MAX_LENGTH = 64;

    private final Set<String> reservedKeys;

    Names(Set<String> reservedNames) {
        this.reservedKeys = reservedNames.stream().map(Names::key).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * Two names are the same user when their keys are equal: compatibility-normalised and case-folded,
     * so {@code Alice}, {@code ALICE} and look-alike Unicode forms cannot be two people.
     */
    static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    boolean isReserved(String name) {
        return reservedKeys.contains(key(name));
    }

    /** Why {@code name} cannot be a user name, or empty when it can. */
    static Optional<String> problem(String name) {
        if (name.isBlank()) {
            return Optional.of("Le nom d'utilisateur est vide.");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return Optional.of("Le nom d'utilisateur dépasse " + MAX_LENGTH + " caractères.");
        }
        if (!name.equals(name.strip())) {
            return Optional.of("Le nom d'utilisateur commence ou finit par une espace.");
        }
        boolean printable = name.codePoints().allMatch(c -> !Character.isISOControl(c)
                && Character.getType(c) != Character.FORMAT && Character.getType(c) != Character.LINE_SEPARATOR
                && Character.getType(c) != Character.PARAGRAPH_SEPARATOR && c != 0xFFFD);
        if (!printable) {
            return Optional.of("Le nom d'utilisateur contient des caractères de contrôle.");
        }
        if (name.startsWith("#")) {
            return Optional.of("Le nom d'utilisateur ne peut pas commencer par #.");
        }
        return Optional.empty();
    }

    /**
     * Message text without terminal control sequences: C0 controls other than tab and line feed,
     * DEL and C1 controls are removed, so ANSI escapes reach no client terminal.
     */
    static String cleanContent(String content) {
        for (int i = 0; i < content.length(); i++) {
            if (isStripped(content.charAt(i))) {
                StringBuilder clean = new StringBuilder(content.length());
                content.chars().filter(c -> !isStripped((char) c)).forEach(c -> clean.append((char) c));
                return clean.toString();
            }
        }
        return content;
    }

    private static boolean isStripped(char c) {
        return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f);
    }
}
