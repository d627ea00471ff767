package io.classcord.admin;

import static io.classcord.admin.AdminFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.classcord.storage.NewMessage;
import jakarta.json.JsonObject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTest {

    @TempDir
    Path dir;

    @Test
    void csvExportsParseBackToTheStoredData() throws Exception {
        try (AdminFixture fx = new AdminFixture(dir)) {
            fx.store.register("Zoé", "never-exported-password");
            fx.store.register("bob", "pw");
            fx.store.setBanned("bob", true);
            String tricky = "a, \"quoted\" line\nand a second\r\nline; accents: é à ç, emoji \uD83D\uDE00";
            long zoe = fx.store.user("Zoé").orElseThrow().id();
            fx.store.append(new NewMessage(zoe, "Zoé", "#général", null, tricky, "2025-06-20T17:12:40.123456"));
            fx.store.append(new NewMessage(null, "guest", null, "Zoé", "", "2025-06-20T17:12:41.000000"));
            // A guest's name and a text a spreadsheet would run as formulas (CSV injection).
            fx.store.append(new NewMessage(null, "@guest", "#général", null, "=HYPERLINK(\"http://x\",\"y\")",
                    "2025-06-20T17:12:42.000000"));

            HttpResponse<String> response = fx.post("/api/exports", null);
            assertEquals(201, response.statusCode(), response.body());
            List<JsonObject> files = json(response).asJsonObject().getJsonArray("files").getValuesAs(JsonObject.class);
            assertEquals(2, files.size());

            Path messages = dir.resolve("exports/messages_export_" + LocalDate.now() + ".csv");
            Path users = dir.resolve("exports/users_export_" + LocalDate.now() + ".csv");
            assertEquals(messages.toAbsolutePath().toString(), files.get(0).getString("path"));
            assertEquals(3, files.get(0).getInt("rows"));

            List<CSVRecord> messageRows = parse(messages);
            assertEquals(List.of("id", "timestamp", "channel", "sender", "recipient", "user_id", "content"), messageRows.get(0).toList());
            assertEquals(List.of("1", "2025-06-20T17:12:40.123456", "#général", "Zoé", "", String.valueOf(zoe), tricky),
                    messageRows.get(1).toList());
            assertEquals(List.of("2", "2025-06-20T17:12:41.000000", "", "guest", "Zoé", "", ""), messageRows.get(2).toList());
            assertEquals(List.of("3", "2025-06-20T17:12:42.000000", "#général", "'@guest", "", "",
                    "'=HYPERLINK(\"http://x\",\"y\")"), messageRows.get(3).toList());
            assertEquals(4, messageRows.size());

            List<CSVRecord> userRows = parse(users);
            assertEquals(List.of("id", "username", "role", "banned", "created_at", "last_login"), userRows.get(0).toList());
            assertEquals("Zoé", userRows.get(1).get(1));
            assertEquals(List.of("bob", "user", "1"), userRows.get(2).toList().subList(1, 4));
            String raw = Files.readString(users, StandardCharsets.UTF_8);
            assertFalse(raw.contains("password"), "never the password column");
            assertFalse(raw.contains("argon2"), "never a password hash");
            assertTrue(raw.endsWith("\r\n"), "RFC 4180 line ends");
            assertTrue(fx.audit.stream().anyMatch(l -> l.contains("export all") && l.contains("(3 rows)")), fx.audit.toString());

            assertEquals(201, fx.post("/api/exports?type=users", null).statusCode());
            HttpResponse<String> bad = fx.post("/api/exports?type=everything", null);
            assertEquals(400, bad.statusCode());
            try (var listing = Files.list(dir.resolve("exports"))) {
                assertEquals(2, listing.count(), "the same day's export replaces the file, no partial file is left");
            }
        }
    }

    private static List<CSVRecord> parse(Path file) throws Exception {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new ArrayList<>(CSVFormat.RFC4180.parse(reader).getRecords());
        }
    }
}
