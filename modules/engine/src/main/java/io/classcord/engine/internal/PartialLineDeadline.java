package io.classcord.engine.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Bounds how long a client may take to finish a line it has started (slowloris: a byte a second
 * keeps a connection and its buffer busy forever). Between complete lines there is no limit at all:
 * course clients sit on the login screen for minutes and never ping.
 *
 * <p>Used by the connection's reading thread only. The read timeout is the socket's own, so no
 * timer thread is involved.
 */
final class PartialLineDeadline extends FilterInputStream {

    /** The client left a line unfinished for longer than the limit. */
    static final class Expired extends IOException {
        Expired(String message) {
            super(message, null);
        }
    }

    private final Socket socket;
    private final long limitNanos;
    private long partialSince = -1;
    private int currentTimeoutMillis;

    PartialLineDeadline(InputStream in, Socket socket, Duration limit) {
        super(in);
        this.socket = socket;
        this.limitNanos = limit.toNanos();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (limitNanos <= 0) {
            return in.read(buffer, offset, length);
        }
        int timeout = 0;
        if (partialSince >= 0) {
            long left = partialSince + limitNanos - System.nanoTime();
            if (left <= 0) {
                throw expired();
            }
            timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
        }
        if (timeout != currentTimeoutMillis) {
            socket.setSoTimeout(timeout);
            currentTimeoutMillis = timeout;
        }
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (SocketTimeoutException e) {
            throw expired();
        }
        if (n > 0) {
            int lastLineFeed = -1;
            for (int i = offset + n - 1; i >= offset; i--) {
                if (buffer[i] == '\n') {
                    lastLineFeed = i;
                    break;
                }
            }
            if (lastLineFeed == offset + n - 1) {
                partialSince = -1;
            } else if (lastLineFeed >= 0 || partialSince < 0) {
                partialSince = System.nanoTime();
            }
        }
        return n;
    }

    private Expired expired() {
        return new Expired("line not finished within " + Duration.ofNanos(limitNanos).toSeconds() + " s");
    }
}
