package io.classcord.engine.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lines waiting for one client, bounded in bytes, and the virtual thread that writes them.
 *
 * <p>The writing thread runs only while there are lines to write: it starts when a line is queued and
 * ends when the queue is empty. An idle connection then holds no parked thread and no stack (measured
 * with 10,000 idle connections: 20,000 parked threads, half of them writers, held 49 MiB of stacks).
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
    // front for every connection, idle ones included. Not blocking: no thread ever waits on it.
    private final ConcurrentLinkedQueue<Chunk> queue = new ConcurrentLinkedQueue<>();
    private final long capacityBytes;
    private final OutboundBudget budget;
    private final OutputStream socket;
    private final Runnable onOverflow;
    private final Runnable onWriterExit;
    private final AtomicBoolean ending = new AtomicBoolean();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong linesSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    /** Set while a writing thread runs or is being started; stays set once the last one has ended. */
    private final AtomicBoolean writing = new AtomicBoolean();
    /** Set when the last writer ends: whatever is queued after that, nobody will write. */
    private final AtomicBoolean writerGone = new AtomicBoolean();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final String writerName;

    Outbox(long capacityBytes, OutboundBudget budget, OutputStream out, String name, Runnable onOverflow,
           Runnable onWriterExit) {
        this.capacityBytes = capacityBytes;
        this.budget = budget;
        this.socket = out;
        this.onOverflow = onOverflow;
        this.onWriterExit = onWriterExit;
        this.writerName = name;
    }

    void start() {
        budget.queueOpened();
    }

    /** Queues a line; false when the connection is ending or the line did not fit. */
    boolean offer(byte[] line) {
        return offer(line, 1);
    }

    /** Queues {@code lines} encoded lines joined in {@code bytes}, all or none. */
    boolean offer(byte[] bytes, int lines) {
        return admit(new Chunk(bytes, lines));
    }

    /** Queues lines that other queues hold too: counted in full here, once in the server's budget. */
    boolean offer(SharedLines shared) {
        return admit(new Chunk(shared.bytes(), shared.lines(), shared));
    }

    private boolean admit(Chunk chunk) {
        if (ending.get()) {
            return false;
        }
        int length = chunk.bytes().length;
        long after = queuedBytes.addAndGet(length);
        if (after > capacityBytes || !takeFromBudget(chunk, after)) {
            queuedBytes.addAndGet(-length);
            onOverflow.run();
            return false;
        }
        enqueue(chunk);
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
            enqueue(new Chunk(line, 1));
        }
        enqueue(END);
        return true;
    }

    /** Waits for the writer to finish its last lines; false if it is still blocked after {@code millis}. */
    boolean awaitWriter(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
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

    /** The budget's side of admitting {@code chunk}; {@link #taken} gives it back. */
    private boolean takeFromBudget(Chunk chunk, long queuedAfter) {
        return chunk.shared() != null ? chunk.shared().hold(budget, queuedAfter)
                : budget.tryTake(chunk.bytes().length, queuedAfter);
    }

    private void taken(Chunk chunk) {
        queuedBytes.addAndGet(-chunk.bytes().length);
        if (chunk.shared() != null) {
            chunk.shared().release(budget);
        } else {
            budget.give(chunk.bytes().length);
        }
    }

    private void enqueue(Chunk chunk) {
        queue.offer(chunk);
        if (writerGone.get()) {
            // The writer ended (the socket failed) after this chunk was admitted; its last look at the
            // queue may have come before the chunk did, so its bytes are given back here.
            discardQueued();
        } else {
            wakeWriter();
        }
    }

    private void wakeWriter() {
        if (!writing.get() && writing.compareAndSet(false, true)) {
            Thread.ofVirtual().name(writerName).start(this::drain);
        }
    }

    private void drain() {
        // Buffered here, on the writer's virtual thread: a BufferedOutputStream starts at 512 bytes and
        // grows only for connections that receive bursts, and it lives only as long as the burst.
        OutputStream out = new BufferedOutputStream(socket);
        try {
            while (true) {
                Chunk chunk = queue.poll();
                if (chunk == null) {
                    // Flush only when the queue is empty: a burst becomes a few large writes.
                    out.flush();
                    writing.set(false);
                    // A line queued after the poll above found 'writing' still set and started no
                    // thread: this one takes it, unless a new one has been started meanwhile.
                    if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                if (chunk == END) {
                    out.flush();
                    end();
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
            }
        } catch (IOException e) {
            // The socket closed under us or the connection is being torn down: nothing left to deliver.
            end();
        }
    }

    /** The last writer's end: 'writing' stays set, so that no other one ever starts. */
    private void end() {
        ending.set(true);
        writerGone.set(true);
        discardQueued();
        budget.queueClosed();
        onWriterExit.run();
        ended.countDown();
    }
}
