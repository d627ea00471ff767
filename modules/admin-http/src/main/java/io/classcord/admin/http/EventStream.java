package io.classcord.admin.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import io.classcord.admin.api.ErrorBody;
import io.classcord.admin.dashboard.DashboardSessions;
import io.classcord.admin.dashboard.EventSubscriber;
import io.classcord.admin.dashboard.LiveFeed;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /tableau/events}: the live feed as server-sent events, for a signed-in teacher. The
 * request's own (virtual) thread writes the subscriber's buffer to the socket; the chat only ever
 * fills that buffer. The stream ends when the session does, when the browser goes, or when it falls
 * behind (its EventSource then reconnects).
 */
final class EventStream {

    private static final Duration PING_EVERY = Duration.ofSeconds(15);
    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.UTF_8);

    private final LiveFeed feed;
    private final DashboardSessions sessions;
    private final RefusedCallers refused;

    EventStream(LiveFeed feed, DashboardSessions sessions, RefusedCallers refused) {
        this.feed = feed;
        this.sessions = sessions;
        this.refused = refused;
    }

    void stream(ServerRequest req, ServerResponse res) throws IOException {
        Optional<DashboardSessions.Session> session = DashboardRequests.sessionCookie(req).flatMap(sessions::use);
        if (session.isEmpty()) {
            SessionRoutes.signedOut(req, res);
            return;
        }
        if (!DashboardRequests.sameOrigin(req)) {
            DashboardRequests.csrfRefused(req, res, refused, "foreign origin");
            return;
        }
        Optional<EventSubscriber> subscribed = feed.subscribe();
        if (subscribed.isEmpty()) {
            res.status(Status.SERVICE_UNAVAILABLE_503).send(new ErrorBody("too_many_streams", ApiTexts.of(req).t("events.full")));
            return;
        }
        EventSubscriber subscriber = subscribed.get();
        String id = session.get().id();
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        try (OutputStream out = res.outputStream()) {
            // Sent at once so that the browser's EventSource opens without waiting for an event.
            out.write(PING);
            out.flush();
            while (!subscriber.isDropped() && sessions.isLive(id)) {
                byte[] event = subscriber.next(PING_EVERY);
                out.write(event == null ? PING : event);
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The browser went away.
        } finally {
            feed.unsubscribe(subscriber);
        }
    }
}
