package io.classcord.admin.service;

import java.util.Arrays;

/**
 * An administration request refused: why, and the text explaining it as a key of the API's texts
 * ({@code api.properties}) with its arguments, so that each caller says it in its user's language.
 */
public final class AdminRefusedException extends RuntimeException {

    private final Refusal refusal;
    private final String textKey;
    private final transient Object[] textArgs;

    AdminRefusedException(Refusal refusal, String textKey, Object... textArgs) {
        super(refusal.code() + " (" + textKey + " " + Arrays.toString(textArgs) + ")");
        this.refusal = refusal;
        this.textKey = textKey;
        this.textArgs = textArgs.clone();
    }

    public Refusal refusal() {
        return refusal;
    }

    public String textKey() {
        return textKey;
    }

    public Object[] textArgs() {
        return textArgs.clone();
    }
}
