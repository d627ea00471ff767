/**
 * The test harness every Classcord test module shares: a raw wire client, the server-process
 * fixture and waits with a deadline. It depends on no Classcord module, so that the engine's own
 * tests can use it and the wire is checked without the protocol code under test.
 */
module io.classcord.testsupport {
    requires transitive jakarta.json;
    requires awaitility;

    exports io.classcord.testsupport;
}
