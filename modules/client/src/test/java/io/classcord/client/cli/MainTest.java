package io.classcord.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.classcord.client.ChatClient;
import io.classcord.engine.ChatServer;
import io.classcord.engine.EngineSettings;
import io.classcord.protocol.ServerFrame;
import io.classcord.storage.ChatStore;
import io.classcord.storage.StoreSettings;
import io.classcord.testsupport.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal client against a real server, as a script and as a person would use it. */
class MainTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    ChatStore store;
    ChatServer server;
    final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

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

    int run(String stdin, String... args) {
        return Main.run(args, new BufferedReader(new StringReader(stdin)),
                new PrintStream(outBytes, true, StandardCharsets.UTF_8), new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    Path passwordFile(String password) throws IOException {
        Path file = dir.resolve("pw-" + password);
        Files.writeString(file, password + "\n");
        return file;
    }

    ChatClient listener(String name) throws IOException {
        ChatClient client = ChatClient.connect("127.0.0.1", server.port(), WAIT);
        client.register(name, "pw", WAIT);
        client.login(name, "pw", WAIT);
        return client;
    }

    @Test
    void scriptedSendReachesTheChannelAndExitsZero() throws IOException {
        try (ChatClient bob = listener("bob")) {
            bob.send(new io.classcord.protocol.ClientFrame.JoinChannel("#dev", false));
            bob.await(f -> f instanceof ServerFrame.Joined, WAIT);
            int code = run("", "--port", "" + server.port(), "--user", "prof", "--register",
                    "--password-file", passwordFile("s3cret").toString(), "--channel", "#dev", "--send", "Début du TP à 14 h");
            assertEquals(0, code, err());
            ServerFrame.Delivery got = (ServerFrame.Delivery) bob.await(
                    f -> f instanceof ServerFrame.Delivery d && "prof".equals(d.from()), WAIT);
            assertEquals("Début du TP à 14 h", got.content());
            assertEquals("#dev", got.channel());
            assertFalse(err().contains("s3cret"), "the password is never printed");
        }
    }

    @Test
    void exitCodesTellWhatWentWrong() throws IOException {
        store.register("prof", "right");
        assertEquals(1, run("", "--port", "" + server.port(), "--user", "prof", "--password-file",
                passwordFile("wrong").toString(), "--send", "x"));
        assertTrue(err().contains("Connexion refusée : nom d'utilisateur ou mot de passe incorrect. [auth_failed]"), err());
        assertEquals(2, run("", "--bogus"));
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
        assertEquals(3, run("", "--port", "" + closedPort, "--send", "x"));
        assertEquals(1, run("", "--port", "" + server.port(), "--guest", "prof", "--send", "x"),
                "a guest may not take a registered name");
    }

    @Test
    void usersAreListedOnePerLine() throws IOException {
        try (ChatClient ignored = listener("zoé")) {
            assertEquals(0, run("", "--port", "" + server.port(), "--guest", "visiteur", "--users"), err());
            assertTrue(out().lines().toList().containsAll(java.util.List.of("visiteur", "zoé")), out());
        }
    }

    @Test
    void interactiveSessionShowsTimestampsChannelsAndNonAscii() throws Exception {
        try (ChatClient bob = listener("bob");
             java.io.PipedWriter keyboard = new java.io.PipedWriter();
             java.io.PipedReader typed = new java.io.PipedReader(keyboard)) {
            int[] exit = {-1};
            Thread session = Thread.ofVirtual().start(() -> exit[0] = Main.run(
                    new String[] {"--port", "" + server.port(), "--guest", "Élève_1"}, new BufferedReader(typed),
                    new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                    new PrintStream(errBytes, true, StandardCharsets.UTF_8)));
            keyboard.write("""
                    /join #dev
                    bonjour à tous
                    /msg bob un secret
                    /status away
                    """);
            keyboard.flush();
            ServerFrame.Delivery priv = (ServerFrame.Delivery) bob.await(
                    f -> f instanceof ServerFrame.Delivery d && "private".equals(d.subtype()), WAIT);
            assertEquals("Élève_1", priv.from());
            assertEquals("un secret", priv.content());
            bob.await(f -> f instanceof ServerFrame.Presence p && "away".equals(p.state()), WAIT);
            bob.send(new io.classcord.protocol.ClientFrame.ChatMessage("private", "Élève_1", null, "reçu \u001b[2J!", null));
            keyboard.write("/channels\n/history #dev 5\n/quit\n");
            keyboard.flush();
            session.join(WAIT);
            assertFalse(session.isAlive());
            assertEquals(0, exit[0], err());
            String shown = out();
            assertTrue(shown.contains("Canal courant : #dev"), shown);
            assertTrue(shown.contains("Canaux : "), shown);
            assertTrue(shown.contains("Votre état est maintenant : away"), "/status is confirmed to the sender: " + shown);
            // The server strips the escape; the client would have shown it as ^[ anyway (RenderTest).
            assertTrue(shown.matches("(?s).*\\[\\d\\d:\\d\\d:\\d\\d] \\(privé\\) bob -> Élève_1 reçu \\[2J!.*"), shown);
            assertFalse(shown.contains("\u001b"), "no escape character reaches the terminal");
            assertTrue(shown.matches("(?s).*Historique de #dev :\n  \\[\\d\\d:\\d\\d:\\d\\d] #dev <Élève_1> bonjour à tous.*"),
                    shown);
        }
    }

    @Test
    void helpAndVersionInFrenchByDefaultAndInEnglishOnRequest() {
        assertEquals(0, run("", "--help"));
        assertTrue(out().startsWith("Usage : classcord-client"), out());
        assertTrue(out().contains("Codes de sortie :") && out().contains("4  connexion fermée par le serveur"), out());
        outBytes.reset();
        assertEquals(0, run("", "--lang", "en", "-h"));
        assertTrue(out().startsWith("Usage: classcord-client") && out().contains("Exit codes:"), out());
        outBytes.reset();
        assertEquals(0, run("", "--version"));
        assertTrue(out().matches("classcord-client \\S+\\R"), out());
    }

    @Test
    void unknownOptionIsNamed() {
        assertEquals(2, run("", "--bogus"));
        assertTrue(err().contains("classcord-client: option inconnue : --bogus"), err());
        assertTrue(err().contains("classcord-client --help"), err());
        errBytes.reset();
        assertEquals(2, run("", "--lang", "en", "--port"));
        assertTrue(err().contains("--port needs a value"), err());
        errBytes.reset();
        assertEquals(2, run("", "--lang", "de"));
        assertTrue(err().contains("--lang accepte fr ou en"), err());
        errBytes.reset();
        assertEquals(2, run("", "--port", "douze"));
        assertTrue(err().contains("classcord-client: --port demande un nombre, pas « douze »"), err());
        errBytes.reset();
        assertEquals(2, run("", "--user", "prof", "--guest", "x"));
        assertTrue(err().contains("--user et --guest s'excluent"), err());
        assertEquals(0, run("", "--bogus", "--help"), "--help wins over a mistake elsewhere");
    }

    @Test
    void interactiveClientExitsByItselfWhenTheServerClosesTheConnection() throws Exception {
        try (java.io.PipedWriter keyboard = new java.io.PipedWriter();
             java.io.PipedReader typed = new java.io.PipedReader(keyboard)) {
            int[] exit = {-1};
            Thread session = Thread.ofVirtual().start(() -> exit[0] = Main.run(
                    new String[] {"--port", "" + server.port(), "--guest", "Élève_2"}, new BufferedReader(typed),
                    new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                    new PrintStream(errBytes, true, StandardCharsets.UTF_8)));
            // Kicked once the session is open: a kick during the handshake is a lost connection (exit 3),
            // a different case. A kick of nobody does nothing.
            Waits.until("the session open", WAIT, () -> out().contains("Connecté à"));
            Waits.until("the guest kicked", WAIT, () -> server.admin().kick("Élève_2", "Fin du cours") > 0);
            // Nothing is typed: the client must notice the end of the connection by itself.
            session.join(WAIT);
            assertFalse(session.isAlive(), "the client still waits for a line to be typed");
            assertEquals(Main.CLOSED_BY_SERVER, exit[0], err());
            assertTrue(out().contains("<serveur> Fin du cours"), out());
            assertTrue(out().contains("Le serveur a fermé la connexion."), out());
        }
    }

    @Test
    void bothLanguagesHaveTheSameTexts() {
        assertEquals(Texts.keys("fr"), Texts.keys("en"));
    }
}
