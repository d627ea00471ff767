package io.classcord.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.classcord.testsupport.WireClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelsTest {

    @TempDir
    Path dir;

    private static boolean isType(JsonObject o, String type) {
        return o.getString("type").equals(type);
    }

    @Test
    void joinAnswersAndMessagesWithChannelGoOnlyToMembers() throws IOException {
        try (ServerFixture fixture = new ServerFixture(dir);
             WireClient alice = fixture.user("alice"); WireClient bob = fixture.user("bob");
             WireClient carol = fixture.user("carol")) {
            alice.send("{\"type\":\"join\",\"channel\":\"#dev\"}");
            assertEquals("{\"type\":\"join\",\"status\":\"ok\",\"channel\":\"#dev\"}",
                    nextNonStatusLine(alice));
            bob.send("{\"type\":\"join_channel\",\"channel\":\"dev\"}");
            JsonObject joined = bob.nextMatching(o -> isType(o, "join"));
            assertEquals("#dev", joined.getString("channel"));

            carol.send("{\"type\":\"message\",\"channel\":\"#dev\",\"content\":\"to dev\"}");
            for (WireClient member : List.of(alice, bob)) {
                JsonObject got = member.nextMatching(o -> isType(o, "message"));
                assertEquals("#dev", got.getString("channel"));
                assertEquals("to dev", got.getString("content"));
            }
            // alice is now in #dev: her messages without channel go there; carol is only in #général.
            alice.send("{\"type\":\"message\",\"content\":\"current channel\"}");
            JsonObject got = bob.nextMatching(o -> isType(o, "message"));
            assertEquals("#dev", got.getString("channel"));
            carol.send("{\"type\":\"ping\"}");
            assertEquals("pong", carol.nextMatching(o -> !isType(o, "status")).getString("type"));
        }
    }

    private static String nextNonStatusLine(WireClient client) throws IOException {
        while (true) {
            String line = client.nextLine(WireClient.DEFAULT_WAIT);
            if (!line.contains("\"type\":\"status\"")) {
                return line;
            }
        }
    }

    @Test
    void slashJoinTypedAsContentWorksFromAnUnmodifiedClient() throws IOException {
        try (ServerFixture fixture = new ServerFixture(dir);
             WireClient alice = fixture.user("alice"); WireClient bob = fixture.user("bob")) {
            alice.send("{\"type\":\"message\",\"subtype\":\"global\",\"to\":\"global\",\"from\":\"alice\",\"content\":\"/join #dev\"}");
            // No typed join reply: an unmodified client may print unknown types raw; the message says it.
            JsonObject notice = alice.nextMatching(o -> !isType(o, "status"));
            assertEquals("serveur", notice.getString("from"));
            assertTrue(notice.getString("content").contains("#dev"));
            // The command itself is not chat: bob (in #général) sees nothing of it.
            bob.send("{\"type\":\"ping\"}");
            assertEquals("pong", bob.nextMatching(o -> !isType(o, "status")).getString("type"));
        }
    }

    @Test
    void leaveAnswersAndStopsDelivery() throws IOException {
        try (ServerFixture fixture = new ServerFixture(dir);
             WireClient alice = fixture.user("alice"); WireClient bob = fixture.user("bob")) {
            alice.send("{\"type\":\"leave\",\"channel\":\"#général\"}");
            JsonObject left = alice.nextMatching(o -> isType(o, "leave"));
            assertEquals("ok", left.getString("status"));
            bob.send("{\"type\":\"message\",\"content\":\"anyone?\"}");
            alice.send("{\"type\":\"ping\"}");
            assertEquals("pong", alice.nextMatching(o -> !isType(o, "status")).getString("type"));
        }
    }

    @Test
    void unknownChannelIsCreatedWhenAllowedAndCapped() throws IOException {
        EngineSettings.Builder settings = EngineSettings.builder().messagesPerSecond(1000).messageBurst(1000).maxChannels(4);
        try (ServerFixture fixture = new ServerFixture(dir, settings); WireClient alice = fixture.user("alice")) {
            alice.send("{\"type\":\"join\",\"channel\":\"#projet\"}");
            assertEquals("ok", alice.nextMatching(o -> isType(o, "join")).getString("status"));
            alice.send("{\"type\":\"join\",\"channel\":\"#another\"}");
            assertEquals("unknown_channel", alice.nextMatching(o -> isType(o, "error")).getString("code"));
        }
    }

    @Test
    void classmatesRacingToJoinANewChannelSpendOneCreation() throws Exception {
        // One creation allowed per address: only the request that really makes the channel spends it.
        EngineSettings.Builder settings = EngineSettings.builder().channelCreationsPerIp(1);
        try (ServerFixture fixture = new ServerFixture(dir, settings)) {
            List<WireClient> pupils = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    pupils.add(fixture.user("pupil" + i));
                }
                for (WireClient pupil : pupils) {
                    pupil.send("{\"type\":\"join\",\"channel\":\"#groupe\"}");
                }
                for (WireClient pupil : pupils) {
                    JsonObject answer = pupil.nextMatching(o -> isType(o, "join") || isType(o, "error"));
                    assertEquals("ok", answer.getString("status", answer.toString()), "every pupil joins");
                }
            } finally {
                for (WireClient pupil : pupils) {
                    pupil.close();
                }
            }
        }
    }

    @Test
    void unknownChannelIsRefusedWhenUserChannelsAreOff() throws IOException {
        EngineSettings.Builder settings = EngineSettings.builder().userChannelsAllowed(false);
        try (ServerFixture fixture = new ServerFixture(dir, settings); WireClient alice = fixture.user("alice")) {
            alice.send("{\"type\":\"join\",\"channel\":\"#projet\"}");
            JsonObject error = alice.nextMatching(o -> isType(o, "error"));
            assertEquals("unknown_channel", error.getString("code"));
            assertEquals(error.getString("message"), error.getString("error"));
            alice.send("{\"type\":\"message\",\"channel\":\"#nowhere\",\"content\":\"x\"}");
            assertEquals("unknown_channel", alice.nextMatching(o -> isType(o, "error")).getString("code"));
        }
    }

    @Test
    void adminChannelIsForbiddenToUsersAndOpenToAdmins() throws IOException {
        try (ServerFixture fixture = new ServerFixture(dir); WireClient alice = fixture.user("alice")) {
            alice.send("{\"type\":\"join\",\"channel\":\"#admin\"}");
            assertEquals("forbidden", alice.nextMatching(o -> isType(o, "error")).getString("code"));
            alice.send("{\"type\":\"message\",\"channel\":\"#admin\",\"content\":\"x\"}");
            assertEquals("forbidden", alice.nextMatching(o -> isType(o, "error")).getString("code"));

            fixture.store.register("root", "pw-root");
            fixture.store.setRole("root", "admin");
            try (WireClient root = WireClient.loggedIn(fixture.port(), "root", "pw-root")) {
                root.send("{\"type\":\"join\",\"channel\":\"#admin\"}");
                assertEquals("ok", root.nextMatching(o -> isType(o, "join")).getString("status"));
            }
        }
    }

    @Test
    void channelsListsMemberCounts() throws IOException {
        try (ServerFixture fixture = new ServerFixture(dir);
             WireClient alice = fixture.user("alice"); WireClient bob = fixture.user("bob")) {
            bob.send("{\"type\":\"join\",\"channel\":\"#dev\"}");
            bob.nextMatching(o -> isType(o, "join"));
            alice.send("{\"type\":\"channels\"}");
            JsonObject list = alice.nextMatching(o -> isType(o, "channels"));
            Map<String, Integer> members = list.getJsonArray("channels").getValuesAs(JsonObject.class).stream()
                    .collect(Collectors.toMap(c -> c.getString("name"), c -> c.getInt("members")));
            assertEquals(Map.of("#général", 2, "#dev", 1, "#admin", 0), members);
        }
    }

    @Test
    void historyIsAnsweredOnRequestOnlyOldestFirst() throws IOException {
        try (ServerFixture fixture = new ServerFixture(dir)) {
            try (WireClient alice = fixture.user("alice"); WireClient bob = fixture.user("bob")) {
                for (int i = 1; i <= 5; i++) {
                    alice.send("{\"type\":\"message\",\"content\":\"m" + i + "\"}");
                    bob.nextMatching(o -> isType(o, "message"));
                }
            }
            try (WireClient carol = fixture.user("carol")) {
                assertTrue(carol.silentFor(Duration.ofMillis(300)), "history is never pushed unsolicited");
                carol.send("{\"type\":\"history\",\"channel\":\"#général\",\"limit\":3}");
                JsonObject history = carol.nextMatching(o -> isType(o, "history"));
                List<String> contents = history.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                        .map(m -> m.getString("content")).toList();
                assertEquals(List.of("m3", "m4", "m5"), contents);
                assertEquals("alice", history.getJsonArray("messages").getJsonObject(0).getString("from"));
                carol.send("{\"type\":\"history\",\"limit\":0}");
                assertEquals("bad_request", carol.nextMatching(o -> isType(o, "error")).getString("code"));
                carol.send("{\"type\":\"history\",\"channel\":\"#admin\"}");
                assertEquals("forbidden", carol.nextMatching(o -> isType(o, "error")).getString("code"));
            }
        }
    }
}
