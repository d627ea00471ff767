package io.classcord.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import io.classcord.engine.ChatServer;
import io.classcord.engine.EngineSettings;
import io.classcord.protocol.ClientFrame;
import io.classcord.protocol.ErrorCode;
import io.classcord.protocol.ServerFrame;
import io.classcord.storage.ChatStore;
import io.classcord.storage.StoreSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatClientTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    ChatStore store;
    ChatServer server;

    @BeforeEach
    void start() throws IOException {
        store = ChatStore.open(new StoreSettings(dir.resolve("c.db"), "NORMAL", 512, 1024, 1, 1));
        server = ChatServer.start(EngineSettings.builder().host("127.0.0.1").port(0).build(), store);
    }

    @AfterEach
    void stop() {
        server.stop();
        store.close();
    }

    ChatClient connect() throws IOException {
        return ChatClient.connect("127.0.0.1", server.port(), WAIT);
    }

    @Test
    void registersLogsInChatsAndReceivesInAChannel() throws IOException {
        try (ChatClient alice = connect(); ChatClient bob = connect()) {
            assertInstanceOf(ServerFrame.RegisterOk.class, alice.register("alice", "pw-a", WAIT));
            assertEquals(new ServerFrame.LoginOk("alice"), alice.login("alice", "pw-a", WAIT));
            bob.register("bob", "pw-b", WAIT);
            bob.login("bob", "pw-b", WAIT);
            bob.send(new ClientFrame.JoinChannel("#dev", false));
            assertEquals(new ServerFrame.Joined("#dev"), bob.await(f -> f instanceof ServerFrame.Joined, WAIT));

            alice.send(new ClientFrame.ChatMessage(null, null, null, "salut l'équipe", "#dev"));
            assertInstanceOf(ServerFrame.Pong.class, alice.sync("1", WAIT));
            ServerFrame.Delivery got = (ServerFrame.Delivery) bob.await(
                    f -> f instanceof ServerFrame.Delivery d && "alice".equals(d.from()), WAIT);
            assertEquals("salut l'équipe", got.content());
            assertEquals("#dev", got.channel());
        }
    }

    @Test
    void errorsAreFramesNotExceptions() throws IOException {
        try (ChatClient client = connect()) {
            ServerFrame.ErrorReply error = assertInstanceOf(ServerFrame.ErrorReply.class,
                    client.login("nobody", "wrong", WAIT));
            assertEquals(ErrorCode.AUTH_FAILED, error.code());
            client.send(new ClientFrame.ChatMessage("private", "ghost", "visitor", "hello", null));
            assertEquals(ErrorCode.UNKNOWN_USER,
                    assertInstanceOf(ServerFrame.ErrorReply.class, client.sync("2", WAIT)).code());
        }
    }
}
