/** The {@code classcord} launcher: configuration, logging, and the wiring of engine and storage. */
module io.classcord.app {
    requires java.logging;
    requires jdk.unsupported;
    requires io.helidon.config;
    requires io.helidon.config.yaml;
    requires io.classcord.engine;
    requires io.classcord.admin;
    // The admin console: an HTTP client of the admin API, reading its records with JSON-B; the
    // launcher's and the console's command lines with picocli (which sets the annotated fields of
    // ConsoleArguments).
    requires java.net.http;
    requires jakarta.json.bind;
    requires info.picocli;
    opens io.classcord.app.console to info.picocli;
    // The console's "view" with the server stopped reads the database read-only over JDBC (sqlite-jdbc).
    requires java.sql;
    // Picocli fills the annotated fields of the launcher's command line (LauncherCommandLine) by reflection.
    opens io.classcord.app to info.picocli;
}
