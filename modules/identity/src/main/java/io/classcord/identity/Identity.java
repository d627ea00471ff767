package io.classcord.identity;

import java.util.Optional;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.text.SpoofChecker.RestrictionLevel;
import com.ibm.icu.text.UnicodeSet;

/**
 * The rules every user and channel name follows, in one place: when two names are the same one
 * ({@link #key}), and which names are acceptable at all ({@link #userNameProblem},
 * {@link #channelNameProblem}).
 *
 * <p>Students in a security course try look-alike names ({@code vіctim} with a Cyrillic {@code і},
 * a trailing no-break space, a Hangul filler) to impersonate each other or the server. Two defences,
 * both from Unicode's security mechanisms (UTS #39) through ICU4J: names are limited to the
 * identifier characters Unicode recommends (no invisible, default-ignorable or unassigned character,
 * no mixing of Latin with Cyrillic or Greek), and names are compared by their confusable skeleton, so
 * the look-alikes that remain inside one script still collide with the name they imitate.
 */
public final class Identity {

    /** Longest name, in code points. */
    public static final int MAX_LENGTH = 64;

    private static final Normalizer2 CASE_FOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final Normalizer2 NFC = Normalizer2.getNFCInstance();
    private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();
    private static final SpoofChecker USER_NAMES = checker(true);
    private static final SpoofChecker CHANNEL_NAMES = checker(false);

    private Identity() {
    }

    /**
     * The key two names are compared by: equal keys are the same user (or channel). As UTS #39 puts it,
     * the confusable skeleton after case and compatibility folding (NFKC_Casefold), then folded once
     * more because a skeleton may use capitals: that of {@code b0b} is {@code bOb}. So {@code MAß},
     * {@code mass} and {@code rnass} share a key, as do {@code victim} and {@code vіctim}.
     */
    public static String key(String name) {
        return CASE_FOLD.normalize(SKELETONS.getSkeleton(CASE_FOLD.normalize(name)));
    }

    /** The form a name is shown and stored in: composed (NFC), so {@code é} is one character. */
    public static String canonical(String name) {
        return NFC.normalize(name);
    }

    /** Why {@code name} (in its {@link #canonical} form) cannot be a user name, or empty when it can. */
    public static Optional<NameProblem> userNameProblem(String name) {
        return problem(name, USER_NAMES);
    }

    /** Why {@code name} (without its {@code #}) cannot be a channel name, or empty when it can. */
    public static Optional<NameProblem> channelNameProblem(String name) {
        return problem(name, CHANNEL_NAMES);
    }

    private static Optional<NameProblem> problem(String name, SpoofChecker checker) {
        if (name.isEmpty() || name.isBlank()) {
            return Optional.of(NameProblem.EMPTY);
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return Optional.of(NameProblem.TOO_LONG);
        }
        if (!name.equals(name.strip()) || name.contains("  ")) {
            return Optional.of(NameProblem.SPACING);
        }
        // ICU reads a lone surrogate as the code point itself; refuse it before anything is stored as '?'.
        if (name.codePoints().anyMatch(c -> c >= 0xD800 && c <= 0xDFFF)) {
            return Optional.of(NameProblem.FORBIDDEN_CHARACTER);
        }
        if (!NFC.isNormalized(name) || hasStackedMark(name)) {
            return Optional.of(NameProblem.FORBIDDEN_CHARACTER);
        }
        SpoofChecker.CheckResult result = new SpoofChecker.CheckResult();
        if (!checker.failsChecks(name, result)) {
            return Optional.empty();
        }
        if ((result.checks & (SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS)) != 0
                && (result.checks & (SpoofChecker.CHAR_LIMIT | SpoofChecker.INVISIBLE)) == 0) {
            return Optional.of(NameProblem.MIXED_SCRIPTS);
        }
        return Optional.of(NameProblem.FORBIDDEN_CHARACTER);
    }

    /**
     * A combining mark left after composition on a Latin, Greek or Cyrillic letter ({@code i} + U+0307)
     * draws a letter that has a precomposed form or none at all: only a look-alike needs it.
     */
    private static boolean hasStackedMark(String name) {
        int previous = -1;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK && previous >= 0) {
                Character.UnicodeScript script = Character.UnicodeScript.of(previous);
                if (script == Character.UnicodeScript.LATIN || script == Character.UnicodeScript.GREEK
                        || script == Character.UnicodeScript.CYRILLIC || script == Character.UnicodeScript.COMMON) {
                    return true;
                }
            }
            previous = c;
            i += Character.charCount(c);
        }
        return false;
    }

    private static SpoofChecker checker(boolean spacesAllowed) {
        UnicodeSet allowed = new UnicodeSet(SpoofChecker.RECOMMENDED).addAll(SpoofChecker.INCLUSION);
        if (spacesAllowed) {
            allowed.add(' ');
        }
        // Joiners are in the inclusion set for a few scripts, but they are invisible: no name needs one here.
        allowed.removeAll(new UnicodeSet("[:Default_Ignorable_Code_Point:]"));
        allowed.freeze();
        return new SpoofChecker.Builder()
                .setAllowedChars(allowed)
                .setRestrictionLevel(RestrictionLevel.MODERATELY_RESTRICTIVE)
                .setChecks(SpoofChecker.CHAR_LIMIT | SpoofChecker.INVISIBLE | SpoofChecker.RESTRICTION_LEVEL
                        | SpoofChecker.MIXED_NUMBERS)
                .build();
    }
}
