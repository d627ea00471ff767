package io.classcord.engine;

import java.util.List;

/**
 * One channel as the administration sees it.
 *
 * @param name           canonical name ({@code #dev})
 * @param adminOnly      whether only accounts with the admin role may enter
 * @param open           false after an administrator closed it
 * @param members        names of the members that have one, sorted
 * @param connections    connections in the channel, anonymous ones included
 * @param storedMessages messages of this channel in the database
 */
public record ChannelState(String name, boolean adminOnly, boolean open, List<String> members, int connections,
                           long storedMessages) {

    public ChannelState {
        members = List.copyOf(members);
    }
}
