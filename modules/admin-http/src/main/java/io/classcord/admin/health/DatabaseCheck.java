package io.classcord.admin.health;

import io.classcord.storage.ChatStore;
import io.classcord.storage.StorageException;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/** Readiness: the database answers a query. */
public final class DatabaseCheck implements HealthCheck {

    private final ChatStore store;

    public DatabaseCheck(ChatStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthCheckResponse call() {
        try {
            store.check();
            return HealthCheckResponse.builder().status(true).build();
        } catch (StorageException e) {
            return HealthCheckResponse.builder().status(false).detail("error", String.valueOf(e.getMessage())).build();
        }
    }
}
