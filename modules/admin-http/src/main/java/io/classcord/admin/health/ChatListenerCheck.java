package io.classcord.admin.health;

import java.util.function.BooleanSupplier;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/** Readiness: the chat port accepts connections. */
public final class ChatListenerCheck implements HealthCheck {

    private final BooleanSupplier accepting;

    public ChatListenerCheck(BooleanSupplier accepting) {
        this.accepting = accepting;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.builder().status(accepting.getAsBoolean()).build();
    }
}
