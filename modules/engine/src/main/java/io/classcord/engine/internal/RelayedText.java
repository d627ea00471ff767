package io.classcord.engine.internal;

/**
 * Free text relayed to other clients (messages, states), cleaned of what could act on their
 * terminal or their reading.
 */
final class RelayedText {

    /** Longest status state relayed, in code points: a state is a word or two, not a message. */
    static final int MAX_STATE_LENGTH = 32;

    private RelayedText() {
    }

    /**
     * Free text relayed to other clients, without what could act on their terminal or their reading:
     * C0 controls other than tab and line feed, DEL, C1 controls (ANSI and OSC sequences), bidirectional
     * overrides and isolates (text that reads backwards), and lone surrogates (stored as {@code ?}),
     * which become U+FFFD.
     */
    static String clean(String content) {
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (isStripped(c) || Character.isSurrogate(c)) {
                return stripped(content);
            }
        }
        return content;
    }

    /**
     * A status state as relayed: cleaned like message text, on one line, and short; null when nothing
     * is left or it is too long, which the caller refuses.
     */
    static String state(String state) {
        String clean = clean(state).replace('\t', ' ').replace('\n', ' ').strip();
        if (clean.isEmpty() || clean.codePointCount(0, clean.length()) > MAX_STATE_LENGTH) {
            return null;
        }
        return clean;
    }

    private static String stripped(String content) {
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
