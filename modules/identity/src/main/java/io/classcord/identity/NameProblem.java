package io.classcord.identity;

/** Why a name cannot be used; the engine words each one for the person who chose it. */
public enum NameProblem {
    EMPTY,
    TOO_LONG,
    /** A space at either end, or two in a row: names that differ only there look the same. */
    SPACING,
    /** A character outside the identifier set: control, invisible, unassigned, lone surrogate, symbol, {@code #}. */
    FORBIDDEN_CHARACTER,
    /** Letters of scripts that are not used together (Latin with Cyrillic, say): the look-alike trick. */
    MIXED_SCRIPTS
}
