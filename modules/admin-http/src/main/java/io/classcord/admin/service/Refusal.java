package io.classcord.admin.service;

/** Why the administration refused a request; {@link #code} is the stable {@code error} of the API's bodies. */
public enum Refusal {
    UNKNOWN_USER("unknown_user"),
    UNKNOWN_CHANNEL("unknown_channel"),
    INVALID_CHANNEL("invalid_channel"),
    CHANNEL_EXISTS("channel_exists"),
    TOO_MANY_CHANNELS("too_many_channels"),
    BAD_REQUEST("bad_request"),
    BAD_PAGING("bad_paging"),
    BAD_TIME("bad_time"),
    EXPORT_FAILED("export_failed"),
    NO_SUCH_EXPORT("no_such_export"),
    LAST_ADMIN("last_admin");

    private final String code;

    Refusal(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
