package io.classcord.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.classcord.testsupport.LaunchedServer;

/**
 * The real launcher in its own JVM, as systemd or a terminal would start it: same module path as
 * the tests (the image is built after this module), a config file in a temporary directory, port 0
 * (the bound ports are read from the ready line).
 */
final class ServerProcess implements AutoCloseable {

    final Path dir;
    private final LaunchedServer server;

    private ServerProcess(Path dir, LaunchedServer server) {
        this.dir = dir;
        this.server = server;
    }

    /** Writes a config for {@code dir} (plus {@code extraYaml} under classcord.chat) and starts the server. */
    static ServerProcess start(Path dir, Map<String, String> environment, String extraChatYaml) throws IOException {
        Path config = writeConfig(dir, extraChatYaml);
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:+UseSerialGC", "-Xmx128m",
                "--enable-native-access=org.xerial.sqlitejdbc",
                "--module-path", ServerProcess.modulePath(),
                "--module", "io.classcord.app/io.classcord.app.Main", "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(environment);
        return new ServerProcess(dir, LaunchedServer.start(builder));
    }

    static Path writeConfig(Path dir, String extraChatYaml) throws IOException {
        Path config = dir.resolve("test-config.yaml");
        Files.writeString(config, """
                classcord:
                  chat:
                    host: "127.0.0.1"
                    port: 0
                    messages-per-second: 100000
                    message-burst: 100000
                %s
                  storage:
                    path: "%s"
                    argon2:
                      memory-kib: 1024
                      iterations: 1
                  admin:
                    port: 0
                    token-file: "%s"
                    export-dir: "%s"
                  logging:
                    dir: "%s"
                """.formatted(extraChatYaml.indent(4).stripTrailing(), dir.resolve("data/classcord.db"),
                dir.resolve("data/admin.token"), dir.resolve("exports"), dir.resolve("logs")));
        return config;
    }

    /** The config the console reads: the server's, with the admin URL of the port the server bound. */
    Path consoleConfig() throws IOException {
        Path config = dir.resolve("console-config.yaml");
        Files.writeString(config, """
                classcord:
                  admin:
                    url: "http://127.0.0.1:%d"
                    token-file: "%s"
                  logging:
                    console: false
                """.formatted(adminPort(), dir.resolve("data/admin.token")));
        return config;
    }

    /** The admin API's port from the ready line, or -1 when the server runs without it. */
    int adminPort() {
        return server.ready().adminUrl().map(url -> URI.create(url).getPort()).orElse(-1);
    }

    /** The app's classes and runtime dependencies, set by the build (see the app's pom). */
    static String modulePath() {
        String path = System.getProperty("classcord.module.path");
        if (path == null || path.isBlank()) {
            throw new IllegalStateException("system property classcord.module.path is not set: run the tests through Maven");
        }
        return path;
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    int port() {
        return server.chatPort();
    }

    Process process() {
        return server.process();
    }

    Path database() {
        return dir.resolve("data/classcord.db");
    }

    Path log(String name) {
        return dir.resolve("logs").resolve(name);
    }

    /** A copy of what the server printed so far (the pump keeps appending meanwhile). */
    List<String> consoleLines() {
        return server.consoleLines();
    }

    /** SIGTERM, then the exit code. */
    int terminate() throws InterruptedException {
        return server.terminate();
    }

    /** SIGKILL: no shutdown code runs. */
    void kill() throws InterruptedException {
        server.kill();
    }

    @Override
    public void close() {
        server.close();
    }
}
