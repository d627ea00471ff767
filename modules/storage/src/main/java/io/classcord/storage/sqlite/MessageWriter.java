package io.classcord.storage.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.classcord.storage.CommitListener;
import io.classcord.storage.NewMessage;
import io.classcord.storage.StorageException;

import io.helidon.dbclient.DbClient;

/**
 * Group commit: one thread inserts messages, many at a time.
 *
 * <p>A durable SQLite commit costs an fsync, milliseconds on real disks. Committing each message
 * alone would cap a busy server at a few hundred messages per second. Instead callers enqueue and
 * wait; the writer takes whatever has accumulated (up to {@code maxBatch}) while the previous
 * commit was running, inserts it in one transaction and pays one fsync for all of it. Under load
 * batches grow by themselves, without a timer adding latency when the server is quiet.
 *
 * <p>A single writer also means message inserts never contend with each other for SQLite's write
 * lock. It is a platform thread because sqlite-jdbc works through JNI, which would pin a virtual
 * thread anyway. Each batch borrows a connection from the DbClient's pool and runs an explicit
 * transaction on it (see {@link SqlTransactions} for why not Helidon's).
 */
final class MessageWriter implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MessageWriter.class.getName());

    private static final String INSERT = """
            INSERT INTO messages(user_id, sender, channel, recipient, content, timestamp)
            VALUES (?, ?, ?, ?, ?, ?)""";

    /** A message waiting for the writer, and the caller waiting for its id. */
    private record Pending(NewMessage message, CompletableFuture<Long> id) {
    }

    /**
     * Enqueued by {@link #close()} after the last message it admitted. Compared by identity; since
     * nothing is admitted after it, the writer reaching it means everything before it is written.
     */
    private static final Pending STOP = new Pending(null, null);

    private final DbClient db;
    private final int maxBatch;
    private final CommitListener listener;
    /** Bounded so that a stalled disk pushes back on senders instead of filling the heap. */
    private final BlockingQueue<Pending> queue;
    /**
     * Appends hold the read lock from their "still open?" check until their message is queued;
     * close takes the write lock to flip {@code accepting}. So no message can be queued behind STOP,
     * where nobody would ever write it or answer its caller.
     */
    private final ReadWriteLock admission = new ReentrantReadWriteLock();
    private boolean accepting = true; // guarded by admission
    private final Thread thread;

    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicInteger largestBatch = new AtomicInteger();

    private MessageWriter(DbClient db, int maxBatch, CommitListener listener) {
        this.db = db;
        this.maxBatch = maxBatch;
        this.listener = listener;
        this.queue = new ArrayBlockingQueue<>(Math.max(64, 4 * maxBatch));
        this.thread = Thread.ofPlatform().name("classcord-message-writer").daemon(true).unstarted(this::run);
    }

    static MessageWriter start(DbClient db, int maxBatch, CommitListener listener) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
        }
        MessageWriter writer = new MessageWriter(db, maxBatch, Objects.requireNonNull(listener));
        writer.thread.start();
        return writer;
    }

    /**
     * Stores {@code message} and returns its id once the transaction holding it has committed.
     *
     * @throws StorageException if the store is closed or the transaction failed; the message is not stored
     */
    long append(NewMessage message) {
        Pending pending = new Pending(Objects.requireNonNull(message, "message"), new CompletableFuture<>());
        admit(pending);
        try {
            // join() ignores interrupts on purpose: once queued, the message will be written or fail
            // within one commit, and the caller must learn which rather than be left guessing.
            return pending.id().join();
        } catch (CompletionException e) {
            // A fresh exception per caller: one shared instance would mix up stack traces and suppressed lists.
            throw new StorageException(e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Queues {@code message} and returns at once (unless the queue is full); the future completes on
     * the writer thread with the id once committed, or with a {@link StorageException}.
     *
     * @throws StorageException if the store is closed
     */
    java.util.concurrent.CompletableFuture<Long> appendAsync(NewMessage message) {
        Pending pending = new Pending(Objects.requireNonNull(message, "message"), new CompletableFuture<>());
        admit(pending);
        return pending.id();
    }

    private void admit(Pending pending) {
        Lock lock = admission.readLock();
        lock.lock();
        try {
            if (!accepting) {
                throw new StorageException("The store is closed; the message was not stored");
            }
            queue.put(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while waiting for room in the write queue; "
                    + "the message was not stored", e);
        } finally {
            lock.unlock();
        }
    }

    /** Stops admitting messages, writes everything already admitted, and stops the writer thread. */
    @Override
    public void close() {
        Lock lock = admission.writeLock();
        lock.lock();
        try {
            if (accepting) {
                accepting = false;
                uninterruptibly(() -> queue.put(STOP));
            }
        } finally {
            lock.unlock();
        }
        uninterruptibly(thread::join);
    }

    WriterStats stats() {
        return new WriterStats(commits.get(), messages.get(), failures.get(), largestBatch.get());
    }

    /** Whether appends are still admitted; false from the moment {@link #close()} begins. */
    boolean accepting() {
        Lock lock = admission.readLock();
        lock.lock();
        try {
            return accepting;
        } finally {
            lock.unlock();
        }
    }

    /** Messages admitted but not yet taken by the writer. */
    int queued() {
        return queue.size();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        boolean stopping = false;
        while (!stopping) {
            batch.clear();
            batch.add(takeUninterruptibly());
            queue.drainTo(batch, maxBatch - 1);
            if (batch.getLast() == STOP) {
                batch.removeLast();
                stopping = true;
            }
            if (batch.isEmpty()) {
                continue;
            }
            try {
                write(batch);
            } catch (Throwable unexpected) {
                // Whatever happened, no caller may be left waiting forever; those already answered are unaffected.
                LOG.log(System.Logger.Level.ERROR, "Message writer failed unexpectedly", unexpected);
                StorageException failure = new StorageException("Message writer failed; the message was not stored",
                        unexpected);
                batch.forEach(p -> p.id().completeExceptionally(failure));
            }
        }
    }

    /** Commits {@code batch} in one transaction, leaving out messages the database rejects. */
    private void write(List<Pending> batch) {
        List<Pending> pending = new ArrayList<>(batch);
        // Statements are prepared once per batch, not per message: parsing SQL would otherwise
        // cost more than the insert itself.
        try (Connection connection = db.unwrap(Connection.class);
             PreparedStatement insert = connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            while (!pending.isEmpty()) {
                long started = System.nanoTime();
                long[] ids = new long[pending.size()];
                int inserting = -1;
                try {
                    SqlTransactions.begin(connection);
                    for (inserting = 0; inserting < pending.size(); inserting++) {
                        ids[inserting] = insert(insert, pending.get(inserting).message());
                    }
                    inserting = -1;
                    SqlTransactions.commit(connection);
                } catch (SQLException e) {
                    SqlTransactions.rollbackQuietly(connection, e);
                    if (inserting < 0 || !SqlTransactions.isConstraintViolation(e)) {
                        throw e;
                    }
                    // Only this message is invalid (say, a user_id that does not exist). The rollback
                    // undid its neighbours as well; write them again without it rather than fail them.
                    fail(List.of(pending.remove(inserting)),
                            new StorageException("The database rejected the message; it was not stored", e));
                    continue;
                }
                committed(pending.size(), Duration.ofNanos(System.nanoTime() - started));
                for (int i = 0; i < ids.length; i++) {
                    pending.get(i).id().complete(ids[i]);
                }
                pending.clear();
            }
        } catch (SQLException | RuntimeException e) {
            if (pending.isEmpty()) {
                // Everything was committed and answered; only returning the connection failed.
                LOG.log(System.Logger.Level.WARNING, "Could not release the writer's connection", e);
                return;
            }
            // Disk full, I/O error, lock timeout, no connection: nothing of this transaction is stored.
            fail(pending, new StorageException(
                    "Could not commit " + pending.size() + " message(s); they were not stored", e));
        }
    }

    private static long insert(PreparedStatement insert, NewMessage m) throws SQLException {
        insert.setObject(1, m.userId());
        insert.setString(2, m.sender());
        insert.setString(3, m.channel());
        insert.setString(4, m.recipient());
        insert.setString(5, m.content());
        insert.setString(6, m.timestamp());
        insert.executeUpdate();
        // The driver has already asked SQLite for the new row's id (its generated keys): asking
        // again with SELECT last_insert_rowid() cost a second query per message.
        try (ResultSet id = insert.getGeneratedKeys()) {
            if (!id.next()) {
                // sqlite-jdbc answers only while its getGeneratedKeys setting is on (its default).
                throw new SQLException("the driver gave no id for the inserted message");
            }
            return id.getLong(1);
        }
    }

    private void committed(int count, Duration elapsed) {
        commits.incrementAndGet();
        messages.addAndGet(count);
        largestBatch.accumulateAndGet(count, Math::max);
        try {
            listener.committed(count, elapsed);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Commit listener failed", e);
        }
    }

    private void fail(List<Pending> notStored, StorageException failure) {
        failures.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING, "{0} message(s) not stored: {1}", notStored.size(), failure.getMessage());
        try {
            listener.failed(notStored.size(), failure);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Commit listener failed", e);
        }
        notStored.forEach(p -> p.id().completeExceptionally(failure));
    }

    private Pending takeUninterruptibly() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // Only STOP ends the writer: stopping mid-queue would strand admitted callers. The
                // interrupt is not restored either, or Hikari would refuse every later connection request.
                LOG.log(System.Logger.Level.WARNING, "Message writer interrupted; ignored, close the store to stop it");
            }
        }
    }

    /** A blocking step that may be interrupted. */
    private interface Blocking {
        void run() throws InterruptedException;
    }

    /**
     * Runs {@code step} to completion even if interrupted, then restores the interrupt: closing must
     * not leave STOP unqueued or the writer running because the closing thread was interrupted.
     */
    private static void uninterruptibly(Blocking step) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    step.run();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
