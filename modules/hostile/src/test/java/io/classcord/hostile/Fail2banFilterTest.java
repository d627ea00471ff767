package io.classcord.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.classcord.testsupport.WireClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shipped fail2ban filter (the Ansible role's template) read by Debian's own {@code fail2ban-regex}
 * on the {@code classcord.log} of the real image under attack: two brute-forcers from their own
 * addresses, past the server's login throttling, and a student who puts the failure line into names
 * from a third address. fail2ban must see every refused login of the brute-forcers once, and nothing
 * of the student (least of all the address written into the names).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Fail2banFilterTest {

    private static final String ACTIVITY = "classcord.log";
    private static final Path FILTER_TEMPLATE = Path.of("ansible/roles/classcord/templates/fail2ban-filter.conf.j2");
    /** The filter the course hands out, quoted in docs/SECURITE.md: unanchored. */
    private static final String COURSE_FAILREGEX = "\\[LOGIN\\] Failed login attempt from <HOST>";

    /** Linux routes all of 127.0.0.0/8 to lo: each attacker binds its own source address. */
    private static final String BRUTE_ONE_CONNECTION = "127.0.0.2";
    private static final String BRUTE_RECONNECTING = "127.0.0.3";
    private static final String FORGER = "127.0.0.4";
    private static final String BYSTANDER = "127.0.0.5";
    /** What the forged names try to get banned: it must never be. */
    private static final String FORGED_ADDRESS = "1.2.3.4";
    private static final String FORGED_LINE = "[LOGIN] Failed login attempt from " + FORGED_ADDRESS;

    /** Above HostileServer.LIMITS' login-max-failures (5), so that both reach the throttled line. */
    private static final int ATTEMPTS_ONE_CONNECTION = 8;
    private static final int ATTEMPTS_RECONNECTING = 7;
    private static final int MAX_FAILURES = 5;
    /** The default failed-logins-per-connection: the one-connection attacker is cut, and comes back. */
    private static final int FAILED_LOGINS_PER_CONNECTION = 3;

    private static final Pattern SUMMARY = Pattern.compile("Lines: (\\d+) lines, (\\d+) ignored, (\\d+) matched, (\\d+) missed");
    private static final Pattern DATE_HITS = Pattern.compile("\\[(\\d+)\\] \\^Year-Month-Day 24hour:Minute:Second,Microseconds");
    private static final Pattern LOG_PREFIX = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} - [A-Z]+ - ");

    private static final String MISSING = "fail2ban-regex not found on the PATH: install Debian's fail2ban package "
            + "(apt-get install --no-install-recommends fail2ban; .ci/run does it) to test the shipped filter";

    /** Null when fail2ban-regex is missing (then every case is skipped). */
    private Path fail2banRegex;
    private Path dir;
    private HostileServer server;
    private Path shippedFilter;
    private Path courseFilter;
    /** Refused logins per attacking address, as the attackers saw them (auth_failed or rate_limited replies). */
    private final Map<String, Integer> refused = new TreeMap<>();

    @BeforeAll
    void attack() throws Exception {
        Optional<Path> tool = locateFail2banRegex();
        if (tool.isEmpty()) {
            // Every case then reports itself skipped with the reason (checkFail2banRegex), no server started.
            return;
        }
        fail2banRegex = tool.get();
        dir = Files.createTempDirectory("classcord-fail2ban");
        shippedFilter = renderShippedFilter(dir.resolve("filter.d/classcord.conf"));
        courseFilter = dir.resolve("filter.d/course.conf");
        Files.writeString(courseFilter, "[Definition]\nfailregex = " + COURSE_FAILREGEX + "\n");
        server = HostileServer.start(dir.resolve("server"));

        try (WireClient bystander = WireClient.from(BYSTANDER, server.port())) {
            // A real account, so that the brute-forcers hit both "wrong password" and "no such user".
            bystander.send(json("register", "username", "alice", "password", "alice-pw"));
            assertEquals("register", bystander.next().getString("type"));
        }
        bruteForce(BRUTE_ONE_CONNECTION, ATTEMPTS_ONE_CONNECTION, false);
        bruteForce(BRUTE_RECONNECTING, ATTEMPTS_RECONNECTING, true);
        int messages = forgeNames();

        // The activity log is written in the order records are made and may be buffered for up to a
        // second: a connection opened after every attack has been answered is logged after all of it.
        // Chat messages are logged once stored (asynchronously), so they are counted apart.
        try (WireClient last = WireClient.from(BYSTANDER, server.port())) {
            last.send(json("users"));
            last.next();
        }
        server.awaitLog(ACTIVITY, "[CONNECT] New connection from " + BYSTANDER + " ", 2);
        server.awaitLog(ACTIVITY, "[MESSAGE] ", messages);
        for (Map.Entry<String, Integer> attacker : refused.entrySet()) {
            server.awaitLog(ACTIVITY, "[LOGIN] Failed login attempt from " + attacker.getKey(), attacker.getValue());
        }
        // Then a clean stop, so that fail2ban-regex and the assertions read one final log (the last
        // disconnections would otherwise still be on their way).
        assertEquals(0, server.terminate(), "clean exit after the attack");
    }

    @BeforeEach
    void checkFail2banRegex() {
        Assumptions.assumeTrue(fail2banRegex != null, MISSING);
    }

    @AfterAll
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        // -Dclasscord.keep=1 keeps the log, the filters and fail2ban-regex's reports for a look afterwards.
        if (dir != null && System.getProperty("classcord.keep") == null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void shippedFilterMatchesEveryRefusedLoginOfTheAttackersAndNothingElse() throws Exception {
        Map<String, Integer> expected = Map.of(BRUTE_ONE_CONNECTION, ATTEMPTS_ONE_CONNECTION,
                BRUTE_RECONNECTING, ATTEMPTS_RECONNECTING);
        assertEquals(expected, refused, "every login attempt of the attackers was refused");
        List<String> log = server.log(ACTIVITY);
        assertTrue(log.stream().anyMatch(l -> l.contains(FORGED_ADDRESS) && l.contains(FORGER)),
                "the forged names reached the log (otherwise this test proves nothing):\n" + String.join("\n", log));

        Map<String, Integer> matched = matchedAddresses(shippedFilter, "shipped");
        Report report = report(shippedFilter, "shipped");
        System.out.printf("%nfail2ban-regex, shipped filter, on the classcord.log of the attacked image:%n"
                + "  %d lines, %d matched, %d missed, %d with the course's timestamp at the start%n"
                + "  matches per address: %s (refused logins seen by the attackers: %s)%n",
                report.lines(), report.matched(), report.missed(), report.dateHits(), matched, refused);

        assertEquals(refused, matched, "one match per refused login (throttled ones included), for the attackers only");
        assertFalse(matched.containsKey(FORGED_ADDRESS), FORGED_ADDRESS + " must never be banned");
        assertEquals(log.size(), report.lines(), "fail2ban-regex read every line of classcord.log");
        assertEquals(ATTEMPTS_ONE_CONNECTION + ATTEMPTS_RECONNECTING, report.matched());
        assertEquals(ATTEMPTS_ONE_CONNECTION / FAILED_LOGINS_PER_CONNECTION,
                log.stream().filter(l -> l.contains("[LOGIN] anonymous (" + BRUTE_ONE_CONNECTION + ":")).count(),
                "the one-connection attacker was cut, and those lines were not counted as failures");
        assertEquals(report.lines(), report.dateHits(),
                "every line opens with the course's timestamp: no line reaches failregex without its date");
    }

    /**
     * Waits for the engine change that quotes and escapes every client-controlled text in the log:
     * until then a name can carry "[LOGIN] Failed login attempt from 1.2.3.4" into the middle of an
     * INFO line, and the course's unanchored filter bans 1.2.3.4. The shipped filter is safe either
     * way (test above); this one is about the log itself, which operators also grep and filter.
     */
    @Test
    void clientTextNeverCarriesTheLoginMarkerIntoTheLog() throws Exception {
        List<String> forged = new ArrayList<>();
        for (String line : server.log(ACTIVITY)) {
            Matcher prefix = LOG_PREFIX.matcher(line);
            String message = prefix.find() ? line.substring(prefix.end()) : line;
            if (message.indexOf("[LOGIN]", 1) >= 0) {
                forged.add(line);
            }
        }
        Map<String, Integer> course = matchedAddresses(courseFilter, "course");
        System.out.printf("%nfail2ban-regex, the course's unanchored filter, same log: matches per address %s%n", course);
        assertEquals(List.of(), forged, "log lines where client text carries the [LOGIN] marker");
        assertEquals(refused, course, "the course's filter, unanchored, must still find only the attackers");
    }

    /** The filter's anchoring on lines the server could not be made to write: other levels, markers, prefixes, suffixes. */
    @Test
    void shippedFilterIgnoresEveryOtherShapeOfTheLine() throws Exception {
        String stamp = "2025-06-20 17:12:40,123";
        List<String> lines = List.of(
                stamp + " - WARNING - [LOGIN] Failed login attempt from 10.0.108.80",
                stamp + " - WARNING - [LOGIN] Failed login attempt from 10.0.108.81 (throttled: too many failures, retry in 42 s)",
                stamp + " - WARNING - [LOGIN] Failed login attempt from 2001:db8::82",
                stamp + " - INFO - [LOGIN] Failed login attempt from 10.0.0.1",
                stamp + " - ERROR - [LOGIN] Failed login attempt from 10.0.0.2",
                stamp + " - DEBUG - [LOGIN] Failed login attempt from 10.0.0.3",
                stamp + " - INFO - [GUEST] x [LOGIN] Failed login attempt from 10.0.0.4 chats as a guest from 10.9.9.9",
                stamp + " - INFO - [LOGIN] Failed login attempt from 10.0.0.5 logged in from 10.9.9.9",
                stamp + " - WARNING - [LIMIT] [LOGIN] Failed login attempt from 10.0.0.6",
                // The line of a connection closed after its failed logins: those were counted, not this.
                stamp + " - WARNING - [LOGIN] anonymous (10.0.0.14:50000) disconnected after 3 failed logins on this connection",
                stamp + " - WARNING - [LOGIN] Failed login attempt from 10.0.0.7 x",
                stamp + " - WARNING - [LOGIN] Failed login attempt from localhost",
                stamp + " - WARNING - [LOGIN] Failed login attempt from 10.0.0.8 (throttled: x) (y)",
                "x " + stamp + " - WARNING - [LOGIN] Failed login attempt from 10.0.0.9",
                " " + stamp + " - WARNING - [LOGIN] Failed login attempt from 10.0.0.10",
                stamp + "  - WARNING - [LOGIN] Failed login attempt from 10.0.0.11",
                "2025-06-20 17:12:40 - WARNING - [LOGIN] Failed login attempt from 10.0.0.12",
                "Jun 20 17:12:40 host classcord: [LOGIN] Failed login attempt from 10.0.0.13");
        Path file = dir.resolve("shapes.log");
        Files.write(file, lines, StandardCharsets.UTF_8);
        Map<String, Integer> matched = run(fail2banRegexCommand(file, shippedFilter, "--out", "ip"), "shapes")
                .lines().filter(l -> !l.isBlank()).collect(Collectors.toMap(String::strip, l -> 1, Integer::sum, TreeMap::new));
        assertEquals(Map.of("10.0.108.80", 1, "10.0.108.81", 1, "2001:db8::82", 1), matched);
    }

    /** {@code attempts} wrong logins from {@code address}; counts the refusals it gets back. */
    private void bruteForce(String address, int attempts, boolean reconnectEachTime) throws IOException {
        List<String> codes = new ArrayList<>();
        WireClient peer = null;
        int onThisConnection = 0;
        try {
            for (int i = 0; i < attempts; i++) {
                if (peer == null || reconnectEachTime) {
                    if (peer != null) {
                        peer.close();
                    }
                    peer = WireClient.from(address, server.port());
                    onThisConnection = 0;
                }
                // Alternately a real account with a wrong password and a name that does not exist.
                String user = i % 2 == 0 ? "alice" : "nobody" + i;
                peer.send(json("login", "username", user, "password", "guess-" + i));
                codes.add(peer.nextErrorCode());
                if (++onThisConnection == FAILED_LOGINS_PER_CONNECTION) {
                    // The server says it closes the connection, logs it (a line fail2ban must not count), closes.
                    assertEquals("rate_limited", peer.nextErrorCode(), address + ": the closing notice");
                    assertTrue(peer.closedByServer(java.time.Duration.ofSeconds(10)), address + ": cut");
                    peer.close();
                    peer = null;
                }
            }
        } finally {
            if (peer != null) {
                peer.close();
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            expected.add(i < MAX_FAILURES ? "auth_failed" : "rate_limited");
        }
        assertEquals(expected, codes, address + ": refused, then throttled after " + MAX_FAILURES + " failures");
        refused.merge(address, codes.size(), Integer::sum);
    }

    /**
     * Names that carry the failure line: registered and logged in (so that INFO lines start with
     * "[LOGIN] " followed by the name), as guests, as a channel; and names with line breaks, which
     * would start a forged line of their own if the server logged them raw. Returns the number of
     * chat messages sent, each of which makes one "[MESSAGE]" line.
     */
    private int forgeNames() throws IOException {
        int messages = 0;
        for (String name : List.of("x " + FORGED_LINE, "Failed login attempt from " + FORGED_ADDRESS)) {
            try (WireClient user = WireClient.from(FORGER, server.port())) {
                user.send(json("register", "username", name, "password", "forger-pw"));
                JsonObject registered = user.next();
                // Brackets are not name characters: that name is refused, the other one is an account.
                if (registered.getString("type").equals("error")) {
                    assertEquals("invalid_name", registered.getString("code"), name);
                } else {
                    assertEquals("register", registered.getString("type"), name);
                    user.send(json("login", "username", name, "password", "forger-pw"));
                    assertEquals("login", user.nextMatching(o -> o.getString("type", "").matches("login|error"))
                            .getString("type"), name);
                    user.send(json("message", "subtype", "global", "to", "global", "from", name, "content", "salut"));
                    messages++;
                }
                user.send(json("join", "channel", "#" + FORGED_LINE));
                user.send(json("status", "state", FORGED_LINE));
                awaitAnswered(user);
            }
        }
        try (WireClient guest = WireClient.from(FORGER, server.port())) {
            guest.send(json("message", "subtype", "global", "to", "global", "from", "y " + FORGED_LINE, "content", "coucou"));
            assertEquals("invalid_name", guest.nextMatching(o -> "error".equals(o.getString("type", ""))).getString("code"));
            awaitAnswered(guest);
        }
        // CR, LF, CRLF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR: each would end the log line early.
        for (String lineBreak : List.of("\r", "\n", "\r\n", "\u0085", "\u2028", "\u2029")) {
            String name = "z" + lineBreak + " - WARNING - " + FORGED_LINE;
            try (WireClient peer = WireClient.from(FORGER, server.port())) {
                peer.send(json("register", "username", name, "password", "forger-pw"));
                assertEquals("error", peer.next().getString("type"), "a name with a line break is refused");
                peer.send(json("message", "subtype", "global", "to", "global", "from", name, "content", "x"));
                assertEquals("error", peer.next().getString("type"), "a guest name with a line break is refused");
            }
        }
        return messages;
    }

    /** Everything sent before has been handled: requests on one connection are served in order. */
    private static void awaitAnswered(WireClient peer) throws IOException {
        peer.send(json("ping", "id", "answered"));
        peer.nextMatching(o -> "pong".equals(o.getString("type", "")));
    }

    private static String json(String type, String... keysAndValues) {
        var object = Json.createObjectBuilder().add("type", type);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.add(keysAndValues[i], keysAndValues[i + 1]);
        }
        return object.build().toString();
    }

    /** The addresses fail2ban-regex finds in classcord.log with {@code filter}, with one count per matched line. */
    private Map<String, Integer> matchedAddresses(Path filter, String name) throws Exception {
        String out = run(fail2banRegexCommand(server.logFile(ACTIVITY), filter, "--out", "ip"), name + "-ip");
        return out.lines().filter(l -> !l.isBlank())
                .collect(Collectors.toMap(String::strip, l -> 1, Integer::sum, TreeMap::new));
    }

    private record Report(int lines, int matched, int missed, int dateHits) {
    }

    /** fail2ban-regex's own summary (lines read, matched, missed, date template hits). */
    private Report report(Path filter, String name) throws Exception {
        String out = run(fail2banRegexCommand(server.logFile(ACTIVITY), filter), name + "-report");
        Matcher summary = SUMMARY.matcher(out);
        Matcher dates = DATE_HITS.matcher(out);
        if (!summary.find() || !dates.find()) {
            fail("unexpected fail2ban-regex report:\n" + out);
        }
        return new Report(Integer.parseInt(summary.group(1)), Integer.parseInt(summary.group(3)),
                Integer.parseInt(summary.group(4)), Integer.parseInt(dates.group(1)));
    }

    /** The log is UTF-8 whatever the locale of the build (the jail says so too: logencoding). */
    private List<String> fail2banRegexCommand(Path log, Path filter, String... options) {
        List<String> command = new ArrayList<>(List.of(fail2banRegex.toString(), "--encoding", "UTF-8"));
        command.addAll(List.of(options));
        command.add(log.toString());
        command.add(filter.toString());
        return command;
    }

    /** Runs a command, its output in a file of the test directory (kept with -Dclasscord.keep=1). */
    private String run(List<String> command, String name) throws Exception {
        Path out = dir.resolve("fail2ban-regex-" + name + ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not finish within 120 s");
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), command + " failed:\n" + text);
        return text;
    }

    /**
     * The Ansible role's filter template as fail2ban will read it: the only Jinja2 in it is the
     * "managed" comment; anything else would need a real renderer, so it fails here rather than be
     * tested half-rendered.
     */
    private static Path renderShippedFilter(Path target) throws IOException {
        String repo = System.getProperty("classcord.repo");
        if (repo == null || repo.isBlank()) {
            throw new IllegalStateException("system property classcord.repo is not set: run the suite through Maven");
        }
        String template = Files.readString(Path.of(repo).resolve(FILTER_TEMPLATE), StandardCharsets.UTF_8);
        String rendered = template.replace("{{ ansible_managed }}", "rendered by Fail2banFilterTest");
        for (String jinja : List.of("{{", "{%", "{#")) {
            if (rendered.contains(jinja)) {
                fail(FILTER_TEMPLATE + " has Jinja2 beyond {{ ansible_managed }} (" + jinja + "): render it properly here");
            }
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, rendered, StandardCharsets.UTF_8);
        return target;
    }

    /** On the PATH, as Debian's fail2ban package installs it; CI must have it, elsewhere the test is skipped. */
    private static Optional<Path> locateFail2banRegex() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, "fail2ban-regex"))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            if (System.getenv("CI") != null) {
                fail(MISSING + " (CI is set: this test may not be skipped there)");
            }
            System.out.println("Fail2banFilterTest SKIPPED: " + MISSING);
        }
        return found;
    }
}
