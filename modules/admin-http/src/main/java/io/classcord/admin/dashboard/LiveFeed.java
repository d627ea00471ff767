package io.classcord.admin.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.classcord.admin.api.ActivityMinute;
import io.classcord.admin.api.MessageEvent;
import io.classcord.admin.api.PresenceEvent;
import io.classcord.admin.api.SecurityEvent;
import io.classcord.admin.api.SecurityReport;
import io.classcord.engine.ChatActivity;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/**
 * The chat's activity for the dashboard: the per-minute ring, the security ring, and the live
 * subscribers, each given the event as server-sent-event text. Called on the chat's threads: it
 * never waits (no subscriber, no encoding; a full subscriber is dropped).
 */
public final class LiveFeed {

    /** Browsers watching at once; a few teachers' tabs, not a broadcast service. */
    public static final int MAX_SUBSCRIBERS = 8;
    private static final int MAX_NAME = 64;

    private final ActivityRing activity = new ActivityRing();
    private final SecurityRing security = new SecurityRing();
    private final CopyOnWriteArrayList<EventSubscriber> subscribers = new CopyOnWriteArrayList<>();
    // Nulls are written: a channel message says "recipient":null, as the page expects.
    private final Jsonb json = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    public void record(ChatActivity event) {
        switch (event) {
            case ChatActivity.Posted posted -> {
                activity.messagePosted(posted.time());
                publish("message", () -> new MessageEvent(posted.channel(), posted.sender(), posted.recipient(),
                        posted.time().toString(), posted.text()));
            }
            case ChatActivity.Presence presence -> {
                switch (presence.kind()) {
                    case CONNECTED -> activity.connected(presence.time());
                    case DISCONNECTED -> activity.disconnected(presence.time());
                    case JOINED -> {
                        // The count of connections does not change.
                    }
                }
                publish("presence", () -> new PresenceEvent(lower(presence.kind()), presence.name(), presence.address(),
                        presence.channel(), presence.time().toString()));
            }
            case ChatActivity.Security sec -> {
                SecurityEvent shown = new SecurityEvent(lower(sec.kind()), sec.address(), clip(sec.name()),
                        sec.time().toString(), SecurityTexts.detail(sec));
                security.add(shown);
                publish("security", () -> shown);
            }
        }
    }

    /** A new stream, or empty when {@link #MAX_SUBSCRIBERS} are already watching. */
    public synchronized Optional<EventSubscriber> subscribe() {
        if (subscribers.size() >= MAX_SUBSCRIBERS) {
            return Optional.empty();
        }
        EventSubscriber subscriber = new EventSubscriber();
        subscribers.add(subscriber);
        return Optional.of(subscriber);
    }

    public void unsubscribe(EventSubscriber subscriber) {
        subscriber.drop();
        subscribers.remove(subscriber);
    }

    /** Ends every stream (the admin server stops). */
    public void closeAll() {
        subscribers.forEach(this::unsubscribe);
    }

    public List<ActivityMinute> activity(int hours, Instant now) {
        return activity.last(hours, now);
    }

    public SecurityReport security(int limit) {
        return security.report(limit);
    }

    private void publish(String event, java.util.function.Supplier<Object> data) {
        if (subscribers.isEmpty()) {
            return;
        }
        byte[] encoded = ("event: " + event + "\ndata: " + json.toJson(data.get()) + "\n\n").getBytes(StandardCharsets.UTF_8);
        for (EventSubscriber subscriber : subscribers) {
            if (!subscriber.offer(encoded)) {
                subscribers.remove(subscriber);
            }
        }
    }

    /** A name typed at a sign-in may be any length; the page shows the beginning. */
    private static String clip(String name) {
        if (name == null || name.length() <= MAX_NAME) {
            return name;
        }
        int end = Character.isHighSurrogate(name.charAt(MAX_NAME - 1)) ? MAX_NAME - 1 : MAX_NAME;
        return name.substring(0, end) + "…";
    }

    private static String lower(Enum<?> kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
