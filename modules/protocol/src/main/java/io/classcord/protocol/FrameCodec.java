package io.classcord.protocol;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.classcord.protocol.ClientFrame.ChannelsRequest;
import io.classcord.protocol.ClientFrame.ChatMessage;
import io.classcord.protocol.ClientFrame.HistoryRequest;
import io.classcord.protocol.ClientFrame.JoinChannel;
import io.classcord.protocol.ClientFrame.LeaveChannel;
import io.classcord.protocol.ClientFrame.Login;
import io.classcord.protocol.ClientFrame.Ping;
import io.classcord.protocol.ClientFrame.Register;
import io.classcord.protocol.ClientFrame.StatusUpdate;
import io.classcord.protocol.ClientFrame.UsersRequest;
import io.classcord.protocol.ServerFrame.ChannelInfo;
import io.classcord.protocol.ServerFrame.ChannelList;
import io.classcord.protocol.ServerFrame.Delivery;
import io.classcord.protocol.ServerFrame.ErrorReply;
import io.classcord.protocol.ServerFrame.History;
import io.classcord.protocol.ServerFrame.Joined;
import io.classcord.protocol.ServerFrame.Left;
import io.classcord.protocol.ServerFrame.LoginOk;
import io.classcord.protocol.ServerFrame.Notice;
import io.classcord.protocol.ServerFrame.Pong;
import io.classcord.protocol.ServerFrame.Presence;
import io.classcord.protocol.ServerFrame.RegisterOk;
import io.classcord.protocol.ServerFrame.UserList;

/**
 * Turns one received line into a {@link ClientFrame} and a {@link ServerFrame} into one line of
 * compact, ASCII-only JSON ending in {@code \n}; and, for clients (the terminal client, the load
 * generator, tests), the reverse: {@link #encodeRequest} and {@link #decodeReply}. Thread-safe;
 * create one and share it.
 */
public final class FrameCodec {

    // No request nests at all: a shallow limit keeps hostile input from costing stack and time.
    private final JsonReaderFactory readers = Json.createReaderFactory(Map.of(
            "org.eclipse.parsson.maxDepth", 32,
            "org.eclipse.parsson.rejectDuplicateKeys", true));
    private final JsonGeneratorFactory generators = Json.createGeneratorFactory(Map.of());

    /** Decodes a line (without its line ending). Never throws for bad input: it says what was wrong. */
    public Decoded decode(String line) {
        JsonObject object;
        try (JsonReader reader = readers.createReader(new StringReader(line))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject json)) {
                return failure(ErrorCode.BAD_JSON, "Expected one JSON object per line.");
            }
            object = json;
        } catch (RuntimeException | StackOverflowError e) {
            // Parsson reports some limits (nesting depth) as plain RuntimeExceptions.
            return failure(ErrorCode.BAD_JSON, "Invalid JSON.");
        }
        try {
            return new Decoded.Frame(frameOf(object));
        } catch (BadField e) {
            return failure(ErrorCode.BAD_REQUEST, e.getMessage());
        } catch (UnknownType e) {
            return failure(ErrorCode.UNKNOWN_TYPE, e.getMessage());
        }
    }

    private static Decoded failure(ErrorCode code, String message) {
        return new Decoded.Failed(new ProtocolError(code, message));
    }

    private static ClientFrame frameOf(JsonObject json) throws BadField, UnknownType {
        String type = requiredText(json, "type");
        return switch (type) {
            case "register" -> new Register(requiredText(json, "username"), requiredText(json, "password"));
            case "login" -> new Login(requiredText(json, "username"), requiredText(json, "password"));
            case "message" -> chatMessage(json);
            case "status" -> new StatusUpdate(requiredText(json, "state"));
            case "users" -> new UsersRequest();
            case "join", "join_channel" -> new JoinChannel(requiredText(json, "channel"), false);
            case "leave", "leave_channel" -> new LeaveChannel(requiredText(json, "channel"), false);
            case "channels" -> new ChannelsRequest();
            case "history" -> new HistoryRequest(optionalText(json, "channel"), optionalInt(json, "limit"),
                    optionalLong(json, "before"));
            case "ping" -> new Ping(optionalText(json, "id"));
            default -> throw new UnknownType("Unknown type '" + shorten(type) + "'.");
        };
    }

    private static ClientFrame chatMessage(JsonObject json) throws BadField {
        String content = requiredText(json, "content");
        String command = content.strip();
        // Unmodified clients can only send messages, so "/join #dev" typed in the chat box is a request.
        if (isCommand(command, "/join")) {
            return new JoinChannel(command.substring("/join".length()).strip(), true);
        }
        if (isCommand(command, "/leave")) {
            return new LeaveChannel(command.substring("/leave".length()).strip(), true);
        }
        return new ChatMessage(optionalText(json, "subtype"), optionalText(json, "to"), optionalText(json, "from"),
                content, optionalText(json, "channel"));
    }

    private static boolean isCommand(String text, String command) {
        return text.equals(command) || text.startsWith(command + " ") || text.startsWith(command + "\t");
    }

    private static String requiredText(JsonObject json, String key) throws BadField {
        String value = optionalText(json, key);
        if (value == null) {
            throw new BadField("Missing field '" + key + "'.");
        }
        return value;
    }

    private static String optionalText(JsonObject json, String key) throws BadField {
        JsonValue value = json.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw new BadField("Field '" + key + "' must be a string.");
    }

    private static Long optionalLong(JsonObject json, String key) throws BadField {
        JsonValue value = json.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.bigIntegerValueExact().longValueExact();
            } catch (ArithmeticException e) {
                throw new BadField("Field '" + key + "' is out of range.");
            }
        }
        throw new BadField("Field '" + key + "' must be a whole number.");
    }

    private static Integer optionalInt(JsonObject json, String key) throws BadField {
        Long value = optionalLong(json, key);
        if (value != null && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
            throw new BadField("Field '" + key + "' is out of range.");
        }
        return value == null ? null : value.intValue();
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** Encodes a frame as one line: compact JSON, every non-ASCII character escaped, ending in {@code \n}. */
    public String encode(ServerFrame frame) {
        return new String(encodeLine(frame), StandardCharsets.US_ASCII);
    }

    /** {@link #encode} as the bytes sent: ASCII only, ending in {@code \n}. */
    public byte[] encodeLine(ServerFrame frame) {
        AsciiJson out = new AsciiJson();
        try (JsonGenerator json = generators.createGenerator(out)) {
            json.writeStartObject();
            writeFields(json, frame);
            json.writeEnd();
        }
        return out.line();
    }

    private static void writeFields(JsonGenerator json, ServerFrame frame) {
        switch (frame) {
            case RegisterOk ok -> json.write("type", "register").write("status", "ok");
            case LoginOk ok -> json.write("type", "login").write("status", "ok").write("username", ok.username());
            case ErrorReply error -> json.write("type", "error")
                    .write("code", error.code().wireName())
                    .write("message", error.message())
                    .write("error", error.message());
            case Delivery delivery -> {
                json.write("type", "message");
                writeDelivery(json, delivery);
            }
            case Presence presence -> json.write("type", "status")
                    .write("user", presence.user())
                    .write("state", presence.state());
            case UserList list -> {
                json.write("type", "users").writeStartArray("users");
                list.users().forEach(json::write);
                json.writeEnd();
            }
            case Joined joined -> json.write("type", "join").write("status", "ok").write("channel", joined.channel());
            case Left left -> json.write("type", "leave").write("status", "ok").write("channel", left.channel());
            case ChannelList list -> {
                json.write("type", "channels").writeStartArray("channels");
                for (ChannelInfo channel : list.channels()) {
                    json.writeStartObject()
                            .write("name", channel.name())
                            .write("members", channel.members())
                            .write("restricted", channel.restricted())
                            .write("open", channel.open())
                            .writeEnd();
                }
                json.writeEnd();
            }
            case History history -> {
                json.write("type", "history").write("channel", history.channel()).writeStartArray("messages");
                for (Delivery delivery : history.messages()) {
                    json.writeStartObject();
                    writeDelivery(json, delivery);
                    json.writeEnd();
                }
                json.writeEnd();
                if (history.before() != null) {
                    json.write("more", true).write("before", history.before());
                }
            }
            case Pong pong -> {
                json.write("type", "pong");
                if (pong.id() != null) {
                    json.write("id", pong.id());
                }
            }
            case Notice notice -> {
                json.write("type", notice.kind().wireType()).write("message", notice.message());
                if (notice.channel() != null) {
                    json.write("channel", notice.channel());
                }
            }
        }
    }

    private static void writeDelivery(JsonGenerator json, Delivery delivery) {
        json.write("subtype", delivery.subtype())
                .write("to", delivery.to())
                .write("from", delivery.from())
                .write("content", delivery.content());
        if (delivery.channel() != null) {
            json.write("channel", delivery.channel());
        }
        json.write("timestamp", delivery.timestamp());
    }

    /**
     * Encodes a request as a client sends it: one line of compact JSON ending in {@code \n}, null
     * fields left out. The output is ASCII too, which the server accepts like UTF-8.
     */
    public String encodeRequest(ClientFrame frame) {
        AsciiJson out = new AsciiJson();
        try (JsonGenerator json = generators.createGenerator(out)) {
            json.writeStartObject();
            switch (frame) {
                case Register r -> json.write("type", "register").write("username", r.username())
                        .write("password", r.password());
                case Login l -> json.write("type", "login").write("username", l.username())
                        .write("password", l.password());
                case ChatMessage m -> {
                    json.write("type", "message");
                    writeIfPresent(json, "subtype", m.subtype());
                    writeIfPresent(json, "to", m.to());
                    writeIfPresent(json, "from", m.from());
                    json.write("content", m.content());
                    writeIfPresent(json, "channel", m.channel());
                }
                case StatusUpdate s -> json.write("type", "status").write("state", s.state());
                case UsersRequest u -> json.write("type", "users");
                case JoinChannel j -> json.write("type", "join").write("channel", j.channel());
                case LeaveChannel l -> json.write("type", "leave").write("channel", l.channel());
                case ChannelsRequest c -> json.write("type", "channels");
                case HistoryRequest h -> {
                    json.write("type", "history");
                    writeIfPresent(json, "channel", h.channel());
                    if (h.limit() != null) {
                        json.write("limit", h.limit());
                    }
                    if (h.before() != null) {
                        json.write("before", h.before());
                    }
                }
                case Ping p -> {
                    json.write("type", "ping");
                    writeIfPresent(json, "id", p.id());
                }
            }
            json.writeEnd();
        }
        return new String(out.line(), StandardCharsets.US_ASCII);
    }

    private static void writeIfPresent(JsonGenerator json, String key, String value) {
        if (value != null) {
            json.write(key, value);
        }
    }

    /**
     * Decodes a line received from a server (without its line ending). Tolerant like the course
     * clients: missing optional keys become null, extra keys are ignored, and what it cannot make
     * sense of comes back as {@link Reply.Unrecognized} rather than an exception.
     */
    public Reply decodeReply(String line) {
        JsonObject json;
        try (JsonReader reader = readers.createReader(new StringReader(line))) {
            if (!(reader.readValue() instanceof JsonObject object)) {
                return new Reply.Unrecognized(null, line, "not a JSON object");
            }
            json = object;
        } catch (RuntimeException | StackOverflowError e) {
            return new Reply.Unrecognized(null, line, "invalid JSON");
        }
        String type = lenientText(json, "type");
        if (type == null) {
            return new Reply.Unrecognized(null, line, "no type");
        }
        ServerFrame frame = switch (type) {
            case "register" -> new RegisterOk();
            case "login" -> new LoginOk(lenientText(json, "username"));
            case "error" -> {
                String message = lenientText(json, "message");
                yield new ErrorReply(ErrorCode.fromWireName(lenientText(json, "code")),
                        message != null ? message : lenientText(json, "error"));
            }
            case "message" -> deliveryOf(json);
            case "status" -> new Presence(lenientText(json, "user"), lenientText(json, "state"));
            case "users" -> new UserList(textList(json, "users"));
            case "join" -> new Joined(lenientText(json, "channel"));
            case "leave" -> new Left(lenientText(json, "channel"));
            case "channels" -> new ChannelList(channelInfos(json));
            case "history" -> new History(lenientText(json, "channel"), deliveries(json), lenientLong(json, "before"));
            case "pong" -> new Pong(lenientText(json, "id"));
            default -> noticeOf(type, json);
        };
        return frame == null ? new Reply.Unrecognized(type, line, "unknown type") : new Reply.Frame(frame);
    }

    private static Delivery deliveryOf(JsonObject json) {
        return new Delivery(lenientText(json, "from"), lenientText(json, "content"), lenientText(json, "subtype"),
                lenientText(json, "to"), lenientText(json, "channel"), lenientText(json, "timestamp"));
    }

    private static Notice noticeOf(String type, JsonObject json) {
        for (ServerFrame.NoticeKind kind : ServerFrame.NoticeKind.values()) {
            if (kind.wireType().equals(type)) {
                return new Notice(kind, lenientText(json, "message"), lenientText(json, "channel"));
            }
        }
        return null;
    }

    private static String lenientText(JsonObject json, String key) {
        return json.get(key) instanceof JsonString text ? text.getString() : null;
    }

    private static Long lenientLong(JsonObject json, String key) {
        return json.get(key) instanceof JsonNumber number && number.isIntegral() ? number.longValue() : null;
    }

    private static List<String> textList(JsonObject json, String key) {
        List<String> values = new ArrayList<>();
        if (json.get(key) instanceof jakarta.json.JsonArray array) {
            for (JsonValue value : array) {
                // Some servers send objects here; the name is what a client can show.
                if (value instanceof JsonString text) {
                    values.add(text.getString());
                } else if (value instanceof JsonObject object && lenientText(object, "username") != null) {
                    values.add(lenientText(object, "username"));
                }
            }
        }
        return values;
    }

    private static List<ChannelInfo> channelInfos(JsonObject json) {
        List<ChannelInfo> infos = new ArrayList<>();
        if (json.get("channels") instanceof jakarta.json.JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonObject c) {
                    infos.add(new ChannelInfo(lenientText(c, "name"),
                            c.get("members") instanceof JsonNumber n ? n.intValue() : 0,
                            c.get("restricted") == JsonValue.TRUE, c.get("open") != JsonValue.FALSE));
                } else if (value instanceof JsonString name) {
                    infos.add(new ChannelInfo(name.getString(), 0, false, true));
                }
            }
        }
        return infos;
    }

    private static List<Delivery> deliveries(JsonObject json) {
        List<Delivery> messages = new ArrayList<>();
        if (json.get("messages") instanceof jakarta.json.JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonObject m) {
                    messages.add(deliveryOf(m));
                }
            }
        }
        return messages;
    }

    /** A field is missing or has the wrong JSON type. */
    private static final class BadField extends Exception {
        BadField(String message) {
            super(message, null, false, false);
        }
    }

    private static final class UnknownType extends Exception {
        UnknownType(String message) {
            super(message, null, false, false);
        }
    }
}
