package io.classcord.engine.internal;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.classcord.identity.Identity;
import io.classcord.identity.NameProblem;

/**
 * The engine's part of the name rules: which names are reserved, and how the module identity's
 * refusals are worded for the client. The rules themselves ({@link Identity#userNameProblem},
 * {@link Identity#key}) belong to identity, shared with the storage.
 */
final class NamePolicy {

    private final Set<String> reservedKeys;

    NamePolicy(Set<String> reservedNames) {
        this.reservedKeys = reservedNames.stream().map(Identity::key).collect(Collectors.toUnmodifiableSet());
    }

    boolean isReserved(String name) {
        return reservedKeys.contains(Identity.key(name));
    }

    /** Why {@code name} (canonical form) cannot be a user name, worded for the client, or empty when it can. */
    static Optional<String> userNameRefusal(String name, Texts texts) {
        return Identity.userNameProblem(name).map(problem -> userText(problem, texts));
    }

    private static String userText(NameProblem problem, Texts texts) {
        return switch (problem) {
            case EMPTY -> texts.get("name.empty");
            case TOO_LONG -> texts.get("name.too_long", Identity.MAX_LENGTH);
            case SPACING -> texts.get("name.spacing");
            case FORBIDDEN_CHARACTER -> texts.get("name.forbidden_character");
            case MIXED_SCRIPTS -> texts.get("name.mixed_scripts");
        };
    }

    /** Why {@code name} (canonical, with its {@code #}) cannot be a channel name, or empty when it can. */
    static Optional<String> channelNameRefusal(String name, Texts texts) {
        return Identity.channelNameProblem(name.substring(1)).map(problem -> switch (problem) {
            case MIXED_SCRIPTS -> texts.get("channel.invalid_scripts", name);
            default -> texts.get("channel.invalid", name);
        });
    }
}
