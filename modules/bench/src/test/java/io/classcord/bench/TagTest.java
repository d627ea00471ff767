package io.classcord.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TagTest {

    @Test
    void roundTripsAndIgnoresForeignText() {
        Tag tag = new Tag(12, 199, 3, -42L);
        assertEquals(tag, Tag.parse(tag.text()));
        assertNull(Tag.parse("salut"));
        assertNull(Tag.parse("cc|1|2"));
        assertNull(Tag.parse("cc|a|b|c|d"));
    }

    @Test
    void expectedDeliveriesCountEveryOtherMember() {
        assertEquals(30L * 29 * 200, Workload.preset("W1").expectedDeliveries());
        assertEquals(10L * 50 * 49 * 20, Workload.preset("W2").expectedDeliveries());
    }
}
