package io.classcord.storage.sqlite;

import static io.classcord.storage.sqlite.TestStores.cheapArgon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.classcord.storage.MessageQuery;
import io.classcord.storage.NewMessage;
import io.classcord.storage.Page;
import io.classcord.storage.StoredMessage;
import io.classcord.storage.UserInfo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminQueriesTest {

    @TempDir
    Path dir;

    @Test
    void usersArePagedInNameOrderAndSearchedIgnoringCase() {
        try (SqliteChatStore store = SqliteChatStore.open(cheapArgon(dir.resolve("c.db")))) {
            for (String name : List.of("Zoé", "alice", "Bob", "albert", "carla_x", "carlaYx")) {
                store.register(name, "pw-" + name);
            }
            Page<UserInfo> first = store.users(null, 0, 4);
            assertEquals(6, first.total());
            assertEquals(List.of("albert", "alice", "Bob", "carla_x"), first.items().stream().map(UserInfo::username).toList());
            Page<UserInfo> second = store.users("", 4, 4);
            assertEquals(List.of("carlaYx", "Zoé"), second.items().stream().map(UserInfo::username).toList());

            Page<UserInfo> found = store.users("AL", 0, 10);
            assertEquals(List.of("albert", "alice"), found.items().stream().map(UserInfo::username).toList());
            assertEquals(2, found.total());
            // "_" is a LIKE wildcard: it must match only itself.
            assertEquals(List.of("carla_x"), store.users("a_x", 0, 10).items().stream().map(UserInfo::username).toList());
            assertEquals("user", found.items().getFirst().role());
        }
    }

    @Test
    void badPagingValuesAreRefusedWithTheirName() {
        try (SqliteChatStore store = SqliteChatStore.open(cheapArgon(dir.resolve("c.db")))) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> store.users(null, -1, 10)).getMessage().contains("offset"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> store.users(null, 0, 0)).getMessage().contains("limit"));
            assertThrows(IllegalArgumentException.class, () -> new MessageQuery(null, null, null, null, 0, MessageQuery.MAX_LIMIT + 1));
        }
    }

    @Test
    void banIsRefusedAtLoginAndLiftedByUnban() {
        try (SqliteChatStore store = SqliteChatStore.open(cheapArgon(dir.resolve("c.db")))) {
            store.register("Alice", "secret");
            assertFalse(store.setBanned("nobody", true));
            assertTrue(store.setBanned("ALICE", true));
            assertTrue(store.user("alice").orElseThrow().banned());
            assertTrue(store.authenticate("Alice", "secret").orElseThrow().banned());
            assertTrue(store.setBanned("alice", false));
            assertFalse(store.authenticate("Alice", "secret").orElseThrow().banned());
            assertTrue(store.user("nobody").isEmpty());
        }
    }

    @Test
    void messagesAreFilteredByChannelUserAndTimeNewestFirst() {
        try (SqliteChatStore store = SqliteChatStore.open(cheapArgon(dir.resolve("c.db")))) {
            store.register("alice", "pw");
            long alice = store.authenticate("alice", "pw").orElseThrow().id();
            store.append(new NewMessage(alice, "alice", "#dev", null, "one", "2025-06-20T10:00:00.000000"));
            store.append(new NewMessage(null, "guest_1", "#dev", null, "two", "2025-06-20T11:00:00.000000"));
            store.append(new NewMessage(alice, "alice", "#général", null, "three", "2025-06-21T09:00:00.000000"));
            store.append(new NewMessage(null, "guest_1", null, "alice", "four", "2025-06-21T10:00:00.000000"));

            Page<StoredMessage> dev = store.messages(new MessageQuery("#dev", null, null, null, 0, 10));
            assertEquals(List.of("two", "one"), contents(dev));
            assertEquals(2, dev.total());

            assertEquals(List.of("four", "three", "one"), contents(store.messages(new MessageQuery(null, "ALICE", null, null, 0, 10))));
            assertEquals(List.of("four", "two"), contents(store.messages(new MessageQuery(null, "guest_1", null, null, 0, 10))));
            assertEquals(List.of("three", "two"), contents(store.messages(
                    new MessageQuery(null, null, "2025-06-20T10:30", "2025-06-21T10:00", 0, 10))));
            Page<StoredMessage> paged = store.messages(new MessageQuery(null, null, null, null, 1, 2));
            assertEquals(List.of("three", "two"), contents(paged));
            assertEquals(4, paged.total());

            assertEquals(Map.of("#dev", 2L, "#général", 1L), store.channelMessageCounts());
        }
    }

    @Test
    void exportsReadEveryRowInIdOrder() {
        try (SqliteChatStore store = SqliteChatStore.open(cheapArgon(dir.resolve("c.db")))) {
            store.register("b", "pw");
            store.register("a", "pw");
            store.append(new NewMessage(null, "g", "#dev", null, "x", "2025-06-20T10:00:00.000000"));
            store.append(new NewMessage(null, "g", "#dev", null, "y", "2025-06-20T10:00:01.000000"));
            List<String> users = new ArrayList<>();
            store.forEachUser(user -> users.add(user.username()));
            assertEquals(List.of("b", "a"), users);
            List<String> messages = new ArrayList<>();
            store.forEachMessage(message -> messages.add(message.content()));
            assertEquals(List.of("x", "y"), messages);
            store.check();
        }
    }

    private static List<String> contents(Page<StoredMessage> page) {
        return page.items().stream().map(StoredMessage::content).toList();
    }
}
