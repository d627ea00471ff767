package io.classcord.app;

import java.nio.file.Path;

import io.classcord.settings.InvalidSetting;
import io.classcord.settings.SettingsNode;

/**
 * Where {@code classcord backup} writes its copies and how many it keeps: the {@code classcord.backup}
 * keys, which the command's {@code --dest} and {@code --keep} override.
 *
 * @param dir  directory of the copies
 * @param keep newest copies kept after each backup; 0 keeps them all
 */
record BackupSettings(Path dir, int keep) {

    private static final String DEFAULT_DIR = "backups";
    private static final int DEFAULT_KEEP = 0;

    BackupSettings {
        if (keep < 0) {
            throw new InvalidSetting("keep", keep, "expected.at.least", 0);
        }
    }

    static BackupSettings create(SettingsNode backup) {
        Path dir = Path.of(backup.text("dir").orElse(DEFAULT_DIR));
        int keep = backup.integer("keep").orElse(DEFAULT_KEEP);
        return backup.validated(() -> new BackupSettings(dir, keep));
    }
}
