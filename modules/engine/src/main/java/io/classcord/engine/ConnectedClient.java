package io.classcord.engine;

import java.time.Instant;
import java.util.List;

/**
 * One open connection as the administration sees it.
 *
 * @param name           account or guest name; null before login or a first message
 * @param ip             client address
 * @param port           client port, which tells apart two connections from one address
 * @param loggedIn       whether it logged in to an account (false for guests and anonymous connections)
 * @param admin          whether that account has the admin role
 * @param channel        the channel its messages go to by default
 * @param channels       every channel it is in
 * @param state          last presence state it sent ({@code online} until it sends one)
 * @param connectedSince when the connection was accepted
 * @param bytesIn        bytes read from the client
 * @param linesIn        lines read from the client
 * @param bytesOut       bytes written to the client
 * @param linesOut       lines written to the client
 */
public record ConnectedClient(String name, String ip, int port, boolean loggedIn, boolean admin, String channel,
                              List<String> channels, String state, Instant connectedSince, long bytesIn, long linesIn,
                              long bytesOut, long linesOut) {

    public ConnectedClient {
        channels = List.copyOf(channels);
    }
}
