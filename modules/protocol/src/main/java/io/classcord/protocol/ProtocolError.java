package io.classcord.protocol;

/** Why a line could not be turned into a {@link ClientFrame}: a code and a text for people. */
public record ProtocolError(ErrorCode code, String message) {
}
