package io.classcord.engine.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the bytes and line feeds read from a client, for the administration's per-connection figures. */
final class CountingInputStream extends FilterInputStream {

    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong lines = new AtomicLong();

    CountingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            bytes.incrementAndGet();
            if (b == '\n') {
                lines.incrementAndGet();
            }
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            bytes.addAndGet(n);
            int feeds = 0;
            for (int i = offset; i < offset + n; i++) {
                if (buffer[i] == '\n') {
                    feeds++;
                }
            }
            if (feeds > 0) {
                lines.addAndGet(feeds);
            }
        }
        return n;
    }

    long bytes() {
        return bytes.get();
    }

    long lines() {
        return lines.get();
    }
}
