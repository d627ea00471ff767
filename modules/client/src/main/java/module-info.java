/**
 * The Classcord client: a small library ({@link io.classcord.client.ChatClient}) that tests, the load
 * generator and the admin console share, and the {@code classcord-client} terminal client
 * ({@code io.classcord.client.cli.Main}).
 */
module io.classcord.client {
    requires transitive io.classcord.protocol;

    exports io.classcord.client;
}
