package io.classcord.admintests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonStructure;

/**
 * The shipped jlink image ({@code bin/classcord} of modules/dist) in its own process, as systemd runs
 * it: a config file with chat and admin API on 127.0.0.1, port 0 for both (the bound ports come from
 * the "ready" log line), database, token, exports and logs in the test's directory.
 */
final class ImageServer implements AutoCloseable {

    private static final Pattern READY = Pattern.compile(
            "Classcord ready: chat on port (\\d+), admin API on (http://127\\.0\\.0\\.1:\\d+),");
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final Path image;
    private final Path dir;
    private final Path config;
    private final List<String> console = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process process;
    private final int chatPort;
    private final String adminUrl;

    private ImageServer(Path dir) throws IOException {
        this.image = image();
        this.dir = dir;
        this.config = dir.resolve("classcord.yaml");
        Files.createDirectories(dir);
        // Cheap Argon2 so that the many logins of a test take no time; generous rate limits so that
        // a test's bursts are not refused.
        Files.writeString(config, """
                classcord:
                  chat:
                    host: "127.0.0.1"
                    port: 0
                    messages-per-second: 1000
                    message-burst: 1000
                  admin:
                    host: "127.0.0.1"
                    port: 0
                    token-file: "%s"
                    export-dir: "%s"
                  storage:
                    path: "%s"
                    argon2:
                      memory-kib: 1024
                      iterations: 1
                  logging:
                    dir: "%s"
                    console: true
                """.formatted(tokenFile(), dir.resolve("exports"), dir.resolve("data/classcord.db"), dir.resolve("logs")));
        ProcessBuilder builder = new ProcessBuilder(image.resolve("bin/classcord").toString(), "--config", config.toString())
                .directory(dir.toFile()).redirectErrorStream(true);
        scrub(builder.environment());
        process = builder.start();
        Thread.ofVirtual().name("image-console").start(this::pump);
        Matcher ready = awaitReady();
        chatPort = Integer.parseInt(ready.group(1));
        adminUrl = ready.group(2);
    }

    static ImageServer start(Path dir) throws IOException {
        return new ImageServer(dir);
    }

    /** The image under test: set by Maven to modules/dist/target/classcord-image. */
    static Path image() {
        String path = System.getProperty("classcord.image");
        if (path == null || path.isBlank()) {
            throw new IllegalStateException("system property classcord.image is not set: run the tests through Maven");
        }
        Path image = Path.of(path).toAbsolutePath().normalize();
        if (!Files.isExecutable(image.resolve("bin/classcord"))) {
            throw new IllegalStateException("no runtime image at " + image + ": build it with ./mvnw -B -DskipTests package");
        }
        return image;
    }

    /** A developer's CLASSCORD_* variables would override the test's config file. */
    static void scrub(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("CLASSCORD_"));
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                console.add(line);
            }
        } catch (IOException e) {
            // The process is gone; its exit is checked where it matters.
        }
    }

    private Matcher awaitReady() throws IOException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : consoleLines()) {
                Matcher ready = READY.matcher(line);
                if (ready.find()) {
                    return ready;
                }
            }
            if (!process.isAlive()) {
                throw new IOException("the image exited with " + process.exitValue() + ":\n" + String.join("\n", consoleLines()));
            }
            Waits.pause();
        }
        close();
        throw new IOException("the image was not ready within " + START_LIMIT.toSeconds() + " s:\n" + String.join("\n", consoleLines()));
    }

    List<String> consoleLines() {
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    Path dir() {
        return dir;
    }

    Path config() {
        return config;
    }

    Path tokenFile() {
        return dir.resolve("secrets/admin.token");
    }

    String token() throws IOException {
        return Files.readString(tokenFile(), StandardCharsets.UTF_8).strip();
    }

    int chatPort() {
        return chatPort;
    }

    String adminUrl() {
        return adminUrl;
    }

    Process process() {
        return process;
    }

    ChatClient client() throws IOException {
        return new ChatClient(chatPort);
    }

    /** A registered and logged-in user (password {@code secret-NAME}). */
    ChatClient user(String name) throws IOException {
        return ChatClient.loggedIn(chatPort, name, "secret-" + name);
    }

    URI uri(String path) {
        return URI.create(adminUrl + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token()).GET());
    }

    /** A POST with a JSON body, or with no body at all when {@code json} is null. */
    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static JsonStructure json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).read();
    }

    /** Lines of a log file of the server ({@code classcord.log}, {@code audit.log}, {@code debug.log}). */
    List<String> log(String file) {
        try {
            return Files.readAllLines(dir.resolve("logs").resolve(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    /** Waits until a line of the log file contains every fragment (log lines are written asynchronously). */
    String awaitLog(String file, String... fragments) {
        String[] found = new String[1];
        Waits.until(file + " line with " + List.of(fragments), Duration.ofSeconds(15), () -> {
            for (String line : log(file)) {
                if (List.of(fragments).stream().allMatch(line::contains)) {
                    found[0] = line;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Waits for the process to exit on its own (after /api/shutdown or `admin stop`); its exit code. */
    int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the server still runs " + limit.toSeconds() + " s later:\n" + String.join("\n", consoleLines()));
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
