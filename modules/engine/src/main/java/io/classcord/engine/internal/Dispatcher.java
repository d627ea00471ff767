package io.classcord.engine.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>Each client's queue receives items of at most {@code chunkBytes} (unless one line is larger):
 * far below the queue's cap, so that a client that reads is never taken, by one item, for one that
 * does not.
 */
final class Dispatcher {

    private static final Logger LOG = Logger.getLogger("classcord.chat");

    // 1024 messages of at most 8K characters: some 16 MiB of heap while the writer is ahead.
    static final int QUEUE_ITEMS = 1024;
    static final int ROUND_ITEMS = 512;
    static final int ROUND_BYTES = 1 << 20;
    /** The most one client's queue item holds, unless the queues are small (see {@link #chunkBytesFor}). */
    static final int CHUNK_BYTES = 16 * 1024;
    /** How long stopping waits for the work already handed over (it never waits on a socket). */
    private static final long STOP_WAIT_MILLIS = 5_000;

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
    private final int chunkBytes;
    private final Thread thread;

    /** {@code queueBytes}: the cap of each client's queue. */
    Dispatcher(long queueBytes) {
        this.chunkBytes = chunkBytesFor(queueBytes);
        this.thread = Thread.ofVirtual().name("classcord-dispatcher").start(this::run);
    }

    /** An eighth of a client's queue at most: a client then takes several items before it is judged slow. */
    static int chunkBytesFor(long queueBytes) {
        return (int) Math.max(1, Math.min(CHUNK_BYTES, queueBytes / 8));
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
        Round alone = new Round(chunkBytes);
        try {
            work.accept(alone);
        } finally {
            alone.send();
        }
    }

    /**
     * Stops after the work already handed over, and waits for it (a bounded time): what was committed
     * is delivered before the connections get the shutdown notice.
     */
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
        try {
            if (!thread.join(Duration.ofMillis(STOP_WAIT_MILLIS))) {
                LOG.warning("[SERVER] Deliveries still queued at shutdown were not all sent");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        Round round = new Round(chunkBytes);
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
            try {
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
                if (stopping) {
                    round.send();
                } else {
                    round.endOfBatch();
                }
            } catch (RuntimeException | Error e) {
                // Dying here would leave the store's writer blocked on a full queue, and every sender
                // behind it: the round is dropped (its clients miss those lines), the server goes on.
                LOG.log(Level.SEVERE, "[SERVER] Delivery round failed", e);
                round.abandon();
            } finally {
                batch.clear();
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
        private final List<Runnable> whenSent = new ArrayList<>();
        private final int chunkBytes;
        private long bytes;
        private final Everyone everyone;

        Round(int chunkBytes) {
            this.chunkBytes = chunkBytes;
            this.everyone = new Everyone(chunkBytes);
        }

        /** Adds {@code line} for {@code to}; false if that connection is closed. */
        boolean add(Connection to, byte[] line) {
            if (to.isClosed()) {
                return false;
            }
            everyone.send();
            Pending pending = lines.computeIfAbsent(to, c -> new Pending());
            if (pending.bytes > 0 && pending.bytes + line.length > chunkBytes) {
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

        /**
         * Drops what the round holds, after a failure: the lines are lost, but whoever waits for them
         * to be sent is told.
         */
        void abandon() {
            lines.clear();
            bytes = 0;
            everyone.clear();
            runWhenSent();
        }

        /** Runs {@code action} once the lines added so far are in their clients' queues. */
        void whenSent(Runnable action) {
            whenSent.add(action);
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
            runWhenSent();
        }

        private void runWhenSent() {
            if (whenSent.isEmpty()) {
                return;
            }
            List<Runnable> actions = List.copyOf(whenSent);
            whenSent.clear();
            for (Runnable action : actions) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "[SERVER] Delivery failed", e);
                }
            }
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
     * array that every client's queue shares, they cost one queue item and one write per client and
     * segment, and the server's outbound budget counts the array once, not once per queue. A client
     * gets a copy of its own only when some lines are not for it: its own, or those announced before
     * it began receiving.
     */
    private static final class Everyone {

        static final long DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

        /** Each queue counts the whole segment, like any other item: it is kept to a chunk's size. */
        private final int segmentBytes;
        private long firstAddedAt;
        // Per line, in order: where it starts in the segment, when it was announced, and its subject.
        // Announcing threads hand their lines over in an order close to, not always equal to, that of
        // their times: each line is judged on its own time.
        private int[] starts = new int[64];
        private long[] announced = new long[64];
        private Connection[] subjectOf = new Connection[64];

        private byte[] segment = new byte[1024];
        private int length;
        private int count;
        private Iterable<Connection> audience;
        private final Set<Connection> subjects = Collections.newSetFromMap(new IdentityHashMap<>());

        Everyone(int segmentBytes) {
            this.segmentBytes = segmentBytes;
        }

        void add(Iterable<Connection> to, byte[] line, Connection subject, long announcedAt) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, 2 * count);
                announced = Arrays.copyOf(announced, 2 * count);
                subjectOf = Arrays.copyOf(subjectOf, 2 * count);
            }
            if (length + line.length > segment.length) {
                segment = Arrays.copyOf(segment, Math.max(2 * segment.length, length + line.length));
            }
            if (count == 0) {
                firstAddedAt = System.nanoTime();
            }
            starts[count] = length;
            announced[count] = announcedAt;
            subjectOf[count] = subject;
            System.arraycopy(line, 0, segment, length, line.length);
            subjects.add(subject);
            length += line.length;
            count++;
            audience = to;
            if (length >= segmentBytes) {
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
            try {
                long earliest = announced[0];
                long latest = announced[0];
                for (int i = 1; i < count; i++) {
                    earliest = announced[i] - earliest < 0 ? announced[i] : earliest;
                    latest = announced[i] - latest > 0 ? announced[i] : latest;
                }
                SharedLines shared = new SharedLines(Arrays.copyOf(segment, length), count);
                for (Connection connection : audience) {
                    if (connection.isClosed()) {
                        continue;
                    }
                    if (!subjects.contains(connection) && connection.receivedAt(earliest)) {
                        connection.sendShared(shared);
                    } else if (connection.receivedAt(latest)) {
                        sendPart(connection, shared.bytes());
                    }
                }
            } finally {
                clear();
            }
        }

        /** Forgets the lines held, sent or not. */
        void clear() {
            Arrays.fill(subjectOf, 0, count, null);
            length = 0;
            count = 0;
            audience = null;
            subjects.clear();
        }

        /** Sends {@code connection} a copy of the lines that are for it, if any. */
        private void sendPart(Connection connection, byte[] shared) {
            byte[] copy = new byte[length];
            int at = 0;
            int lines = 0;
            for (int i = 0; i < count; i++) {
                if (subjectOf[i] == connection || !connection.receivedAt(announced[i])) {
                    continue;
                }
                int end = i + 1 < count ? starts[i + 1] : length;
                System.arraycopy(shared, starts[i], copy, at, end - starts[i]);
                at += end - starts[i];
                lines++;
            }
            if (lines > 0) {
                connection.sendLines(Arrays.copyOf(copy, at), lines);
            }
        }
    }
}
