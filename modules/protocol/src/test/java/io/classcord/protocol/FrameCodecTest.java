package io.classcord.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class FrameCodecTest {

    private final FrameCodec codec = new FrameCodec();

    private ClientFrame frame(String line) {
        return assertInstanceOf(Decoded.Frame.class, codec.decode(line)).frame();
    }

    private ErrorCode error(String line) {
        return assertInstanceOf(Decoded.Failed.class, codec.decode(line)).error().code();
    }

    @Test
    void decodesTheCourseRequestsInAnyKeyOrder() {
        assertEquals(new ClientFrame.Register("a", "p"), frame("{\"password\":\"p\",\"username\":\"a\",\"type\":\"register\"}"));
        assertEquals(new ClientFrame.Login("a", "p"), frame("{\"type\":\"login\",\"username\":\"a\",\"password\":\"p\"}"));
        assertEquals(new ClientFrame.ChatMessage("private", "bob", "al", "hi", null),
                frame("{\"content\":\"hi\",\"to\":\"bob\",\"type\":\"message\",\"subtype\":\"private\",\"from\":\"al\"}"));
        assertEquals(new ClientFrame.ChatMessage(null, null, null, "", null), frame("{\"type\":\"message\",\"content\":\"\"}"));
        assertEquals(new ClientFrame.StatusUpdate("do not disturb"),
                frame("{\"type\":\"status\",\"user\":\"x\",\"state\":\"do not disturb\"}"));
        assertEquals(new ClientFrame.UsersRequest(), frame("{\"type\":\"users\"}"));
    }

    @Test
    void decodesExtensionsAndTheirAliases() {
        assertEquals(new ClientFrame.JoinChannel("#dev", false), frame("{\"type\":\"join\",\"channel\":\"#dev\"}"));
        assertEquals(new ClientFrame.JoinChannel("dev", false), frame("{\"type\":\"join_channel\",\"channel\":\"dev\"}"));
        assertEquals(new ClientFrame.JoinChannel("#dev", true), frame("{\"type\":\"message\",\"content\":\" /join #dev \"}"));
        assertEquals(new ClientFrame.LeaveChannel("#dev", true), frame("{\"type\":\"message\",\"content\":\"/leave #dev\"}"));
        assertEquals(new ClientFrame.HistoryRequest("#dev", 50), frame("{\"type\":\"history\",\"channel\":\"#dev\",\"limit\":50}"));
        assertEquals(new ClientFrame.Ping(null), frame("{\"type\":\"ping\"}"));
        assertEquals(new ClientFrame.ChannelsRequest(), frame("{\"type\":\"channels\"}"));
        // "/joined the party" is chat, not a command.
        assertInstanceOf(ClientFrame.ChatMessage.class, frame("{\"type\":\"message\",\"content\":\"/joined the party\"}"));
    }

    @Test
    void reportsTypedErrors() {
        assertEquals(ErrorCode.BAD_JSON, error("{\"type\":"));
        assertEquals(ErrorCode.BAD_JSON, error("\"just a string\""));
        assertEquals(ErrorCode.BAD_JSON, error("[" .repeat(5000) + "]".repeat(5000)));
        assertEquals(ErrorCode.BAD_REQUEST, error("{\"type\":\"login\",\"username\":\"a\"}"));
        assertEquals(ErrorCode.BAD_REQUEST, error("{\"type\":\"message\",\"content\":{\"nested\":true}}"));
        assertEquals(ErrorCode.BAD_REQUEST, error("{\"type\":\"history\",\"limit\":1e400}"));
        assertEquals(ErrorCode.BAD_REQUEST, error("{\"type\":\"history\",\"limit\":99999999999999999999999}"));
        assertEquals(ErrorCode.BAD_REQUEST, error("{\"type\":7}"));
        assertEquals(ErrorCode.UNKNOWN_TYPE, error("{\"type\":\"teleport\"}"));
    }

    @Test
    void encodesCompactAsciiLines() {
        assertEquals("{\"type\":\"register\",\"status\":\"ok\"}\n", codec.encode(new ServerFrame.RegisterOk()));
        assertEquals("{\"type\":\"login\",\"status\":\"ok\",\"username\":\"Zo\\u00e9\"}\n",
                codec.encode(new ServerFrame.LoginOk("Zoé")));
        assertEquals("{\"type\":\"error\",\"code\":\"auth_failed\",\"message\":\"Login failed.\",\"error\":\"Login failed.\"}\n",
                codec.encode(new ServerFrame.ErrorReply(ErrorCode.AUTH_FAILED, "Login failed.")));
        assertEquals("{\"type\":\"users\",\"users\":[\"a\",\"b\"]}\n", codec.encode(new ServerFrame.UserList(List.of("a", "b"))));
        String emoji = codec.encode(new ServerFrame.Presence("x\uD83D\uDE00", "away\n"));
        assertEquals("{\"type\":\"status\",\"user\":\"x\\ud83d\\ude00\",\"state\":\"away\\n\"}\n", emoji);
        assertTrue(emoji.chars().allMatch(c -> c < 0x7f));
    }

    @Test
    void noticeCopiesAsAMessageFromTheServer() {
        ServerFrame.Notice notice = new ServerFrame.Notice(ServerFrame.NoticeKind.SHUTDOWN, "Serveur arrêté.");
        assertEquals("{\"type\":\"shutdown\",\"message\":\"Serveur arr\\u00eat\\u00e9.\"}\n", codec.encode(notice));
        assertEquals("{\"type\":\"message\",\"subtype\":\"global\",\"to\":\"global\",\"from\":\"serveur\","
                        + "\"content\":\"Serveur arr\\u00eat\\u00e9.\",\"timestamp\":\"2025-06-20T17:12:40.123456\"}\n",
                codec.encode(notice.asMessage("2025-06-20T17:12:40.123456")));
    }

    @Test
    void channelNamesAreNormalised() {
        assertEquals("#dev", ChannelName.normalize("dev").orElseThrow());
        assertEquals("#général", ChannelName.normalize("#GE\u0301NE\u0301RAL").orElseThrow());
        assertTrue(ChannelName.normalize("#").isEmpty());
        assertTrue(ChannelName.normalize("#a b").isEmpty());
        assertTrue(ChannelName.normalize("#" + "x".repeat(33)).isEmpty());
    }
}
