package io.classcord.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.classcord.protocol.ServerFrame;
import org.junit.jupiter.api.Test;

class RenderTest {

    @Test
    void controlCharactersFromOtherServersCannotDriveTheTerminal() {
        assertEquals("^[[2J^Gbonjour \u21b5 ça", Render.safe("\u001b[2J\u0007bonjour\nça"));
    }

    @Test
    void messagesShowTimeChannelAndSender() {
        assertEquals("[17:12:40] #général <élodie> salut",
                Render.of(new ServerFrame.Delivery("élodie", "salut", "global", "global", "#général", "2025-06-20T17:12:40.123456")));
        assertEquals("[17:12:40] (privé) bob -> alice psst",
                Render.of(new ServerFrame.Delivery("bob", "psst", "private", "alice", null, "2025-06-20T17:12:40.123456")));
    }
}
