package io.classcord.storage;

/** What {@link ChatStore#importLegacy} did. */
public record ImportReport(int usersImported, int usersSkipped, int messagesImported) {
}
