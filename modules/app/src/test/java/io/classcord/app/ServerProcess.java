package io.classcord.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real launcher in its own JVM, as systemd or a terminal would start it: same module path as
 * the tests, a config file in a temporary directory, port 0 (the bound port is read from the
 * "ready" log line).
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("Classcord ready: chat on port (\\d+)");
    private static final Pattern ADMIN = Pattern.compile("admin API on http://127\\.0\\.0\\.1:(\\d+)");

    final Path dir;
    final Process process;
    final List<String> console = java.util.Collections.synchronizedList(new ArrayList<>());
    private final int port;
    private final int adminPort;

    private ServerProcess(Path dir, Process process) throws IOException {
        this.dir = dir;
        this.process = process;
        Thread.ofVirtual().start(this::pumpConsole);
        this.port = awaitReadyPort();
        this.adminPort = consoleLines().stream().map(ADMIN::matcher).filter(Matcher::find)
                .mapToInt(m -> Integer.parseInt(m.group(1))).findFirst().orElse(-1);
    }

    /** Writes a config for {@code dir} (plus {@code extraYaml} under classcord.chat) and starts the server. */
    static ServerProcess start(Path dir, Map<String, String> environment, String extraChatYaml) throws IOException {
        Path config = writeConfig(dir, extraChatYaml);
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:+UseSerialGC", "-Xmx128m",
                "--enable-native-access=org.xerial.sqlitejdbc",
                "--module-path", ServerProcess.modulePath(),
                "--module", "io.classcord.app/io.classcord.app.Main", "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new ServerProcess(dir, builder.start());
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
                """.formatted(adminPort, dir.resolve("data/admin.token")));
        return config;
    }

    int adminPort() {
        return adminPort;
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
        return port;
    }

    Path database() {
        return dir.resolve("data/classcord.db");
    }

    Path log(String name) {
        return dir.resolve("logs").resolve(name);
    }

    private int awaitReadyPort() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : consoleLines()) {
                Matcher ready = READY.matcher(line);
                if (ready.find()) {
                    return Integer.parseInt(ready.group(1));
                }
            }
            if (!process.isAlive()) {
                throw new IOException("server exited with " + process.exitValue() + ":\n" + String.join("\n", consoleLines()));
            }
            pause();
        }
        process.destroyForcibly();
        throw new IOException("server not ready in time:\n" + String.join("\n", consoleLines()));
    }

    /** A copy of what the server printed so far (the pump keeps appending meanwhile). */
    List<String> consoleLines() {
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pumpConsole() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                console.add(line);
            }
        } catch (IOException e) {
            // Process gone.
        }
    }

    /** SIGTERM, then the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server did not stop within 30 s after SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown code runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
