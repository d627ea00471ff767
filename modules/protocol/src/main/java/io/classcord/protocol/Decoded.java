package io.classcord.protocol;

/** The outcome of decoding one line: a frame, or the error to answer with. */
public sealed interface Decoded {

    record Frame(ClientFrame frame) implements Decoded {
    }

    record Failed(ProtocolError error) implements Decoded {
    }
}
