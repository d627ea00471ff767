/** The {@code classcord} launcher: configuration, logging, and the wiring of engine and storage. */
module io.classcord.app {
    requires java.logging;
    requires jdk.unsupported;
    requires io.helidon.config;
    requires io.helidon.config.yaml;
    requires io.classcord.engine;
    requires io.classcord.admin;
    // The admin console: an HTTP client of the admin API, reading its JSON with JSON-P.
    requires java.net.http;
    requires jakarta.json;
    // The console's "view" with the server stopped reads the database read-only over JDBC (sqlite-jdbc).
    requires java.sql;
    // The launcher's command line.
    requires info.picocli;

    // Picocli fills the annotated fields of the command line (LauncherCommandLine) by reflection.
    opens io.classcord.app to info.picocli;
}
