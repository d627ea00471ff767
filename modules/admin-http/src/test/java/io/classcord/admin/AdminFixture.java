package io.classcord.admin;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.classcord.admin.http.TokenFile;
import io.classcord.engine.ChatServer;
import io.classcord.engine.EngineListener;
import io.classcord.engine.EngineSettings;
import io.classcord.storage.ChatStore;
import io.classcord.storage.StoreSettings;
import io.classcord.testsupport.CapturedLog;
import jakarta.json.Json;
import jakarta.json.JsonStructure;

/**
 * A chat server and its admin server in this JVM on 127.0.0.1 (free ports), a real SQLite file, and an
 * HTTP client: for tests that need the server's internals (the store); the rest run against the image.
 */
final class AdminFixture implements AutoCloseable {

    final Path dir;
    final ChatStore store;
    final ChatMetrics metrics;
    final DashboardFeed feed = new DashboardFeed();
    final ChatServer chat;
    final AdminServer admin;
    final String token;
    final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CapturedLog auditLog = CapturedLog.of("classcord.audit");
    /** The audit lines so far. */
    final List<String> audit = auditLog.lines();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AdminFixture(Path dir) throws IOException {
        this.dir = dir;
        metrics = ChatMetrics.create();
        store = ChatStore.open(new StoreSettings(dir.resolve("classcord.db"), "NORMAL", 512, 1024, 1, 1), metrics);
        chat = ChatServer.start(EngineSettings.builder().host("127.0.0.1").port(0).messagesPerSecond(1000)
                .messageBurst(1000).build(), store, EngineListener.both(metrics, feed));
        metrics.watch(chat::connectionCount, () -> chat.admin().loggedInUsers());
        AdminSettings settings = new AdminSettings(true, "127.0.0.1", 0, dir.resolve("secrets/admin.token"),
                dir.resolve("exports"), 50);
        admin = AdminServer.start(settings, chat, store, metrics, feed, stopRequested::countDown);
        token = TokenFile.read(settings.tokenFile());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + admin.port() + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonStructure json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).read();
    }

    @Override
    public void close() {
        admin.stop();
        chat.stop();
        store.close();
        auditLog.close();
    }
}
