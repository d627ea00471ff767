package io.classcord.protocol;

import java.io.Writer;
import java.util.Arrays;

/**
 * Collects the JSON a generator writes as the bytes of one line. Two course clients decode server
 * lines with their platform charset (windows-1252, or ASCII under an empty locale), so the server never
 * sends a byte above 0x7F: every non-ASCII UTF-16 unit becomes a backslash-u escape, which is valid
 * JSON because such characters can only occur inside strings.
 *
 * <p>Escaping as the characters arrive, straight into bytes, is what keeps encoding cheap: it runs for
 * every line the server sends, and the string copies it replaces were the largest cost of a delivery.
 */
final class AsciiJson extends Writer {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] bytes = new byte[256];
    private int length;

    @Override
    public void write(int c) {
        put((char) c);
    }

    @Override
    public void write(char[] chars, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            put(chars[i]);
        }
    }

    @Override
    public void write(String text, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            put(text.charAt(i));
        }
    }

    @Override
    public void flush() {
        // Nothing is held anywhere else.
    }

    @Override
    public void close() {
        // Nothing to release; the bytes stay readable.
    }

    /** What was written, followed by {@code \n}. */
    byte[] line() {
        byte[] line = Arrays.copyOf(bytes, length + 1);
        line[length] = '\n';
        return line;
    }

    private void put(char c) {
        if (length + 6 > bytes.length) {
            bytes = Arrays.copyOf(bytes, 2 * bytes.length);
        }
        if (c < 0x7f) {
            bytes[length++] = (byte) c;
            return;
        }
        bytes[length++] = '\\';
        bytes[length++] = 'u';
        bytes[length++] = HEX[(c >> 12) & 0xf];
        bytes[length++] = HEX[(c >> 8) & 0xf];
        bytes[length++] = HEX[(c >> 4) & 0xf];
        bytes[length++] = HEX[c & 0xf];
    }
}
