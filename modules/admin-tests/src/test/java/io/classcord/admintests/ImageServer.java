package io.classcord.admintests;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.classcord.testsupport.LaunchedServer;
import io.classcord.testsupport.LogDir;
import io.classcord.testsupport.WireClient;
import jakarta.json.Json;
import jakarta.json.JsonStructure;

/**
 * The shipped jlink image ({@code bin/classcord} of modules/dist) in its own process, as systemd runs
 * it: a config file with chat and admin API on 127.0.0.1, port 0 for both (the bound ports come from
 * the ready line), database, token, exports and logs in the test's directory.
 */
final class ImageServer implements AutoCloseable {

    private final Path dir;
    private final Path config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LaunchedServer process;
    private final LogDir logs;

    private ImageServer(Path dir) throws IOException {
        this.dir = dir;
        this.config = dir.resolve("classcord.yaml");
        this.logs = new LogDir(dir.resolve("logs"));
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
                    backup-status-file: "%s"
                  storage:
                    path: "%s"
                    argon2:
                      memory-kib: 1024
                      iterations: 1
                  logging:
                    dir: "%s"
                    console: true
                """.formatted(tokenFile(), dir.resolve("exports"), backupStatusFile(), dir.resolve("data/classcord.db"), logs.dir()));
        ProcessBuilder builder = new ProcessBuilder(LaunchedServer.imageLauncher().toString(), "--config", config.toString())
                .directory(dir.toFile());
        LaunchedServer.scrub(builder.environment());
        process = LaunchedServer.start(builder);
    }

    static ImageServer start(Path dir) throws IOException {
        return new ImageServer(dir);
    }

    Path dir() {
        return dir;
    }

    Path config() {
        return config;
    }

    /** The file the backup units would write; absent until a test writes it. */
    Path backupStatusFile() {
        return dir.resolve("backup-status");
    }

    Path tokenFile() {
        return dir.resolve("secrets/admin.token");
    }

    String token() throws IOException {
        return Files.readString(tokenFile(), StandardCharsets.UTF_8).strip();
    }

    int chatPort() {
        return process.chatPort();
    }

    String adminUrl() {
        return process.adminUrl();
    }

    Process process() {
        return process.process();
    }

    WireClient client() throws IOException {
        return WireClient.connect(chatPort());
    }

    /** A registered and logged-in user (password {@code secret-NAME}). */
    WireClient user(String name) throws IOException {
        return WireClient.loggedIn(chatPort(), name, "secret-" + name);
    }

    URI uri(String path) {
        return URI.create(adminUrl() + path);
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
        return logs.lines(file);
    }

    /** Waits until a line of the log file contains every fragment (log lines are written asynchronously). */
    String awaitLog(String file, String... fragments) {
        return logs.awaitLines(file, "with " + List.of(fragments), line -> Stream.of(fragments).allMatch(line::contains), 1,
                Duration.ofSeconds(15)).getFirst();
    }

    /** Waits for the process to exit on its own (after /api/shutdown or `admin stop`); its exit code. */
    int awaitExit(Duration limit) throws InterruptedException {
        return process.awaitExit(limit);
    }

    @Override
    public void close() {
        process.close();
    }
}
