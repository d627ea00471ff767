package io.classcord.admin.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.classcord.admin.ChatMetrics;
import io.classcord.admin.CsvDialect;
import io.classcord.admin.api.BanChange;
import io.classcord.admin.api.ChannelChange;
import io.classcord.admin.api.Stopping;
import io.classcord.admin.export.Exporter;
import io.classcord.engine.ChatServer;
import io.classcord.engine.EngineListener;
import io.classcord.engine.EngineSettings;
import io.classcord.storage.ChatStore;
import io.classcord.storage.StoreSettings;
import io.classcord.testsupport.CapturedLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The administration use cases called directly, as a front end other than the HTTP API would: records
 * back, refusals as exceptions with the API's codes, and one audit line per action, done or refused.
 */
class ClassroomAdminTest {

    @TempDir
    Path dir;

    private final Actor teacher = new Actor("teacher 'prof'", "127.0.0.1");
    private CapturedLog auditLog;
    private List<String> audit;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private ChatStore store;
    private ChatServer chat;
    private ClassroomAdmin admin;

    @BeforeEach
    void start() throws Exception {
        auditLog = CapturedLog.of("classcord.audit");
        audit = auditLog.lines();
        ChatMetrics metrics = ChatMetrics.create();
        store = ChatStore.open(new StoreSettings(dir.resolve("classcord.db"), "NORMAL", 512, 1024, 1, 1), metrics);
        chat = ChatServer.start(EngineSettings.builder().host("127.0.0.1").port(0).build(), store, metrics);
        admin = new ClassroomAdmin(chat.admin(), store,
                new Exporter(store, dir.resolve("exports"), Clock.systemDefaultZone(), CsvDialect.EXCEL_FR), stopped::countDown,
                EngineListener.NONE);
    }

    @AfterEach
    void stop() {
        chat.stop();
        store.close();
        auditLog.close();
    }

    @Test
    void actionsReturnRecordsAndWriteTheirAuditLine() {
        store.register("alice", "pw");
        assertEquals("#projet", admin.createChannel(teacher, "projet").channel());
        assertEquals(new ChannelChange("#projet", false, true), admin.closeChannel(teacher, "#projet"));
        assertEquals(new ChannelChange("#projet", false, false), admin.closeChannel(teacher, "projet"));
        assertEquals(new BanChange("alice", true, 0), admin.ban(teacher, "alice"));
        assertTrue(admin.user("alice").banned());
        assertEquals(1, admin.users(null, 0, 10).total());

        assertEquals(List.of(
                "[ADMIN] teacher 'prof' from 127.0.0.1: create channel projet -> created",
                "[ADMIN] teacher 'prof' from 127.0.0.1: close channel #projet -> closed",
                "[ADMIN] teacher 'prof' from 127.0.0.1: close channel projet -> unchanged",
                "[ADMIN] teacher 'prof' from 127.0.0.1: ban alice -> banned, disconnected 0"), audit);
    }

    @Test
    void refusalsCarryTheApiCodeAndAreAudited() {
        AdminRefusedException exists = assertThrows(AdminRefusedException.class, () -> admin.createChannel(teacher, "#général"));
        assertEquals(Refusal.CHANNEL_EXISTS, exists.refusal());
        assertEquals("channel_exists", exists.refusal().code());
        assertEquals("channel.exists", exists.textKey());

        assertEquals(Refusal.UNKNOWN_USER, assertThrows(AdminRefusedException.class, () -> admin.kick(teacher, "nobody", null)).refusal());
        assertEquals(Refusal.BAD_REQUEST, assertThrows(AdminRefusedException.class, () -> admin.alert(teacher, " ", null)).refusal());
        assertEquals(Refusal.BAD_PAGING, assertThrows(AdminRefusedException.class, () -> admin.users(null, 0, 0)).refusal());
        assertEquals(Refusal.BAD_TIME, assertThrows(AdminRefusedException.class,
                () -> admin.messages(new MessageFilter(null, null, "hier", null, 0, 10))).refusal());
        assertEquals(Refusal.UNKNOWN_CHANNEL, assertThrows(AdminRefusedException.class,
                () -> admin.messages(new MessageFilter("nowhere", null, null, null, 0, 10))).refusal());

        assertEquals(3, audit.size(), "one line per refused action, none for refused reads: " + audit);
        assertTrue(audit.getFirst().endsWith("create channel #général -> refused: channel_exists"), audit.getFirst());
    }

    @Test
    void stopAnswersBeforeTheServerStops() throws Exception {
        AtomicReference<Stopping> answer = new AtomicReference<>();
        admin.stop(teacher, stopping -> {
            assertEquals(1, stopped.getCount(), "the answer goes out before stopping starts");
            answer.set(stopping);
        });
        assertTrue(answer.get().stopping());
        assertTrue(stopped.await(10, TimeUnit.SECONDS));
        assertFalse(audit.isEmpty());
    }
}
