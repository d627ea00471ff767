package io.classcord.admin.health;

import io.classcord.admin.api.HealthStatus;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /health} exactly: the readiness checks in the body scripts and the console already read,
 * {@code {"chat":"UP","database":"UP","status":"UP"}}, 503 when one is down. {@code /health/ready}
 * and {@code /health/live} are Helidon's health observer, with the same checks. With a backup status file,
 * the body also carries its line ({@code "backup":"ok 2026-12-02T03:00:01Z classcord-backup-hourly.service"}).
 */
public final class ReadinessSummary implements Handler {

    private final HealthCheck chat;
    private final HealthCheck database;
    private final BackupStatus backup;

    /** @param backup the backup status file's reader, or null when none is configured */
    public ReadinessSummary(ChatListenerCheck chat, DatabaseCheck database, BackupStatus backup) {
        this.chat = chat;
        this.database = database;
        this.backup = backup;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        String chatStatus = status(chat);
        String databaseStatus = status(database);
        boolean up = chatStatus.equals("UP") && databaseStatus.equals("UP");
        res.status(up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503)
                .send(new HealthStatus(up ? "UP" : "DOWN", chatStatus, databaseStatus, backup == null ? null : backup.line()));
    }

    private static String status(HealthCheck check) {
        return check.call().status() == HealthCheckResponse.Status.UP ? "UP" : "DOWN";
    }
}
