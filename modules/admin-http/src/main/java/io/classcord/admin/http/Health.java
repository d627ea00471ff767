package io.classcord.admin.http;

import java.util.function.BooleanSupplier;

import io.classcord.admin.api.HealthStatus;
import io.classcord.storage.ChatStore;
import io.classcord.storage.StorageException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /health} (both), {@code /health/live} (the process answers) and {@code /health/ready} (the
 * chat port accepts and the database answers); 503 when not ready. Open without a token, for probes.
 */
final class Health implements HttpService {

    private final ChatStore store;
    private final BooleanSupplier chatRunning;

    Health(ChatStore store, BooleanSupplier chatRunning) {
        this.store = store;
        this.chatRunning = chatRunning;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::ready)
                .get("/ready", this::ready)
                .get("/live", (req, res) -> res.send(new HealthStatus("UP", null, null)));
    }

    private void ready(ServerRequest req, ServerResponse res) {
        String chat = chatRunning.getAsBoolean() ? "UP" : "DOWN";
        String database;
        try {
            store.check();
            database = "UP";
        } catch (StorageException e) {
            database = "DOWN";
        }
        boolean up = chat.equals("UP") && database.equals("UP");
        res.status(up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503).send(new HealthStatus(up ? "UP" : "DOWN", chat, database));
    }
}
