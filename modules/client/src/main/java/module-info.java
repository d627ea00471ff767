/**
 * The Classcord client: a small library ({@link io.classcord.client.ChatClient}) that the load
 * generator and the hostile tests share, and the {@code classcord-client} terminal client
 * ({@code io.classcord.client.cli.Main}).
 */
module io.classcord.client {
    requires transitive io.classcord.protocol;
    requires info.picocli;

    exports io.classcord.client;
    // Picocli fills the annotated fields of the command line by reflection.
    opens io.classcord.client.cli to info.picocli;
}
