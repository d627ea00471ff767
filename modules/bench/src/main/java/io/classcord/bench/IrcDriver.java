package io.classcord.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import io.classcord.protocol.LineReader;

/** IRC (RFC 2812 subset: NICK/USER, JOIN, PRIVMSG, PING/PONG), to run the same workload against IRC servers. */
final class IrcDriver implements Driver {

    private static final Duration WAIT = Duration.ofSeconds(60);

    static Factory factory(String host, int port) {
        return new Factory() {
            @Override
            public Driver open(String name) throws IOException {
                return new IrcDriver(host, port, name);
            }

            @Override
            public String protocol() {
                return "irc";
            }
        };
    }

    private final Socket socket = new Socket();
    private final OutputStream out;
    private final LineReader in;
    private final ReentrantLock sending = new ReentrantLock();
    private final String nick;

    private IrcDriver(String host, int port, String name) throws IOException {
        // Nicks: letters, digits and a few symbols, 9+ characters allowed by both servers tested.
        this.nick = name.replaceAll("[^A-Za-z0-9]", "");
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), (int) WAIT.toMillis());
        out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        in = new LineReader(socket.getInputStream(), 64 * 1024);
    }

    @Override
    public void identify() throws IOException {
        write("NICK " + nick + "\r\nUSER " + nick + " 0 * :" + nick + "\r\n");
        awaitLine(line -> command(line).equals("001"), "welcome (001)");
    }

    @Override
    public void login(String password) {
        throw new UnsupportedOperationException("IRC has no accounts without services: W3a runs only against Classcord");
    }

    @Override
    public void join(String channel) throws IOException {
        write("JOIN " + channel + "\r\n");
        awaitLine(line -> command(line).equals("366"), "end of names (366) for " + channel);
    }

    @Override
    public void roundTrip() throws IOException {
        write("PING :bench\r\n");
        awaitLine(line -> command(line).equals("PONG"), "PONG");
    }

    @Override
    public void send(String channel, String content) throws IOException {
        write("PRIVMSG " + channel + " :" + content + "\r\n");
    }

    @Override
    public void pump(Sink sink) {
        try {
            String line;
            while ((line = nextLine()) != null) {
                if (line.startsWith("PING")) {
                    write("PONG" + line.substring(4) + "\r\n");
                    continue;
                }
                // :nick!user@host PRIVMSG #chan :content
                int privmsg = line.indexOf(" PRIVMSG ");
                if (privmsg > 0) {
                    int target = privmsg + " PRIVMSG ".length();
                    int colon = line.indexOf(" :", target);
                    if (colon > 0) {
                        sink.chat(line.substring(target, colon), line.substring(colon + 2));
                    }
                }
            }
        } catch (IOException e) {
            // Closed: the tracker counts what is missing.
        }
    }

    private interface LineTest {
        boolean matches(String line);
    }

    private void awaitLine(LineTest wanted, String what) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        try {
            String line;
            while ((line = nextLine()) != null) {
                if (line.startsWith("PING")) {
                    write("PONG" + line.substring(4) + "\r\n");
                } else if (command(line).equals("433") || command(line).equals("ERROR")) {
                    throw new IOException("server refused " + nick + ": " + line);
                } else if (wanted.matches(line)) {
                    return;
                }
            }
            throw new IOException("connection closed waiting for " + what);
        } finally {
            socket.setSoTimeout(0);
        }
    }

    private String nextLine() throws IOException {
        LineReader.Line line = in.next();
        return switch (line) {
            case null -> null;
            case LineReader.Line.Text text -> text.text();
            case LineReader.Line.TooLong tooLong -> "";
        };
    }

    /** The command or numeric of a line, after the optional prefix. */
    private static String command(String line) {
        int start = line.startsWith(":") ? line.indexOf(' ') + 1 : 0;
        if (start <= 0 && line.startsWith(":")) {
            return "";
        }
        int end = line.indexOf(' ', start);
        return end < 0 ? line.substring(start) : line.substring(start, end);
    }

    private void write(String text) throws IOException {
        sending.lock();
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } finally {
            sending.unlock();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }
}
