package io.classcord.storage;

import java.nio.file.Path;

/**
 * A backup that was written and checked.
 *
 * @param file     the copy, complete and owner-only
 * @param bytes    its size
 * @param users    accounts in the copy
 * @param messages messages in the copy
 */
public record BackupResult(Path file, long bytes, long users, long messages) {
}
