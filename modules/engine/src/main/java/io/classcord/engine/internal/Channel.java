package io.classcord.engine.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A chat channel and the connections that are in it. */
final class Channel {

    private final String name;
    private final boolean adminOnly;
    private final Set<Connection> members = ConcurrentHashMap.newKeySet();
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

    Set<Connection> members() {
        return members;
    }

    /** False while an administrator has it closed: no new messages, no joins. */
    boolean isOpen() {
        return open;
    }

    void open(boolean value) {
        open = value;
    }

    boolean mayEnter(Connection connection) {
        return !adminOnly || connection.isAdmin();
    }
}
