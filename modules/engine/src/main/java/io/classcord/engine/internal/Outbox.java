package io.classcord.engine.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lines waiting for one client, bounded in bytes, and the virtual thread that writes them.
 *
 * <p>Producers (any connection's reading thread) never block. A line that would take this queue over
 * {@code capacityBytes}, or the server's {@link OutboundBudget} over its total while this client holds
 * more than its share, is refused: the client is too slow or does not read, and {@code onOverflow} runs.
 * Lines count by their encoded size: a broadcast line of 8 KB of accented text is 48 KB once
 * escaped, so counting lines would let a few of them fill the heap.
 *
 * <p>The lines that end a connection (a kick or shutdown notice) are always taken, whatever the caps.
 */
final class Outbox {

    /**
     * Encoded lines queued as one item: a dispatcher round joins all of one client's lines into one.
     * {@code shared} is set when other queues hold the same lines (see {@link SharedLines}).
     */
    private record Chunk(byte[] bytes, int lines, SharedLines shared) {
        Chunk(byte[] bytes, int lines) {
            this(bytes, lines, null);
        }
    }

    private static final Chunk END = new Chunk(new byte[0], 0);

    // Linked, not an array: an array of the largest possible number of lines would be allocated up
    // front for every connection, idle ones included.
    private final LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    private final long capacityBytes;
    private final OutboundBudget budget;
    private final OutputStream socket;
    private final Runnable onOverflow;
    private final Runnable onWriterExit;
    private final AtomicBoolean ending = new AtomicBoolean();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong linesSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final Thread writer;

    Outbox(long capacityBytes, OutboundBudget budget, OutputStream out, String name, Runnable onOverflow,
           Runnable onWriterExit) {
        this.capacityBytes = capacityBytes;
        this.budget = budget;
        this.socket = out;
        this.onOverflow = onOverflow;
        this.onWriterExit = onWriterExit;
        this.writer = Thread.ofVirtual().name(name).unstarted(this::drain);
    }

    void start() {
        budget.queueOpened();
        writer.start();
    }

    /** Queues a line; false when the connection is ending or the line did not fit. */
    boolean offer(byte[] line) {
        return offer(line, 1);
    }

    /** Queues {@code lines} encoded lines joined in {@code bytes}, all or none. */
    boolean offer(byte[] bytes, int lines) {
        if (ending.get()) {
            return false;
        }
        long after = queuedBytes.addAndGet(bytes.length);
        if (after > capacityBytes || !budget.tryTake(bytes.length, after)) {
            queuedBytes.addAndGet(-bytes.length);
            onOverflow.run();
            return false;
        }
        queue.offer(new Chunk(bytes, lines));
        return true;
    }

    /** Queues lines that other queues hold too: counted in full here, once in the server's budget. */
    boolean offer(SharedLines shared) {
        if (ending.get()) {
            return false;
        }
        int length = shared.bytes().length;
        long after = queuedBytes.addAndGet(length);
        if (after > capacityBytes || !shared.hold(budget, after)) {
            queuedBytes.addAndGet(-length);
            onOverflow.run();
            return false;
        }
        queue.offer(new Chunk(shared.bytes(), shared.lines(), shared));
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
            discardQueued();
        }
        for (byte[] line : lastLines) {
            queuedBytes.addAndGet(line.length);
            budget.force(line.length);
            queue.offer(new Chunk(line, 1));
        }
        queue.offer(END);
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

    /** Bytes queued and not yet written. */
    long queuedBytes() {
        return queuedBytes.get();
    }

    private void discardQueued() {
        Chunk chunk;
        while ((chunk = queue.poll()) != null) {
            taken(chunk);
        }
    }

    private void taken(Chunk chunk) {
        queuedBytes.addAndGet(-chunk.bytes().length);
        if (chunk.shared() != null) {
            chunk.shared().release(budget);
        } else {
            budget.give(chunk.bytes().length);
        }
    }

    private void drain() {
        // Buffered here, on the writer's virtual thread: created there, a BufferedOutputStream starts at
        // 512 bytes and grows only for connections that receive bursts, where one made on the accepting
        // platform thread would hold 8 KB for every idle connection.
        OutputStream out = new BufferedOutputStream(socket);
        try {
            while (true) {
                Chunk chunk = queue.take();
                while (chunk != null) {
                    if (chunk == END) {
                        out.flush();
                        return;
                    }
                    // Released once written, not when taken: until then the bytes are still held here.
                    try {
                        out.write(chunk.bytes());
                    } finally {
                        taken(chunk);
                    }
                    linesSent.addAndGet(chunk.lines());
                    bytesSent.addAndGet(chunk.bytes().length);
                    chunk = queue.poll();
                }
                // Flush only when the queue is empty: a burst becomes a few large writes.
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // The socket closed under us or the connection is being torn down: nothing left to deliver.
        } finally {
            ending.set(true);
            discardQueued();
            budget.queueClosed();
            onWriterExit.run();
        }
    }
}
