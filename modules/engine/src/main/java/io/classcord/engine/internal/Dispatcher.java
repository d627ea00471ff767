package io.classcord.engine.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fans committed messages and presence changes out to the clients, on one thread of its own, in the
 * order they were handed over, a round at a time.
 *
 * <p>Why a thread of its own: the store's writer completes messages in commit order, and fanning out
 * there would hold the next commit behind every delivery, metric and log line of the previous one.
 * Handing over costs the writer one queue insertion per message.
 *
 * <p>Why rounds: a round takes everything handed over while the previous one ran, and each client's
 * lines of a round leave as one item of its queue, so its writer wakes once and writes once per round
 * instead of once per line. Under load, when many messages commit together or many clients arrive
 * at once (each announced to all the others), rounds grow by themselves; a quiet server delivers
 * each message alone, at once.
 *
 * <p>Bounded twice: the hand-over queue in items (each holds one message of bounded length; a full
 * queue pushes back on the writer, and through it on the senders), a round in bytes (it is sent as
 * soon as it holds {@link #ROUND_BYTES}).
 */
final class Dispatcher {

    private static final Logger LOG = Logger.getLogger("classcord.chat");

    static final int QUEUE_ITEMS = 4096;
    static final int ROUND_ITEMS = 512;
    static final int ROUND_BYTES = 1 << 20;
    /** The most one client's queue item holds (unless one line is larger). */
    static final int CHUNK_BYTES = 32 * 1024;

    /** Handed over by {@link #close()} after everything else; compared by identity. */
    private static final Consumer<Round> STOP = round -> { };

    private final BlockingQueue<Consumer<Round>> queue = new ArrayBlockingQueue<>(QUEUE_ITEMS);
    /**
     * Submitters hold the read lock from their "still open?" check until their work is queued, and
     * close takes the write lock to flip {@code open}: no work can land behind STOP, where it would
     * never run (and a sender waiting for its message to be delivered would wait forever).
     */
    private final ReadWriteLock admission = new ReentrantReadWriteLock();
    private boolean open = true; // guarded by admission
    private final Thread thread;

    Dispatcher() {
        this.thread = Thread.ofVirtual().name("classcord-dispatcher").start(this::run);
    }

    /**
     * Runs {@code work} in a coming round, after everything handed over before it; waits while the
     * queue is full. Once the dispatcher is closed (the server is stopping), runs it at once on the
     * caller's thread: its connections are ending, but whoever waits for it must learn it ran.
     */
    void submit(Consumer<Round> work) {
        Lock lock = admission.readLock();
        lock.lock();
        try {
            if (open) {
                putUninterruptibly(work);
                return;
            }
        } finally {
            lock.unlock();
        }
        Round alone = new Round();
        work.accept(alone);
        alone.send();
    }

    /** Stops after the work already handed over. */
    void close() {
        Lock lock = admission.writeLock();
        lock.lock();
        try {
            if (open) {
                open = false;
                putUninterruptibly(STOP);
            }
        } finally {
            lock.unlock();
        }
    }

    private void putUninterruptibly(Consumer<Round> work) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(work);
                break;
            } catch (InterruptedException e) {
                // Work handed over must not be lost to an interrupt (the store's writer ignores them too).
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Consumer<Round>> batch = new ArrayList<>(ROUND_ITEMS);
        Round round = new Round();
        boolean stopping = false;
        while (!stopping) {
            Consumer<Round> first;
            try {
                long presenceDue = round.presenceDueInNanos();
                first = presenceDue < 0 ? queue.take() : queue.poll(presenceDue, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // Only STOP ends the dispatcher: work already queued has waiters.
                continue;
            }
            if (first == null) {
                round.send();
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, ROUND_ITEMS - 1);
            for (Consumer<Round> work : batch) {
                if (work == STOP) {
                    stopping = true;
                    continue;
                }
                try {
                    work.accept(round);
                } catch (RuntimeException e) {
                    // One delivery's bug must not stop every later one.
                    LOG.log(Level.SEVERE, "[SERVER] Delivery failed", e);
                }
            }
            batch.clear();
            if (stopping) {
                round.send();
            } else {
                round.endOfBatch();
            }
        }
    }

    /**
     * The lines of one round until they are sent: lines for given clients, kept per client, and
     * lines for everyone but their subject (presence), kept once. Each client's lines leave in the
     * order they were added: switching from one kind to the other sends what the round holds first.
     */
    static final class Round {

        /** Lines for one client, joined when sent. */
        private static final class Pending {
            final List<byte[]> parts = new ArrayList<>(4);
            int bytes;
        }

        private final Map<Connection, Pending> lines = new IdentityHashMap<>();
        private long bytes;
        private final Everyone everyone = new Everyone();

        /** Adds {@code line} for {@code to}; false if that connection is closed. */
        boolean add(Connection to, byte[] line) {
            if (to.isClosed()) {
                return false;
            }
            everyone.send();
            Pending pending = lines.computeIfAbsent(to, c -> new Pending());
            if (pending.bytes > 0 && pending.bytes + line.length > CHUNK_BYTES) {
                // A client's queue is capped in bytes: one item must stay far below the cap, or a
                // client that reads would be taken for one that does not.
                send(to, pending);
            }
            pending.parts.add(line);
            pending.bytes += line.length;
            bytes += line.length;
            if (bytes >= ROUND_BYTES) {
                sendLines();
            }
            return true;
        }

        /**
         * Adds {@code line}, announced at {@code announcedAt} (System.nanoTime()), for every connection of
         * {@code audience} that was receiving by then, except {@code subject}.
         */
        void toEveryone(Iterable<Connection> audience, byte[] line, Connection subject, long announcedAt) {
            sendLines();
            everyone.add(audience, line, subject, announcedAt);
        }

        /** Sends everything the round holds. */
        void send() {
            sendLines();
            everyone.send();
        }

        /** Sends the lines for given clients, and the presence lines once they have waited long enough. */
        void endOfBatch() {
            sendLines();
            if (everyone.dueInNanos() == 0) {
                everyone.send();
            }
        }

        /** How long until the presence lines held are due; -1 if none are held. */
        long presenceDueInNanos() {
            return everyone.dueInNanos();
        }

        private void sendLines() {
            for (Map.Entry<Connection, Pending> entry : lines.entrySet()) {
                if (entry.getValue().bytes > 0) {
                    send(entry.getKey(), entry.getValue());
                }
            }
            lines.clear();
            bytes = 0;
        }

        private static void send(Connection to, Pending pending) {
            to.sendLines(join(pending.parts), pending.parts.size());
            pending.parts.clear();
            pending.bytes = 0;
        }

        private static byte[] join(List<byte[]> parts) {
            if (parts.size() == 1) {
                return parts.getFirst();
            }
            int length = 0;
            for (byte[] part : parts) {
                length += part.length;
            }
            byte[] joined = new byte[length];
            int at = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, joined, at, part.length);
                at += part.length;
            }
            return joined;
        }
    }

    /**
     * Presence lines for everyone but each line's subject. When a class connects at once, each arrival
     * is announced to all the others: N arrivals are N&sup2;/2 lines, which cost a wake-up and a write
     * each if sent one by one. Held here up to {@link #DELAY_NANOS} (unnoticeable for a status) as one
     * array that every client's queue shares (copied only for the clients who are the subject of a
     * line, without their own), they cost one queue item and one write per client and segment.
     */
    private static final class Everyone {

        /** Each queue counts the whole segment: {@link #CHUNK_BYTES}, like any other item. */
        static final int SEGMENT_BYTES = CHUNK_BYTES;
        static final long DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

        private long firstAddedAt;
        // Per line, in order: where it starts in the segment, and when it was announced.
        private int[] starts = new int[64];
        private long[] announced = new long[64];

        private byte[] segment = new byte[1024];
        private int length;
        private int count;
        private Iterable<Connection> audience;
        // Where each subject's own lines are, as [from, to) pairs: they are cut out of its copy.
        private final Map<Connection, List<int[]>> subjects = new IdentityHashMap<>();

        void add(Iterable<Connection> to, byte[] line, Connection subject, long announcedAt) {
            if (count == starts.length) {
                starts = java.util.Arrays.copyOf(starts, 2 * count);
                announced = java.util.Arrays.copyOf(announced, 2 * count);
            }
            starts[count] = length;
            announced[count] = announcedAt;
            if (length + line.length > segment.length) {
                segment = java.util.Arrays.copyOf(segment, Math.max(2 * segment.length, length + line.length));
            }
            System.arraycopy(line, 0, segment, length, line.length);
            subjects.computeIfAbsent(subject, c -> new ArrayList<>(1)).add(new int[] {length, length + line.length});
            if (count == 0) {
                firstAddedAt = System.nanoTime();
            }
            length += line.length;
            count++;
            audience = to;
            if (length >= SEGMENT_BYTES) {
                send();
            }
        }

        long dueInNanos() {
            if (count == 0) {
                return -1;
            }
            return Math.max(0, firstAddedAt + DELAY_NANOS - System.nanoTime());
        }

        void send() {
            if (count == 0) {
                return;
            }
            byte[] shared = java.util.Arrays.copyOf(segment, length);
            for (Connection connection : audience) {
                if (connection.isClosed() || !connection.receivedAt(announced[count - 1])) {
                    continue;
                }
                List<int[]> own = subjects.get(connection);
                if (own == null && connection.receivedAt(announced[0])) {
                    connection.sendLines(shared, count);
                } else {
                    sendPart(connection, shared, own);
                }
            }
            length = 0;
            count = 0;
            audience = null;
            subjects.clear();
        }

        /**
         * Sends {@code connection} the lines announced since it began receiving, without its own
         * ({@code own}, in order; may be null): a copy, for the few clients that need one.
         */
        private void sendPart(Connection connection, byte[] shared, List<int[]> own) {
            int first = 0;
            while (!connection.receivedAt(announced[first])) {
                first++;
            }
            byte[] copy = new byte[length - starts[first]];
            int at = 0;
            int from = starts[first];
            int lines = count - first;
            if (own != null) {
                for (int[] cut : own) {
                    if (cut[0] < from) {
                        continue;
                    }
                    System.arraycopy(shared, from, copy, at, cut[0] - from);
                    at += cut[0] - from;
                    from = cut[1];
                    lines--;
                }
            }
            System.arraycopy(shared, from, copy, at, length - from);
            at += length - from;
            if (lines > 0) {
                connection.sendLines(java.util.Arrays.copyOf(copy, at), lines);
            }
        }
    }
}
