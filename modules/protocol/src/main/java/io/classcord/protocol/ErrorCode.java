package io.classcord.protocol;

/** Stable machine-readable codes carried by every error reply in its {@code code} key. */
public enum ErrorCode {
    BAD_JSON("bad_json"),
    BAD_REQUEST("bad_request"),
    UNKNOWN_TYPE("unknown_type"),
    TOO_LONG("too_long"),
    NOT_LOGGED_IN("not_logged_in"),
    NAME_TAKEN("name_taken"),
    INVALID_NAME("invalid_name"),
    AUTH_FAILED("auth_failed"),
    BANNED("banned"),
    RATE_LIMITED("rate_limited"),
    TOO_MANY_CONNECTIONS("too_many_connections"),
    UNKNOWN_CHANNEL("unknown_channel"),
    UNKNOWN_USER("unknown_user"),
    FORBIDDEN("forbidden"),
    CHANNEL_CLOSED("channel_closed"),
    SERVER_ERROR("server_error");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    /** The code whose wire name is {@code wireName}, or null for a code this version does not know. */
    public static ErrorCode fromWireName(String wireName) {
        for (ErrorCode code : values()) {
            if (code.wireName.equals(wireName)) {
                return code;
            }
        }
        return null;
    }

    /** The value sent in the {@code code} key. */
    public String wireName() {
        return wireName;
    }
}
