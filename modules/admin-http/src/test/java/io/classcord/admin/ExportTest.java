package io.classcord.admin;

import static io.classcord.admin.AdminFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import io.classcord.admin.export.Exporter;
import io.classcord.storage.NewMessage;
import jakarta.json.JsonObject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.ByteOrderMark;
import org.apache.commons.io.input.BOMInputStream;
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
            // One time format in both files: local time with the server's offset, to the second.
            String offset = ZoneId.systemDefault().getRules().getOffset(LocalDateTime.parse("2025-06-20T17:12:40")).getId();
            assertEquals(List.of("1", "2025-06-20T17:12:40" + offset, "#général", "Zoé", "", String.valueOf(zoe), tricky),
                    messageRows.get(1).toList());
            assertEquals(List.of("2", "2025-06-20T17:12:41" + offset, "", "guest", "Zoé", "", ""), messageRows.get(2).toList());
            assertEquals(List.of("3", "2025-06-20T17:12:42" + offset, "#général", "'@guest", "", "",
                    "'=HYPERLINK(\"http://x\",\"y\")"), messageRows.get(3).toList());
            assertEquals(4, messageRows.size());

            List<CSVRecord> userRows = parse(users);
            assertEquals(List.of("id", "username", "role", "banned", "created_at", "last_login"), userRows.get(0).toList());
            assertEquals("Zoé", userRows.get(1).get(1));
            String createdAt = userRows.get(1).get(4);
            assertTrue(createdAt.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}([+-]\\d{2}:\\d{2}|Z)"), createdAt);
            Instant registered = ZonedDateTime.parse(createdAt).toInstant();
            assertTrue(Instant.now().plusSeconds(1).isAfter(registered) && Instant.now().minusSeconds(600).isBefore(registered),
                    createdAt);
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

    @Test
    void theScriptDialectIsPlainRfc4180AndTimesCarryTheOffsetOfTheirDate() throws Exception {
        try (AdminFixture fx = new AdminFixture(dir)) {
            fx.store.register("Zoé", "pw");
            fx.store.append(new NewMessage(null, "guest", "#général", null, "été; hiver", "2025-06-20T17:12:40.999999"));
            fx.store.append(new NewMessage(null, "guest", "#général", null, "hiver", "2025-01-10 08:00:00"));
            Clock paris = Clock.fixed(Instant.parse("2025-06-20T15:00:00Z"), ZoneId.of("Europe/Paris"));
            Path out = dir.resolve("rfc");
            new Exporter(fx.store, out, paris, CsvDialect.RFC4180).export(List.of(Exporter.Kind.MESSAGES, Exporter.Kind.USERS));

            Path messages = out.resolve("messages_export_2025-06-20.csv");
            byte[] raw = Files.readAllBytes(messages);
            assertEquals('i', raw[0], "no BOM in the script dialect");
            List<CSVRecord> rows;
            try (Reader reader = Files.newBufferedReader(messages, StandardCharsets.UTF_8)) {
                rows = CSVFormat.RFC4180.parse(reader).getRecords();
            }
            assertEquals(List.of("1", "2025-06-20T17:12:40+02:00", "#général", "guest", "", "", "été; hiver"), rows.get(1).toList());
            assertEquals("2025-01-10T08:00:00+01:00", rows.get(2).get(1), "winter time has its own offset");
            try (Reader reader = Files.newBufferedReader(out.resolve("users_export_2025-06-20.csv"), StandardCharsets.UTF_8)) {
                String createdAt = CSVFormat.RFC4180.parse(reader).getRecords().get(1).get(4);
                assertTrue(createdAt.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+0[12]:00"), createdAt);
            }
        }
    }

    /** As a French spreadsheet reads the default dialect: a UTF-8 BOM, then ';' between fields. */
    static List<CSVRecord> parse(Path file) throws Exception {
        try (BOMInputStream bytes = BOMInputStream.builder().setPath(file).setByteOrderMarks(ByteOrderMark.UTF_8).get()) {
            assertTrue(bytes.hasBOM(ByteOrderMark.UTF_8), "the file starts with the UTF-8 BOM");
            Reader reader = new InputStreamReader(bytes, StandardCharsets.UTF_8);
            return new ArrayList<>(CSVFormat.RFC4180.builder().setDelimiter(";").build().parse(reader).getRecords());
        }
    }
}
