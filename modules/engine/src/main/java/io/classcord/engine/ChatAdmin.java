package io.classcord.engine;

import java.util.List;
import java.util.OptionalInt;

/**
 * What an administrator can see and do on a running chat server. Channel names may be given with or
 * without {@code #}; user names are compared as logins are (ignoring case).
 *
 * <p>Every notice (alert, kick, channel closed) is sent as its own type and again as a
 * {@code message} from {@code serveur}, so unmodified clients show it; connections that have not yet
 * shown they listen (see the wire compatibility rules) get nothing unsolicited.
 */
public interface ChatAdmin {

    /** Outcome of a channel operation. */
    enum Outcome {
        DONE, UNCHANGED, UNKNOWN_CHANNEL, INVALID_NAME, LIMIT_REACHED
    }

    /** Every open connection, oldest first. */
    List<ConnectedClient> clients();

    /** Every channel, by name, with its members and stored message count. */
    List<ChannelState> channels();

    /** Distinct accounts logged in right now (guests and anonymous connections excluded). */
    int loggedInUsers();

    /**
     * Sends an alert to everyone, or to the members of {@code channel} when it is not null.
     *
     * @return connections it was queued for; empty when the channel does not exist
     */
    OptionalInt alert(String text, String channel);

    /**
     * Disconnects every connection using {@code name} after a kick notice with {@code reason}; the
     * others are told. Nothing stops the client from reconnecting: ban the account for that.
     *
     * @return connections closed; 0 when nobody of that name is connected
     */
    int kick(String name, String reason);

    /** Disconnects the connections logged in to {@code username}'s account (after a ban); returns how many. */
    int disconnectAccount(String username, String reason);

    /** Creates a channel open to everyone; {@link Outcome#UNCHANGED} if it exists. */
    Outcome createChannel(String name);

    /** Refuses new messages and joins in a channel (answered with {@code channel_closed}); members are told. */
    Outcome closeChannel(String name);

    /** Undoes {@link #closeChannel}; members are told. */
    Outcome reopenChannel(String name);
}
