package io.classcord.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static LineReader reader(byte[] bytes, int max) {
        return new LineReader(new ByteArrayInputStream(bytes), max);
    }

    @Test
    void splitsOnLfAndCrLfAndReturnsTheLastUnterminatedLine() throws IOException {
        LineReader reader = reader("a\r\nb\nc".getBytes(StandardCharsets.US_ASCII), 64);
        assertEquals(new LineReader.Line.Text("a"), reader.next());
        assertEquals(new LineReader.Line.Text("b"), reader.next());
        assertEquals(new LineReader.Line.Text("c"), reader.next());
        assertNull(reader.next());
    }

    @Test
    void decodesUtf8SplitAcrossReads() throws IOException {
        byte[] bytes = "é€\n".getBytes(StandardCharsets.UTF_8);
        // One byte per read, as a slow network delivers it.
        InputStream trickle = new InputStream() {
            int i;

            @Override
            public int read() {
                return i < bytes.length ? bytes[i++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int c = read();
                if (c < 0) {
                    return -1;
                }
                b[off] = (byte) c;
                return 1;
            }
        };
        assertEquals(new LineReader.Line.Text("é€"), new LineReader(trickle, 64).next());
    }

    @Test
    void invalidUtf8IsReadAsWindows1252() throws IOException {
        byte[] bytes = "café €\n".getBytes(Charset.forName("windows-1252"));
        assertEquals(new LineReader.Line.Text("café €"), reader(bytes, 64).next());
    }

    @Test
    void overlongLineIsReportedOnceAndSkipped() throws IOException {
        byte[] bytes = ("x".repeat(100_000) + "\nok\n").getBytes(StandardCharsets.US_ASCII);
        LineReader reader = reader(bytes, 1024);
        assertEquals(new LineReader.Line.TooLong(1024), reader.next());
        assertEquals(new LineReader.Line.Text("ok"), reader.next());
        assertNull(reader.next());
    }

    @Test
    void lineOfExactlyTheLimitIsAccepted() throws IOException {
        String line = "y".repeat(1024);
        assertEquals(new LineReader.Line.Text(line), reader((line + "\r\n").getBytes(StandardCharsets.US_ASCII), 1024).next());
    }

    @Test
    void aBurstOfLinesOfEverySizeSurvivesTheBufferGrowing() throws IOException {
        // The buffer starts small and doubles on full reads: lines cut at every boundary, over
        // several sizes of buffer, must come out whole and in order.
        StringBuilder stream = new StringBuilder();
        java.util.List<String> sent = new java.util.ArrayList<>();
        for (int length = 0; length < 3000; length += 37) {
            String line = "é".repeat(length % 7) + "x".repeat(length);
            sent.add(line);
            stream.append(line).append(length % 2 == 0 ? "\n" : "\r\n");
        }
        LineReader reader = reader(stream.toString().getBytes(StandardCharsets.UTF_8), 8192);
        for (String line : sent) {
            assertEquals(new LineReader.Line.Text(line), reader.next());
        }
        assertNull(reader.next());
    }
}
