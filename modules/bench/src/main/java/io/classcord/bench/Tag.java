package io.classcord.bench;

/**
 * What every benchmark message carries: {@code cc|sender|seq|channel|sendNanos}. Receivers are in the
 * same JVM as senders, so {@link System#nanoTime()} is one clock for both ends.
 */
record Tag(int sender, int seq, int channel, long sentNanos) {

    static final String PREFIX = "cc|";

    String text() {
        return PREFIX + sender + '|' + seq + '|' + channel + '|' + sentNanos;
    }

    /** The tag in {@code content}, or null when it carries none (another program's message). */
    static Tag parse(String content) {
        if (content == null || !content.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = content.split("\\|");
        if (parts.length != 5) {
            return null;
        }
        try {
            return new Tag(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3]),
                    Long.parseLong(parts[4]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
