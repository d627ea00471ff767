package io.classcord.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The fast reading of delivery lines gives what a JSON parser would, or nothing. */
class JsonDriverTest {

    static final String LINE = "{\"type\":\"message\",\"subtype\":\"global\",\"to\":\"global\",\"from\":\"b1\","
            + "\"content\":\"cc|1|2|0|123\",\"channel\":\"#bench0\",\"timestamp\":\"2026-12-02T22:00:00.000000\"}";

    @Test
    void readsPlainStringValues() {
        assertEquals("cc|1|2|0|123", JsonDriver.plainField(LINE, "\"content\":\""));
        assertEquals("#bench0", JsonDriver.plainField(LINE, "\"channel\":\""));
    }

    @Test
    void leavesEscapedOrMissingValuesToTheParser() {
        assertNull(JsonDriver.plainField("{\"content\":\"cc|\\u00e9\"}", "\"content\":\""));
        assertNull(JsonDriver.plainField("{\"type\":\"message\"}", "\"channel\":\""));
    }
}
