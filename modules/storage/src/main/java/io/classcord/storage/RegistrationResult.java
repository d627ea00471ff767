package io.classcord.storage;

/** Outcome of {@link ChatStore#register}. */
public enum RegistrationResult {
    CREATED,
    NAME_TAKEN
}
