package io.classcord.storage.sqlite;

import static io.classcord.storage.sqlite.TestStores.cheapArgon;
import static io.classcord.storage.sqlite.TestStores.scalar;
import static io.classcord.storage.sqlite.TestStores.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.classcord.storage.Account;
import io.classcord.storage.RegistrationResult;
import io.classcord.storage.StorageException;
import io.classcord.storage.StoreSettings;
import io.classcord.storage.password.PasswordHasher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsTest {

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    @TempDir
    Path dir;
    Path file;
    SqliteChatStore store;

    @BeforeEach
    void open() {
        file = dir.resolve("classcord.db");
        store = SqliteChatStore.open(cheapArgon(file));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void registeredUserAuthenticatesWithTheRightPasswordOnly() throws Exception {
        assertEquals(RegistrationResult.CREATED, store.register("Alice", "correct horse"));

        Account alice = store.authenticate("Alice", "correct horse").orElseThrow();
        assertEquals("Alice", alice.username());
        assertEquals("user", alice.role());
        assertFalse(alice.banned());
        assertFalse(alice.isAdmin());
        assertEquals(alice, store.authenticate("alice", "correct horse").orElseThrow(), "any case variant logs in");
        assertNotNull(scalar(file, "SELECT created_at FROM users WHERE id = ?", alice.id()));
        assertNotNull(scalar(file, "SELECT last_login FROM users WHERE id = ?", alice.id()));

        assertTrue(store.authenticate("Alice", "wrong horse").isEmpty());
        assertTrue(store.authenticate("Alice", "").isEmpty());
        assertTrue(store.authenticate("Bob", "correct horse").isEmpty(), "unknown user");
    }

    @Test
    void wrongPasswordDoesNotTouchLastLogin() throws Exception {
        store.register("Alice", "pw");
        store.authenticate("Alice", "nope");
        assertNull(scalar(file, "SELECT last_login FROM users WHERE username = 'Alice'"));
    }

    @Test
    void namesThatLookTheSameAreTaken() {
        assertEquals(RegistrationResult.CREATED, store.register("alice", "pw"));
        assertEquals(RegistrationResult.NAME_TAKEN, store.register("alice", "pw"));
        assertEquals(RegistrationResult.NAME_TAKEN, store.register("ALICE", "other"));
        assertEquals(RegistrationResult.NAME_TAKEN, store.register("ａｌｉｃｅ", "other"), "full-width letters");

        assertEquals(RegistrationResult.CREATED, store.register("Zo\u00e9", "pw"), "precomposed é");
        assertEquals(RegistrationResult.NAME_TAKEN, store.register("Zoe\u0301", "pw"), "e + combining acute");
        assertEquals(RegistrationResult.NAME_TAKEN, store.register("ZOÉ", "pw"));

        assertTrue(store.isRegistered("Alice"));
        assertTrue(store.isRegistered("zoe\u0301"));

        assertEquals(RegistrationResult.CREATED, store.register("victim", "pw"));
        assertEquals(RegistrationResult.NAME_TAKEN, store.register("v\u0456ctim", "pw"), "Cyrillic і: the same skeleton");
        assertEquals(RegistrationResult.CREATED, store.register("Maß", "pw"));
        assertEquals(RegistrationResult.NAME_TAKEN, store.register("MASS", "pw"), "ß folds to ss");
        assertTrue(store.setBanned("MASS", true), "banning MASS bans Maß: the same key as the engine's");
        assertTrue(store.user("Maß").orElseThrow().banned());
        assertFalse(store.isRegistered("Zoe"), "accents still matter");
        assertTrue(store.authenticate("ZOE\u0301", "pw").isPresent());
    }

    @Test
    void storesArgon2idInPhcFormat() throws Exception {
        store.register("Alice", "pw");
        String stored = (String) scalar(file, "SELECT password FROM users WHERE username = 'Alice'");
        Matcher phc = PHC.matcher(stored);
        assertTrue(phc.matches(), stored);
        assertEquals(List.of("1024", "1", "1"), List.of(phc.group(1), phc.group(2), phc.group(3)));
        assertEquals(16, Base64.getDecoder().decode(phc.group(4)).length, "salt");
        assertEquals(32, Base64.getDecoder().decode(phc.group(5)).length, "hash");
        assertFalse(phc.group(4).contains("=") || phc.group(5).contains("="), "no base64 padding");

        store.register("Bob", "pw");
        assertFalse(stored.equals(scalar(file, "SELECT password FROM users WHERE username = 'Bob'")), "salted");
    }

    @Test
    void legacySha256IsAcceptedOnceAndUpgraded() throws Exception {
        String legacy = PasswordHasher.legacySha256Hex("hunter2");
        update(file, "INSERT INTO users(username, password, username_key) VALUES ('bob', ?, 'bob')", legacy);

        assertTrue(store.authenticate("bob", "hunter3").isEmpty());
        assertEquals(legacy, scalar(file, "SELECT password FROM users WHERE username = 'bob'"),
                "a wrong password leaves the legacy hash alone");

        assertTrue(store.authenticate("bob", "hunter2").isPresent());
        String upgraded = (String) scalar(file, "SELECT password FROM users WHERE username = 'bob'");
        assertTrue(PHC.matcher(upgraded).matches(), upgraded);

        assertTrue(store.authenticate("Bob", "hunter2").isPresent(), "still works against the new hash");
        assertTrue(store.authenticate("bob", "hunter3").isEmpty());
        assertEquals(upgraded, scalar(file, "SELECT password FROM users WHERE username = 'bob'"));
    }

    @Test
    void changedCostParametersUpgradeTheHashAtLogin() throws Exception {
        store.register("Alice", "pw");
        store.close();
        store = SqliteChatStore.open(new StoreSettings(file, "FULL", 512, 2048, 2, 1));

        assertTrue(store.authenticate("Alice", "pw").isPresent());
        String stored = (String) scalar(file, "SELECT password FROM users WHERE username = 'Alice'");
        assertTrue(stored.startsWith("$argon2id$v=19$m=2048,t=2,p=1$"), stored);
    }

    @Test
    void concurrentRegistrationsOfOneNameCreateOneAccount() throws Exception {
        List<String> variants = List.of("carol", "Carol", "CAROL", "ｃａｒｏｌ", "carol", "cArOl", "CaRoL", "caroL");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RegistrationResult>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : variants) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store.register(name, "pw");
                }));
            }
            start.countDown();
        }
        long created = 0;
        for (Future<RegistrationResult> result : results) {
            created += result.get() == RegistrationResult.CREATED ? 1 : 0;
        }
        assertEquals(1, created);
        assertEquals(1, scalar(file, "SELECT COUNT(*) FROM users"));
    }

    @Test
    void rolesCanBeChanged() {
        store.register("Alice", "pw");
        assertTrue(store.setRole("ALICE", "admin"));
        assertTrue(store.authenticate("alice", "pw").orElseThrow().isAdmin());
        assertTrue(store.setRole("alice", "user"));
        assertFalse(store.authenticate("alice", "pw").orElseThrow().isAdmin());

        assertFalse(store.setRole("nobody", "admin"));
        assertThrows(IllegalArgumentException.class, () -> store.setRole("alice", "root"));
    }

    @Test
    void bannedAccountsAuthenticateButSayTheyAreBanned() throws Exception {
        store.register("Mallory", "pw");
        update(file, "UPDATE users SET banned = 1 WHERE username = 'Mallory'");
        assertTrue(store.authenticate("mallory", "pw").orElseThrow().banned());
    }

    @Test
    void accountOperationsFailAfterClose() {
        store.close();
        assertThrows(StorageException.class, () -> store.register("Alice", "pw"));
        assertThrows(StorageException.class, () -> store.authenticate("Alice", "pw"));
        assertThrows(StorageException.class, () -> store.isRegistered("Alice"));
    }

    @Test
    void owaspDefaultCostsWorkEndToEnd() throws Exception {
        store.close();
        store = SqliteChatStore.open(StoreSettings.defaults(dir.resolve("owasp.db")));
        assertEquals(RegistrationResult.CREATED, store.register("Dave", "s3cret"));
        assertTrue(store.authenticate("dave", "s3cret").isPresent());
        assertTrue(store.authenticate("dave", "s3creT").isEmpty());
        String stored = (String) scalar(dir.resolve("owasp.db"), "SELECT password FROM users");
        assertTrue(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), stored);
    }
}
