package io.classcord.admin.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.classcord.admin.api.ActivityMinute;
import io.classcord.admin.api.SecurityReport;
import io.classcord.engine.ChatActivity;
import org.junit.jupiter.api.Test;

class LiveFeedTest {

    private static final Instant T0 = Instant.parse("2026-12-02T14:05:10Z");

    private final LiveFeed feed = new LiveFeed();

    @Test
    void aSubscriberGetsOneSseEventPerActivityWithItsJsonOnOneLine() throws Exception {
        EventSubscriber subscriber = feed.subscribe().orElseThrow();
        feed.record(new ChatActivity.Posted("#général", "alice", null, "deux\nlignes <b>", T0));
        String event = new String(subscriber.next(Duration.ofSeconds(1)), StandardCharsets.UTF_8);
        // JSON-B writes the properties in alphabetical order.
        assertEquals("event: message\ndata: {\"channel\":\"#général\",\"recipient\":null,\"sender\":\"alice\","
                + "\"text\":\"deux\\nlignes <b>\",\"time\":\"2026-12-02T14:05:10Z\"}\n\n", event);
    }

    @Test
    void aSubscriberThatFallsBehindIsDroppedWithoutBlockingThePublisher() throws Exception {
        EventSubscriber slow = feed.subscribe().orElseThrow();
        String text = "x".repeat(10_000);
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            feed.record(new ChatActivity.Posted("#dev", "bob", null, text, T0));
        }
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
        assertTrue(slow.isDropped());
        // What it had buffered is still there to read, then the end.
        int read = 0;
        while (slow.next(Duration.ofMillis(10)) != null) {
            read++;
        }
        assertTrue(read > 0 && read < 100, "read " + read);
        assertTrue(feed.subscribe().isPresent(), "the dropped subscriber's place is free again");
    }

    @Test
    void subscribersAreBounded() {
        List<EventSubscriber> all = new ArrayList<>();
        for (int i = 0; i < LiveFeed.MAX_SUBSCRIBERS; i++) {
            all.add(feed.subscribe().orElseThrow());
        }
        assertTrue(feed.subscribe().isEmpty());
        feed.unsubscribe(all.getFirst());
        assertTrue(feed.subscribe().isPresent());
    }

    @Test
    void activityCountsMessagesPerMinuteAndCarriesConnectionsOver() {
        feed.record(new ChatActivity.Presence(ChatActivity.PresenceKind.CONNECTED, null, "10.0.0.7", null, T0));
        feed.record(new ChatActivity.Presence(ChatActivity.PresenceKind.CONNECTED, null, "10.0.0.8", null, T0));
        feed.record(new ChatActivity.Posted("#dev", "bob", null, "a", T0));
        feed.record(new ChatActivity.Posted("#dev", "bob", null, "b", T0.plusSeconds(5)));
        feed.record(new ChatActivity.Presence(ChatActivity.PresenceKind.DISCONNECTED, "bob", "10.0.0.8", null,
                T0.plusSeconds(125)));
        List<ActivityMinute> minutes = feed.activity(1, T0.plusSeconds(185));
        assertEquals(60, minutes.size());
        ActivityMinute first = minutes.get(56);
        assertEquals("2026-12-02T14:05:00Z", first.minute());
        assertEquals(2, first.messages());
        assertEquals(2, first.connections());
        assertEquals(new ActivityMinute("2026-12-02T14:06:00Z", 0, 2), minutes.get(57));
        assertEquals(new ActivityMinute("2026-12-02T14:07:00Z", 0, 1), minutes.get(58));
        assertEquals(new ActivityMinute("2026-12-02T14:08:00Z", 0, 1), minutes.getLast());
        assertEquals(new ActivityMinute("2026-12-02T13:09:00Z", 0, 0), minutes.getFirst());
    }

    @Test
    void securityEventsAreKeptNewestFirstWithCountsPerAddressAndAFrenchDetail() throws Exception {
        EventSubscriber subscriber = feed.subscribe().orElseThrow();
        for (int i = 0; i < SecurityRing.CAPACITY + 5; i++) {
            feed.record(new ChatActivity.Security(ChatActivity.SecurityKind.LOGIN_FAILED, i % 2 == 0 ? "10.0.0.7" : "10.0.0.8",
                    "alice", null, T0.plusSeconds(i)));
        }
        feed.record(new ChatActivity.Security(ChatActivity.SecurityKind.KICKED, "10.0.0.9", "bob", "Calmez-vous", T0));
        SecurityReport report = feed.security(3);
        assertEquals(3, report.events().size());
        assertEquals("kicked", report.events().getFirst().kind());
        assertEquals("Expulsé par un administrateur : Calmez-vous", report.events().getFirst().detail());
        assertEquals("login_failed", report.events().get(1).kind());
        assertEquals(SecurityRing.CAPACITY, report.byAddress().stream().mapToInt(a -> a.count()).sum());
        assertEquals("10.0.0.7", report.byAddress().getFirst().address());
        assertNotNull(subscriber.next(Duration.ofSeconds(1)));
    }

    @Test
    void withoutSubscribersNothingIsEncoded() throws Exception {
        EventSubscriber gone = feed.subscribe().orElseThrow();
        feed.unsubscribe(gone);
        feed.record(new ChatActivity.Posted("#dev", "bob", null, "a", T0));
        assertNull(gone.next(Duration.ofMillis(10)));
    }
}
