package io.classcord.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One server per database: an exclusive lock on {@code DATABASE.lock} (next to the database), held
 * by {@code run} until it exits and released by the system even after a crash; the file holds the
 * holder's process id and is left in place. Maintenance commands that work beside a live server
 * (backup, import-legacy, set-role, admin) do not take it.
 */
final class ServerLock implements AutoCloseable {

    /** Another process holds the lock. */
    static final class HeldException extends IOException {
        private static final long serialVersionUID = 1L;
        final transient Path lockFile;
        final String holder;

        HeldException(Path lockFile, String holder) {
            super("locked by " + holder + ": " + lockFile);
            this.lockFile = lockFile;
            this.holder = holder;
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private ServerLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Path lockFile(Path database) {
        return database.toAbsolutePath().resolveSibling(database.getFileName() + ".lock");
    }

    static ServerLock acquire(Path database) throws IOException {
        Path file = lockFile(database);
        Path parent = file.getParent();
        if (!Files.isDirectory(parent)) {
            // As the store would create it: owner only.
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder;
            try {
                holder = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                holder = "";
            } finally {
                channel.close();
            }
            throw new HeldException(file, holder);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new ServerLock(channel, lock);
    }

    @Override
    public void close() {
        try (channel) {
            lock.release();
        } catch (IOException e) {
            // The system releases the lock when the process exits anyway.
        }
    }
}
