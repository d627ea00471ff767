package io.classcord.storage;

import java.time.Duration;

/**
 * Observes the message writer's transactions, for metrics (batch size histogram, commit latency).
 *
 * <p>Called on the writer thread, before the batch's callers are released: implementations must
 * be quick and must not call back into the store.
 */
public interface CommitListener {

    CommitListener NONE = new CommitListener() {
        @Override
        public void committed(int messages, Duration elapsed) {
        }
    };

    /** A transaction holding {@code messages} messages committed; {@code elapsed} covers inserts and commit. */
    void committed(int messages, Duration elapsed);

    /** A transaction holding {@code messages} messages failed; none of them is stored. */
    default void failed(int messages, Throwable cause) {
    }
}
