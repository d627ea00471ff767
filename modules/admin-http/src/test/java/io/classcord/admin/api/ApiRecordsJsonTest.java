package io.classcord.admin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API's records as JSON-B writes them (the wire format of docs/admin-api.md: keys in alphabetical
 * order, null components left out) and reads them back, which the console does: that needs the
 * names javac records for a record's canonical constructor (MethodParameters).
 */
class ApiRecordsJsonTest {

    private final Jsonb jsonb = JsonbBuilder.create();

    @AfterEach
    void close() throws Exception {
        jsonb.close();
    }

    @Test
    void recordsKeepTheirWireShape() {
        assertEquals("{\"error\":\"unknown_user\",\"message\":\"Aucun compte nommé bob\"}",
                jsonb.toJson(new ErrorBody("unknown_user", "Aucun compte nommé bob")));
        assertEquals("{\"delivered\":3}", jsonb.toJson(new AlertDelivered(null, 3)));
        assertEquals("{\"chat\":\"UP\",\"database\":\"UP\",\"status\":\"UP\"}",
                jsonb.toJson(new HealthStatus("UP", "UP", "UP", null)));
        assertEquals("{\"items\":[{\"channel\":\"#dev\",\"content\":\"salut\",\"id\":7,\"sender\":\"alice\","
                        + "\"timestamp\":\"2025-06-20T17:12:40.123456\"}],\"limit\":50,\"offset\":0,\"total\":1}",
                jsonb.toJson(new Page<>(List.of(new StoredChatMessage(7, "2025-06-20T17:12:40.123456", "#dev", "alice",
                        null, "salut")), 0, 50, 1)));
    }

    @Test
    void everyRecordReadsBackAsItWasWritten() {
        List<Object> records = List.of(
                new ErrorBody("bad_paging", "offset"),
                new ClientInfo("alice", "127.0.0.1", 51234, true, false, "#dev", List.of("#dev", "#général"), "online",
                        "2025-06-20T15:12:40.123Z", 171, 3, 512, 6),
                new ChannelInfo("#dev", false, true, List.of("alice"), 2, 40),
                new UserAccount(1, "alice", "user", false, "2025-06-20T15:00:00Z", "2025-06-20T15:12:40Z", 1),
                new AlertRequest("Rendu à 17h", "#dev"),
                new NewChannel("#projet"),
                new KickRequest("Langage"),
                new AlertDelivered("#dev", 2),
                new ChannelChange("#dev", false, true),
                new ChannelCreated("#projet"),
                new Disconnected("alice", 1),
                new BanChange("alice", true, 1),
                new Exports(List.of(new ExportedFile("messages", "/tmp/m.csv", 12))),
                new Stopping(true),
                new HealthStatus("DOWN", "UP", "DOWN", null),
                new HealthStatus("UP", "UP", "UP", "failed 2026-12-02T03:00:04Z classcord-backup-hourly.service"));
        for (Object record : records) {
            assertEquals(record, jsonb.fromJson(jsonb.toJson(record), record.getClass()), record.getClass().getSimpleName());
        }
        Page<UserAccount> page = new Page<>(List.of(new UserAccount(2, "bob", "admin", true, "", "", 0)), 5, 1, 9);
        assertEquals(page, jsonb.fromJson(jsonb.toJson(page), pageOf(UserAccount.class)));
    }

    private static Type pageOf(Class<?> item) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return new Type[] {item};
            }

            @Override
            public Type getRawType() {
                return Page.class;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }
        };
    }
}
