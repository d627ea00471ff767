package io.classcord.storage;

import java.util.List;

/**
 * What {@link ChatStore#importLegacy} did.
 *
 * @param skippedAccounts the course accounts not imported, in the course database's order
 */
public record ImportReport(int usersImported, int usersSkipped, int messagesImported, List<SkippedAccount> skippedAccounts) {

    public ImportReport {
        skippedAccounts = List.copyOf(skippedAccounts);
    }

    public ImportReport(int usersImported, int usersSkipped, int messagesImported) {
        this(usersImported, usersSkipped, messagesImported, List.of());
    }

    /**
     * A course account that was not imported.
     *
     * @param name     its name in the course database ("" if it had none)
     * @param existing the account here whose name has the same key (it gets the old messages), or
     *                 null if the course row had no name or no password
     */
    public record SkippedAccount(String name, String existing) {
    }
}
