/**
 * The test harness every Classcord test module shares: a raw wire client, the server-process
 * fixture, waits with a deadline and the capture of an in-process logger. It depends on no Classcord module, so that the engine's own
 * tests can use it and the wire is checked without the protocol code under test.
 */
module io.classcord.testsupport {
    requires transitive jakarta.json;
    requires awaitility;
    requires java.logging;

    exports io.classcord.testsupport;
}
