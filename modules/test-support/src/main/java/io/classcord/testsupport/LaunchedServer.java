package io.classcord.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Classcord server in a process of its own, as systemd or a terminal starts it: the shipped image's
 * {@code bin/classcord} (see {@link #imageLauncher()}), or a {@code java} command where a module's
 * tests run before the image exists. The caller's command names its own config (port 0, data and logs
 * in the test's directory); this waits for the {@link ReadyLine}, keeps what the process prints, and
 * stops it by its process id: SIGTERM, then SIGKILL.
 */
public final class LaunchedServer implements AutoCloseable {

    /** How long a server may take to start on a loaded build machine. */
    public static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    private final Process process;
    private final Thread pump;
    private final List<String> console = Collections.synchronizedList(new ArrayList<>());
    private final ReadyLine ready;

    private LaunchedServer(ProcessBuilder builder) throws IOException {
        process = builder.redirectErrorStream(true).start();
        pump = Thread.ofVirtual().name("server-console").start(this::pumpConsole);
        ready = awaitReady();
    }

    /** Starts {@code builder}'s command (its output merged into the console) and waits until it is ready. */
    public static LaunchedServer start(ProcessBuilder builder) throws IOException {
        return new LaunchedServer(builder);
    }

    /** The runtime image under test: the system property {@code classcord.image}, set by Maven to modules/dist's. */
    public static Path image() {
        String path = System.getProperty("classcord.image");
        if (path == null || path.isBlank()) {
            throw new IllegalStateException("system property classcord.image is not set: run the tests through Maven");
        }
        Path image = Path.of(path).toAbsolutePath().normalize();
        if (!Files.isExecutable(image.resolve("bin/classcord"))) {
            throw new IllegalStateException("no runtime image at " + image + ": build modules/dist first (./mvnw -B -DskipTests package)");
        }
        return image;
    }

    /** {@code bin/classcord} of the image: tests attack what is shipped (jlink image, launcher, AOT cache), not Maven's jars. */
    public static Path imageLauncher() {
        return image().resolve("bin/classcord");
    }

    /** A developer's CLASSCORD_* variables would override the test's config file. */
    public static void scrub(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("CLASSCORD_"));
    }

    private ReadyLine awaitReady() throws IOException {
        ReadyLine[] found = new ReadyLine[1];
        try {
            Waits.until("the server's ready line", START_LIMIT, () -> {
                found[0] = findReady();
                return found[0] != null || !process.isAlive();
            });
        } catch (AssertionError e) {
            close();
            throw new IOException("server not ready within " + START_LIMIT.toSeconds() + " s:\n" + consoleText(), e);
        }
        if (found[0] == null) {
            drainConsole();
            throw new IOException("server exited with " + process.exitValue() + ":\n" + consoleText());
        }
        return found[0];
    }

    private ReadyLine findReady() {
        for (String line : consoleLines()) {
            Optional<ReadyLine> ready = ReadyLine.parse(line);
            if (ready.isPresent()) {
                return ready.get();
            }
        }
        return null;
    }

    private void pumpConsole() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                console.add(line);
            }
        } catch (IOException e) {
            // The process is gone; its exit is checked where it matters.
        }
    }

    /** After the exit: the last lines the process printed are in the console before it is shown. */
    private void drainConsole() {
        try {
            pump.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public ReadyLine ready() {
        return ready;
    }

    public int chatPort() {
        return ready.chatPort();
    }

    /** The admin API's base URL; fails if the server runs without it. */
    public String adminUrl() {
        return ready.adminUrl().orElseThrow(() -> new IllegalStateException("no admin API:\n" + consoleText()));
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** A copy of what the server printed so far (the pump keeps appending meanwhile). */
    public List<String> consoleLines() {
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    public String consoleText() {
        return String.join("\n", consoleLines());
    }

    /** The process's resident memory (VmRSS), in MiB. */
    public long rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IOException("no VmRSS for process " + pid());
    }

    /** Waits for the process to exit on its own (after a stop command); its exit code. */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the server still runs " + limit.toSeconds() + " s later:\n" + consoleText());
        }
        drainConsole();
        return process.exitValue();
    }

    /** SIGTERM, then the exit code; fails (after a SIGKILL) if the server does not stop in time. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server did not stop within " + STOP_LIMIT.toSeconds() + " s of SIGTERM");
        }
        drainConsole();
        return process.exitValue();
    }

    /** SIGKILL: no shutdown code runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("server survived SIGKILL for " + STOP_LIMIT.toSeconds() + " s");
        }
    }

    /** Whatever state the test left it in: SIGTERM, then SIGKILL if it is still there. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
