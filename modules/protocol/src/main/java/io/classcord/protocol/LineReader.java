package io.classcord.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a client's byte stream into lines of at most {@code maxLineBytes} bytes.
 *
 * <p>Accepts {@code \n} and {@code \r\n}. Decodes each whole line (never a partial read, which
 * split multi-byte characters in the original server) as UTF-8; a line that is not valid UTF-8 is
 * decoded as windows-1252, the charset of the Windows clients that send their platform encoding.
 * A longer line is reported once as {@link Line.TooLong} and its remaining bytes are skipped up to
 * the next line feed, so the connection stays usable and memory stays bounded.
 *
 * <p>Not thread-safe: one reader per connection, used by that connection's reading thread.
 */
public final class LineReader {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** One result of {@link #next()}. */
    public sealed interface Line {
        /** A complete line, without its ending. */
        record Text(String text) implements Line {
        }

        /** A line longer than the limit started; its bytes are being discarded. */
        record TooLong(int limit) implements Line {
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    // Small at first: every idle connection keeps one while it waits for its next line, and 10,000
    // connections must fit a small heap (at 2 KiB each they held 20 MiB). A read that fills it means
    // the client sends in bursts: it doubles then, up to MAX_BUFFER_BYTES, so bursts take few reads.
    private static final int FIRST_BUFFER_BYTES = 512;
    private static final int MAX_BUFFER_BYTES = 8192;
    private byte[] buffer = new byte[FIRST_BUFFER_BYTES];
    private int start;
    private int end;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean discarding;
    private long bytesRead;

    public LineReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes must be at least 16");
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at end of stream (a final line without line feed is returned first). */
    public Line next() throws IOException {
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    boolean wasDiscarding = discarding;
                    if (!wasDiscarding) {
                        append(start, i);
                    }
                    start = i + 1;
                    discarding = false;
                    if (wasDiscarding) {
                        i = start - 1;
                        continue;
                    }
                    return takeLine();
                }
            }
            if (!discarding) {
                append(start, end);
                if (lineLength > maxLineBytes) {
                    discarding = true;
                    lineLength = 0;
                    start = end;
                    return new Line.TooLong(maxLineBytes);
                }
            }
            if (end == buffer.length && buffer.length < MAX_BUFFER_BYTES) {
                // Everything in it has been consumed (copied into the line): no copy needed.
                buffer = new byte[buffer.length * 2];
            }
            start = end = 0;
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                if (!discarding && lineLength > 0) {
                    return takeLine();
                }
                return null;
            }
            bytesRead += n;
            start = 0;
            end = n;
        }
    }

    /** Bytes received so far, for traffic statistics. */
    public long bytesRead() {
        return bytesRead;
    }

    private void append(int from, int to) {
        int count = to - from;
        // Stop copying past the limit: the excess is discarded anyway.
        int room = maxLineBytes + 1 - lineLength;
        count = Math.min(count, Math.max(room, 0));
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + count));
        }
        System.arraycopy(buffer, from, line, lineLength, count);
        lineLength += count;
    }

    private Line takeLine() {
        int length = lineLength;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        lineLength = 0;
        if (length > maxLineBytes) {
            return new Line.TooLong(maxLineBytes);
        }
        return new Line.Text(decode(line, length));
    }

    static String decode(byte[] bytes, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, 0, length, WINDOWS_1252);
        }
    }
}
