package io.classcord.admin.api;

import java.util.List;

import io.classcord.engine.ChannelState;

/** One channel with its members and the messages stored for it. */
public record ChannelInfo(String name, boolean adminOnly, boolean open, List<String> members, int connections,
                          long storedMessages) {

    public static ChannelInfo of(ChannelState c) {
        return new ChannelInfo(c.name(), c.adminOnly(), c.open(), c.members(), c.connections(), c.storedMessages());
    }
}
