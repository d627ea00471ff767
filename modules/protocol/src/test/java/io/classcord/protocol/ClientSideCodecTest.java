package io.classcord.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The client half of the codec: what a client sends decodes back to itself; what a server sends decodes to its frame. */
class ClientSideCodecTest {

    private final FrameCodec codec = new FrameCodec();

    @Test
    void everyRequestSurvivesTheRoundTripThroughTheServerDecoder() {
        List<ClientFrame> requests = List.of(
                new ClientFrame.Register("élodie", "pw \"x\""),
                new ClientFrame.Login("bob", "pw"),
                new ClientFrame.ChatMessage("private", "bob", "al", "salut #général", null),
                new ClientFrame.ChatMessage(null, null, null, "hi", "#dev"),
                new ClientFrame.StatusUpdate("away"),
                new ClientFrame.UsersRequest(),
                new ClientFrame.JoinChannel("#dev", false),
                new ClientFrame.LeaveChannel("#dev", false),
                new ClientFrame.ChannelsRequest(),
                new ClientFrame.HistoryRequest("#dev", 20),
                new ClientFrame.HistoryRequest(null, null),
                new ClientFrame.Ping("7"));
        for (ClientFrame request : requests) {
            String line = codec.encodeRequest(request);
            assertTrue(line.endsWith("\n") && line.chars().allMatch(c -> c < 0x7f), line);
            Decoded decoded = codec.decode(line.strip());
            assertEquals(request, assertInstanceOf(Decoded.Frame.class, decoded).frame(), line);
        }
    }

    @Test
    void everyServerFrameSurvivesTheRoundTripThroughTheClientDecoder() {
        ServerFrame.Delivery delivery = new ServerFrame.Delivery("alice", "ça va ?", "global", "global", "#général",
                "2025-06-20T17:12:40.123456");
        List<ServerFrame> frames = List.of(
                new ServerFrame.RegisterOk(),
                new ServerFrame.LoginOk("alice"),
                new ServerFrame.ErrorReply(ErrorCode.AUTH_FAILED, "Login failed."),
                delivery,
                new ServerFrame.Presence("alice", "away"),
                new ServerFrame.UserList(List.of("alice", "bob")),
                new ServerFrame.Joined("#dev"),
                new ServerFrame.Left("#dev"),
                new ServerFrame.ChannelList(List.of(new ServerFrame.ChannelInfo("#admin", 0, true, true))),
                new ServerFrame.History("#général", List.of(delivery)),
                new ServerFrame.Pong("7"),
                new ServerFrame.Pong(null),
                new ServerFrame.Notice(ServerFrame.NoticeKind.SHUTDOWN, "Serveur arrêté."));
        for (ServerFrame frame : frames) {
            String line = codec.encode(frame).strip();
            assertEquals(frame, assertInstanceOf(Reply.Frame.class, codec.decodeReply(line)).frame(), line);
        }
    }

    @Test
    void repliesOfTheOriginalServerAndGarbageAreDecodedWithoutThrowing() {
        ServerFrame.ErrorReply original = assertInstanceOf(ServerFrame.ErrorReply.class, assertInstanceOf(Reply.Frame.class,
                codec.decodeReply("{\"type\":\"error\",\"message\":\"Login failed.\"}")).frame());
        assertNull(original.code());
        assertEquals("Login failed.", original.message());
        assertEquals("surprise", assertInstanceOf(Reply.Unrecognized.class,
                codec.decodeReply("{\"type\":\"surprise\"}")).type());
        assertInstanceOf(Reply.Unrecognized.class, codec.decodeReply("not json"));
        assertInstanceOf(Reply.Unrecognized.class, codec.decodeReply("[1,2]"));
        assertInstanceOf(Reply.Unrecognized.class, codec.decodeReply("{\"type\":42}"));
    }
}
