package io.classcord.storage.sqlite;

import static io.classcord.storage.sqlite.TestStores.cheapArgon;
import static io.classcord.storage.sqlite.TestStores.rows;
import static io.classcord.storage.sqlite.TestStores.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.classcord.storage.CommitListener;
import io.classcord.storage.NewMessage;
import io.classcord.storage.StorageException;
import io.classcord.storage.StoredMessage;
import io.classcord.testsupport.Waits;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessagesTest {

    private static final String TIME = "2025-06-20T17:12:40.123456";

    @TempDir
    Path dir;

    @Test
    void concurrentAppendsShareCommits() throws Exception {
        Path file = dir.resolve("classcord.db");
        int threads = 20;
        int perThread = 200;
        int total = threads * perThread;
        AtomicInteger listenedCommits = new AtomicInteger();
        AtomicInteger listenedMessages = new AtomicInteger();
        CommitListener listener = (messages, elapsed) -> {
            listenedCommits.incrementAndGet();
            listenedMessages.addAndGet(messages);
        };
        List<Long> ids = new ArrayList<>();
        try (SqliteChatStore store = SqliteChatStore.open(cheapArgon(file), listener)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> workers = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    workers.add(pool.submit(() -> {
                        start.await();
                        List<Long> mine = new ArrayList<>(perThread);
                        for (int i = 0; i < perThread; i++) {
                            mine.add(store.append(channelMessage("general", "t" + thread + "-" + i)).id());
                        }
                        return mine;
                    }));
                }
                start.countDown();
                for (Future<List<Long>> worker : workers) {
                    ids.addAll(worker.get(2, TimeUnit.MINUTES));
                }
            }
            WriterStats stats = store.writerStats();
            assertEquals(total, stats.messages());
            assertEquals(stats.commits(), listenedCommits.get());
            assertEquals(total, listenedMessages.get());
            assertTrue(stats.commits() < total / 2,
                    "group commit should need far fewer commits than messages: " + stats);
        }
        assertEquals(total, new HashSet<>(ids).size(), "ids are distinct");
        Set<Long> stored = new HashSet<>();
        for (List<Object> row : rows(file, "SELECT id FROM messages")) {
            stored.add(((Number) row.getFirst()).longValue());
        }
        assertEquals(new HashSet<>(ids), stored, "every acknowledged id is a row, and nothing else is");
        assertEquals(total, scalar(file, "SELECT COUNT(DISTINCT content) FROM messages"));
    }

    @Test
    void appendReturnsTheStoredMessage() throws Exception {
        Path file = dir.resolve("classcord.db");
        try (SqliteChatStore store = SqliteChatStore.open(cheapArgon(file))) {
            store.register("alice", "pw");
            long alice = store.authenticate("alice", "pw").orElseThrow().id();
            StoredMessage stored = store.append(new NewMessage(alice, "alice", "general", null, "hi", TIME));
            assertEquals(new StoredMessage(stored.id(), alice, "alice", "general", null, "hi", TIME), stored);
            assertEquals(List.of(stored), store.history("general", 10));

            StoredMessage guest = store.append(new NewMessage(null, "guest42", "general", null, "hello", TIME));
            assertNull(store.history("general", 1).getFirst().userId());
            assertEquals(guest, store.history("general", 1).getFirst());
        }
        assertEquals(List.of(List.of("alice", "hi"), List.of("guest42", "hello")),
                rows(file, "SELECT sender, content FROM messages ORDER BY id"));
    }

    @Test
    void historyIsTheNewestOfOneChannelOldestFirst() {
        try (SqliteChatStore store = SqliteChatStore.open(cheapArgon(dir.resolve("classcord.db")))) {
            for (int i = 1; i <= 10; i++) {
                store.append(channelMessage("general", "g" + i));
                store.append(channelMessage("random", "r" + i));
                store.append(new NewMessage(null, "alice", "general", "bob", "psst" + i, TIME));
            }
            assertEquals(List.of("g8", "g9", "g10"), contents(store.history("general", 3)));
            assertEquals(10, store.history("general", 100).size(), "private messages are not history");
            assertEquals(List.of("r10"), contents(store.history("random", 1)));
            assertEquals(List.of(), store.history("general", 0));
            assertEquals(List.of(), store.history("nowhere", 5));
        }
    }

    @Test
    void asyncAppendsCompleteInOrderOnceCommittedAndFailAfterClose() throws Exception {
        Path file = dir.resolve("classcord.db");
        SqliteChatStore store = SqliteChatStore.open(cheapArgon(file));
        List<Long> completionOrder = java.util.Collections.synchronizedList(new ArrayList<>());
        List<java.util.concurrent.CompletableFuture<StoredMessage>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(store.appendAsync(channelMessage("general", "async " + i))
                    .whenComplete((m, e) -> completionOrder.add(m.id())));
        }
        java.util.concurrent.CompletableFuture.allOf(futures.toArray(java.util.concurrent.CompletableFuture[]::new))
                .get(30, TimeUnit.SECONDS);
        List<Long> sorted = new ArrayList<>(completionOrder);
        sorted.sort(null);
        assertEquals(sorted, completionOrder, "completed in commit (id) order");
        assertEquals("async 199", futures.getLast().get().content());
        assertEquals(200L, ((Number) scalar(file, "SELECT count(*) FROM messages")).longValue(), "committed when complete");
        store.close();
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> store.appendAsync(channelMessage("general", "too late")).get(5, TimeUnit.SECONDS));
        assertInstanceOf(StorageException.class, failed.getCause());
    }

    @Test
    void appendAfterCloseThrows() {
        SqliteChatStore store = SqliteChatStore.open(cheapArgon(dir.resolve("classcord.db")));
        store.close();
        assertThrows(StorageException.class, () -> store.append(channelMessage("general", "too late")));
        assertThrows(StorageException.class, () -> store.history("general", 10));
        store.close(); // idempotent
    }

    @Test
    void closeCommitsWhatIsQueued() throws Exception {
        Path file = dir.resolve("classcord.db");
        CountDownLatch firstCommitSeen = new CountDownLatch(1);
        CountDownLatch releaseWriter = new CountDownLatch(1);
        // Holds the writer inside its first batch, so later appends pile up in the queue.
        CommitListener stall = (messages, elapsed) -> {
            firstCommitSeen.countDown();
            awaitQuietly(releaseWriter);
        };
        int queued = 50;
        SqliteChatStore store = SqliteChatStore.open(cheapArgon(file), stall);
        List<Future<StoredMessage>> appends = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            appends.add(pool.submit(() -> store.append(channelMessage("general", "first"))));
            assertTrue(firstCommitSeen.await(30, TimeUnit.SECONDS));
            for (int i = 0; i < queued; i++) {
                String content = "queued" + i;
                appends.add(pool.submit(() -> store.append(channelMessage("general", content))));
            }
            Waits.until("the messages queued behind the blocked commit", Duration.ofSeconds(30),
                    () -> store.writer().queued() == queued);

            Future<?> closing = pool.submit(store::close);
            Waits.until("the writer refusing new messages", Duration.ofSeconds(30), () -> !store.writer().accepting());
            assertThrows(StorageException.class, () -> store.append(channelMessage("general", "after close began")));
            releaseWriter.countDown();
            closing.get(30, TimeUnit.SECONDS);

            for (Future<StoredMessage> append : appends) {
                append.get(30, TimeUnit.SECONDS); // every admitted append was answered with an id
            }
        }
        assertEquals(queued + 1, scalar(file, "SELECT COUNT(*) FROM messages"));
    }

    @Test
    void aMessageTheDatabaseRejectsFailsAloneAndIsNotStored() throws Exception {
        Path file = dir.resolve("classcord.db");
        try (SqliteChatStore store = SqliteChatStore.open(cheapArgon(file))) {
            List<Future<StoredMessage>> appends = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 100; i++) {
                    // user_id 424242 does not exist: a foreign key violation
                    NewMessage message = i == 50
                            ? new NewMessage(424242L, "ghost", "general", null, "bad", TIME)
                            : channelMessage("general", "good" + i);
                    appends.add(pool.submit(() -> {
                        start.await();
                        return store.append(message);
                    }));
                }
                start.countDown();
            }
            int failed = 0;
            for (Future<StoredMessage> append : appends) {
                try {
                    append.get();
                } catch (ExecutionException e) {
                    assertInstanceOf(StorageException.class, e.getCause());
                    failed++;
                }
            }
            assertEquals(1, failed);
            assertEquals(99, store.history("general", 1000).size());
        }
        assertEquals(0, scalar(file, "SELECT COUNT(*) FROM messages WHERE content = 'bad'"));
    }

    @Test
    void aFailedCommitTellsTheCallerAndStoresNothing() throws Exception {
        Path file = dir.resolve("classcord.db");
        AtomicInteger failures = new AtomicInteger();
        CommitListener listener = new CommitListener() {
            @Override
            public void committed(int messages, Duration elapsed) {
            }

            @Override
            public void failed(int messages, Throwable cause) {
                failures.incrementAndGet();
            }
        };
        // A tiny page limit makes a big message hit SQLITE_FULL, as on a full disk.
        try (SqliteChatStore store = SqliteChatStore.open(cheapArgon(file), listener, Map.of("max_page_count", "64"))) {
            String huge = "x".repeat(1_000_000);
            StorageException e = assertThrows(StorageException.class, () -> store.append(channelMessage("general", huge)));
            assertTrue(e.getMessage().contains("not stored"), e.getMessage());
            assertEquals(1, failures.get());
            assertEquals(1, store.writerStats().failedCommits());

            store.append(channelMessage("general", "small"));
            assertEquals(List.of("small"), contents(store.history("general", 10)));
        }
        assertEquals(1, scalar(file, "SELECT COUNT(*) FROM messages"));
    }

    private static NewMessage channelMessage(String channel, String content) {
        return new NewMessage(null, "guest", channel, null, content, TIME);
    }

    private static List<String> contents(List<StoredMessage> messages) {
        return messages.stream().map(StoredMessage::content).toList();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
