package io.classcord.engine.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded queue of lines waiting for one client, and the virtual thread that writes them.
 *
 * <p>Producers (any connection's reading thread) never block: when the queue is full the client is
 * too slow or dead, and {@code onOverflow} runs once. A few slots above the normal capacity are kept
 * for the lines that end a connection (a kick or shutdown notice), so they always fit.
 */
final class Outbox {

    private static final byte[] END = new byte[0];
    private static final int RESERVED_SLOTS = 64;

    // Linked, not an array: an array of capacity + reserve slots would be allocated up front for every
    // connection, idle ones included (10,000 connections x 1,088 slots is 44 MB of empty arrays).
    private final LinkedBlockingQueue<byte[]> queue;
    private final int capacity;
    private final OutputStream socket;
    private final Runnable onOverflow;
    private final Runnable onWriterExit;
    private final AtomicBoolean ending = new AtomicBoolean();
    private final AtomicLong linesSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final Thread writer;

    Outbox(int capacity, OutputStream out, String name, Runnable onOverflow, Runnable onWriterExit) {
        this.capacity = capacity;
        this.queue = new LinkedBlockingQueue<>(capacity + RESERVED_SLOTS);
        this.socket = out;
        this.onOverflow = onOverflow;
        this.onWriterExit = onWriterExit;
        this.writer = Thread.ofVirtual().name(name).unstarted(this::drain);
    }

    void start() {
        writer.start();
    }

    /** Queues a line; false when the connection is ending or the queue overflowed. */
    boolean offer(byte[] line) {
        if (ending.get()) {
            return false;
        }
        if (queue.size() >= capacity || !queue.offer(line)) {
            onOverflow.run();
            return false;
        }
        return true;
    }

    /**
     * Sends {@code lastLines} after what is already queued (or instead of it, when {@code dropPending})
     * and then closes. Only the first call has an effect.
     */
    boolean finish(List<byte[]> lastLines, boolean dropPending) {
        if (!ending.compareAndSet(false, true)) {
            return false;
        }
        if (dropPending) {
            queue.clear();
        }
        for (byte[] line : lastLines) {
            queue.offer(line);
        }
        if (!queue.offer(END)) {
            queue.clear();
            queue.offer(END);
        }
        return true;
    }

    /** Waits for the writer to finish its last lines; false if it is still blocked after {@code millis}. */
    boolean awaitWriter(long millis) throws InterruptedException {
        return writer.join(java.time.Duration.ofMillis(millis));
    }

    long linesSent() {
        return linesSent.get();
    }

    long bytesSent() {
        return bytesSent.get();
    }

    private void drain() {
        // Buffered here, on the writer's virtual thread: created there, a BufferedOutputStream starts at
        // 512 bytes and grows only for connections that receive bursts, where one made on the accepting
        // platform thread would hold 8 KB for every idle connection.
        OutputStream out = new BufferedOutputStream(socket);
        try {
            while (true) {
                byte[] line = queue.take();
                while (line != null) {
                    if (line == END) {
                        out.flush();
                        return;
                    }
                    out.write(line);
                    linesSent.incrementAndGet();
                    bytesSent.addAndGet(line.length);
                    line = queue.poll();
                }
                // Flush only when the queue is empty: a burst becomes a few large writes.
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // The socket closed under us or the connection is being torn down: nothing left to deliver.
        } finally {
            ending.set(true);
            queue.clear();
            onWriterExit.run();
        }
    }
}
