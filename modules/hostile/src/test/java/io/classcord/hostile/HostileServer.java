package io.classcord.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.classcord.testsupport.LaunchedServer;
import io.classcord.testsupport.LogDir;

/**
 * The shipped {@code bin/classcord} of the runtime image in its own process, as systemd would run it: a
 * config file, port 0 (the bound port comes from the ready line), logs and database in the test's
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

    private final Path dir;
    private final Path database;
    private final Path config;
    private final String javaOpts;
    private final LogDir logs;
    private LaunchedServer process;

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
        this.logs = new LogDir(dir.resolve("logs"));
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
                logs.dir()));
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
        ProcessBuilder builder = new ProcessBuilder(LaunchedServer.imageLauncher().toString(), "--config", config.toString())
                .directory(dir.toFile());
        // A smaller heap than the image's default (384 MB): the suite shares the machine with the build.
        // The launcher puts these after its own defaults, so they win.
        builder.environment().put("CLASSCORD_JAVA_OPTS", javaOpts);
        process = LaunchedServer.start(builder);
    }

    int port() {
        return process.chatPort();
    }

    /** The process's resident memory (VmRSS), in MiB. */
    long rssMiB() throws IOException {
        return process.rssMiB();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path database() {
        return database;
    }

    /** A log file of this server ({@code classcord.log}, {@code debug.log}, ...), as fail2ban would read it. */
    Path logFile(String file) {
        return logs.file(file);
    }

    /** Lines of a log file ({@code classcord.log}: activity, {@code debug.log}: details such as rejected requests). */
    List<String> log(String file) {
        return logs.lines(file);
    }

    /**
     * Waits until a log file holds at least {@code count} lines containing {@code fragment}; returns the
     * last one without its timestamp and level.
     */
    String awaitLog(String file, String fragment, int count) {
        String line = logs.awaitLines(file, "containing '" + fragment + "'", l -> l.contains(fragment), count,
                Duration.ofSeconds(15)).getLast();
        int message = line.indexOf(" - ", line.indexOf(" - ") + 3);
        return message > 0 ? line.substring(message + 3) : line;
    }

    /** SIGKILL: no shutdown code runs. */
    void kill() throws InterruptedException {
        process.kill();
    }

    /** SIGTERM and the exit code. */
    int terminate() throws InterruptedException {
        return process.terminate();
    }

    @Override
    public void close() {
        process.close();
    }
}
