package io.classcord.engine.internal;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.classcord.identity.Identity;
import io.classcord.identity.NameProblem;

/**
 * What the engine accepts as a name and as relayed text. Which names are the same one is
 * {@link Identity#key}'s decision, shared with the storage; this class only words the refusals and
 * cleans the free text (messages, states) that is relayed to other clients.
 */
final class Names {

    /** Longest status state relayed, in code points: a state is a word or two, not a message. */
    static final int MAX_STATE_LENGTH = 32;

    private final Set<String> reservedKeys;

    Names(Set<String> reservedNames) {
        this.reservedKeys = reservedNames.stream().map(Identity::key).collect(Collectors.toUnmodifiableSet());
    }

    boolean isReserved(String name) {
        return reservedKeys.contains(Identity.key(name));
    }

    /** Why {@code name} (canonical form) cannot be a user name, worded for the client, or empty when it can. */
    static Optional<String> problem(String name, Texts texts) {
        return Identity.userNameProblem(name).map(problem -> userText(problem, texts));
    }

    private static String userText(NameProblem problem, Texts texts) {
        return switch (problem) {
            case EMPTY -> texts.get("name.empty");
            case TOO_LONG -> texts.get("name.too_long", Identity.MAX_LENGTH);
            case SPACING -> texts.get("name.spacing");
            case FORBIDDEN_CHARACTER -> texts.get("name.forbidden_character");
            case MIXED_SCRIPTS -> texts.get("name.mixed_scripts");
        };
    }

    /** Why {@code name} (canonical, with its {@code #}) cannot be a channel name, or empty when it can. */
    static Optional<String> channelProblem(String name, Texts texts) {
        return Identity.channelNameProblem(name.substring(1)).map(problem -> switch (problem) {
            case MIXED_SCRIPTS -> texts.get("channel.invalid_scripts", name);
            default -> texts.get("channel.invalid", name);
        });
    }

    /**
     * Free text relayed to other clients, without what could act on their terminal or their reading:
     * C0 controls other than tab and line feed, DEL, C1 controls (ANSI and OSC sequences), bidirectional
     * overrides and isolates (text that reads backwards), and lone surrogates (stored as {@code ?}),
     * which become U+FFFD.
     */
    static String cleanContent(String content) {
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (isStripped(c) || Character.isSurrogate(c)) {
                return clean(content);
            }
        }
        return content;
    }

    /**
     * A status state as relayed: cleaned like message text, on one line, and short; null when nothing
     * is left or it is too long, which the caller refuses.
     */
    static String cleanState(String state) {
        String clean = cleanContent(state).replace('\t', ' ').replace('\n', ' ').strip();
        if (clean.isEmpty() || clean.codePointCount(0, clean.length()) > MAX_STATE_LENGTH) {
            return null;
        }
        return clean;
    }

    private static String clean(String content) {
        StringBuilder clean = new StringBuilder(content.length());
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < content.length() && Character.isLowSurrogate(content.charAt(i + 1))) {
                clean.append(c).append(content.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                clean.append('\uFFFD');
            } else if (!isStripped(c)) {
                clean.append(c);
            }
        }
        return clean.toString();
    }

    private static boolean isStripped(char c) {
        return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x061c;
    }
}
