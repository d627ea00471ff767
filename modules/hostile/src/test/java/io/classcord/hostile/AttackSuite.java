package io.classcord.hostile;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class whose cases attack one server in turn: the server and its witnesses start before the
 * first case, every case must leave them alive and chatting, and the table of cases is printed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AttackSuite {

    private final String name;
    private final AttackedServer.Starter starter;
    private final String title;
    private final boolean checkStored;

    private AttackedServer attacked;
    CaseTable table;
    HostileServer server;
    Witnesses witnesses;

    /**
     * @param name        prefix of the temporary directory of the server's database and logs
     * @param title       the title of the table of cases
     * @param checkStored whether every message a witness received must be in the database at the end
     */
    AttackSuite(String name, AttackedServer.Starter starter, String title, boolean checkStored) {
        this.name = name;
        this.starter = starter;
        this.title = title;
        this.checkStored = checkStored;
    }

    @BeforeAll
    void start() throws IOException {
        attacked = AttackedServer.start(name, starter);
        table = attacked.table;
        server = attacked.server;
        witnesses = attacked.witnesses;
    }

    @AfterEach
    void serverSurvived(TestInfo test) throws IOException {
        attacked.survived(test.getDisplayName());
    }

    @AfterAll
    void stop() throws Exception {
        if (attacked != null) {
            attacked.finish(title, checkStored);
        }
    }
}
