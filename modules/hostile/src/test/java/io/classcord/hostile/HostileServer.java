package io.classcord.hostile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped {@code bin/classcord} of the runtime image in its own process, as systemd would run it: a
 * config file, port 0 (the bound port comes from the "ready" log line), logs and database in the test's
 * directory.
 * Limits are the defaults except where a case needs them small enough to reach quickly.
 */
final class HostileServer implements AutoCloseable {

    static final String LIMITS = """
            messages-per-second: 100
            message-burst: 200
            partial-line-seconds: 3
            login-max-failures: 5
            """;

    private static final Pattern READY = Pattern.compile("Classcord ready: chat on port (\\d+)");

    private final Path dir;
    private final Path database;
    private final Path config;
    private final List<String> console = Collections.synchronizedList(new ArrayList<>());
    private final String javaOpts;
    private Process process;
    private int port;

    /** Cheap hashing for most cases: they attack the chat, not the password hashing. */
    private static final String CHEAP_ARGON2 = """
            argon2:
              memory-kib: 1024
              iterations: 1
            """;

    private HostileServer(Path dir, Path database, String chatYaml, String argon2Yaml, String javaOpts)
            throws IOException {
        this.dir = dir;
        this.database = database;
        this.javaOpts = javaOpts;
        this.config = dir.resolve("hostile.yaml");
        Files.createDirectories(dir);
        Files.writeString(config, """
                classcord:
                  chat:
                    host: "127.0.0.1"
                    port: 0
                %s
                  storage:
                    path: "%s"
                %s
                  admin:
                    # Any free port: the image's default 8080 may be taken by another build or server
                    # on this machine, and the suite never calls the admin API.
                    port: 0
                  logging:
                    dir: "%s"
                    console: true
                """.formatted(chatYaml.indent(4).stripTrailing(), database, argon2Yaml.indent(4).stripTrailing(),
                dir.resolve("logs")));
    }

    /** Starts a server whose database is {@code database} (it may live on a file system of its own). */
    static HostileServer start(Path dir, Path database, String chatYaml) throws IOException {
        HostileServer server = new HostileServer(dir, database, chatYaml, CHEAP_ARGON2, "-Xmx256m");
        server.launch();
        return server;
    }

    static HostileServer start(Path dir) throws IOException {
        return start(dir, dir.resolve("data/classcord.db"), LIMITS);
    }

    /**
     * A server with the production Argon2id cost (19 MiB, 2 iterations) and the image's own heap,
     * told by {@code javaOpts} how many processors it has, for the cases that attack password hashing.
     */
    static HostileServer startWithProductionHashing(Path dir, String javaOpts) throws IOException {
        HostileServer server = new HostileServer(dir, dir.resolve("data/classcord.db"), LIMITS, "", javaOpts);
        server.launch();
        return server;
    }

    /** Starts the process again on the same database and logs (after a kill). */
    void launch() throws IOException {
        console.clear();
        ProcessBuilder builder = new ProcessBuilder(launcher().toString(), "--config", config.toString())
                .directory(dir.toFile()).redirectErrorStream(true);
        // A smaller heap than the image's default (384 MB): the suite shares the machine with the build.
        // The launcher puts these after its own defaults, so they win.
        builder.environment().put("CLASSCORD_JAVA_OPTS", javaOpts);
        process = builder.start();
        Process started = process;
        Thread.ofVirtual().start(() -> pump(started));
        port = awaitReadyPort();
    }

    /**
     * {@code bin/classcord} of the runtime image that modules/dist builds: the suite attacks what is
     * shipped (jlink image, launcher options, AOT cache, native SQLite library), not Maven's jars.
     */
    private static Path launcher() {
        String image = System.getProperty("classcord.image");
        if (image == null || image.isBlank()) {
            throw new IllegalStateException("system property classcord.image is not set: run the suite through Maven");
        }
        Path launcher = Path.of(image, "bin", "classcord");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " is missing: build modules/dist first (./mvnw -B verify -pl modules/hostile -am)");
        }
        return launcher;
    }

    private void pump(Process from) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(from.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                console.add(line);
            }
        } catch (IOException e) {
            // Process gone.
        }
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
            Waits.pause();
        }
        throw new IOException("server not ready within 60 s:\n" + String.join("\n", consoleLines()));
    }

    List<String> consoleLines() {
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** The process's resident memory (VmRSS), in MiB. */
    long rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IOException("no VmRSS for process " + pid());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path database() {
        return database;
    }

    /** A log file of this server ({@code classcord.log}, {@code debug.log}, ...), as fail2ban would read it. */
    Path logFile(String file) {
        return dir.resolve("logs").resolve(file);
    }

    /** Lines of a log file ({@code classcord.log}: activity, {@code debug.log}: details such as rejected requests). */
    List<String> log(String file) throws IOException {
        try {
            return Files.readAllLines(logFile(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /**
     * Waits until a log file holds at least {@code count} lines containing {@code fragment}; returns the
     * last one without its timestamp and level.
     */
    String awaitLog(String file, String fragment, int count) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            List<String> matching = log(file).stream().filter(line -> line.contains(fragment)).toList();
            if (matching.size() >= count) {
                String line = matching.getLast();
                int message = line.indexOf(" - ", line.indexOf(" - ") + 3);
                return message > 0 ? line.substring(message + 3) : line;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " has " + matching.size() + " line(s) with '" + fragment + "', expected "
                        + count);
            }
            Waits.pause();
        }
    }

    /** SIGKILL: no shutdown code runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("server survived SIGKILL for 30 s");
        }
    }

    /** SIGTERM and the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
