package io.classcord.engine.internal;

import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A chat channel: the connections in it, whether it is open, and who may join it, post in it and
 * read its history. Callers ask it instead of applying its rules themselves.
 *
 * <p>Broadcasts iterate the members while connections join and leave, so the set is concurrent.
 * Joining and closing take a short lock (never held during I/O): a connection cannot slip into a
 * channel that an administrator has just closed.
 */
final class Channel {

    /** What a channel answers when asked whether a connection may do something in it. */
    enum Access {
        GRANTED,
        /** The channel takes only accounts with the admin role. */
        ADMIN_ONLY,
        /** An administrator closed it: no joins, no new messages. */
        CLOSED
    }

    private final String name;
    private final boolean adminOnly;
    private final Set<Connection> members = ConcurrentHashMap.newKeySet();
    private final ReentrantLock admission = new ReentrantLock();
    private volatile boolean open = true;

    Channel(String name, boolean adminOnly) {
        this.name = name;
        this.adminOnly = adminOnly;
    }

    String name() {
        return name;
    }

    boolean adminOnly() {
        return adminOnly;
    }

    /** The members, read-only and live: joining and leaving go through this channel. */
    Set<Connection> members() {
        return Collections.unmodifiableSet(members);
    }

    int memberCount() {
        return members.size();
    }

    boolean isOpen() {
        return open;
    }

    /** Whether {@code connection} may post a message here. */
    Access mayPost(Connection connection) {
        if (!mayEnter(connection)) {
            return Access.ADMIN_ONLY;
        }
        return open ? Access.GRANTED : Access.CLOSED;
    }

    /** Whether {@code connection} may read the channel's history: a closed channel's past stays readable. */
    Access mayRead(Connection connection) {
        return mayEnter(connection) ? Access.GRANTED : Access.ADMIN_ONLY;
    }

    /** Adds {@code connection} if it may join (the same rule as posting); says why not otherwise. */
    Access join(Connection connection) {
        admission.lock();
        try {
            Access access = mayPost(connection);
            if (access == Access.GRANTED) {
                members.add(connection);
            }
            return access;
        } finally {
            admission.unlock();
        }
    }

    /**
     * Adds {@code connection} whatever the rules: every connection starts in the lobby, which it has
     * not asked to join.
     */
    void place(Connection connection) {
        members.add(connection);
    }

    void leave(Connection connection) {
        members.remove(connection);
    }

    /** Closes the channel; false if it was closed already. */
    boolean close() {
        return setOpen(false);
    }

    /** Reopens the channel; false if it was open already. */
    boolean reopen() {
        return setOpen(true);
    }

    private boolean setOpen(boolean value) {
        admission.lock();
        try {
            if (open == value) {
                return false;
            }
            open = value;
            return true;
        } finally {
            admission.unlock();
        }
    }

    private boolean mayEnter(Connection connection) {
        return !adminOnly || connection.isAdmin();
    }
}
