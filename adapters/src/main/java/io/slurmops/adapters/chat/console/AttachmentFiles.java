package io.slurmops.adapters.chat.console;

import io.slurmops.commands.reply.Block;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where a terminal puts a reply's files: a private directory (0700) with one file per attachment
 * (0600, created new, never overwriting), named with the time so a second postmortem keeps the first.
 * A postmortem can name people and hosts: nobody else on the machine should read it.
 */
public final class AttachmentFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Clock clock;

    public AttachmentFiles(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    /** Writes the attachment and returns its path. */
    public Path write(Block.Attachment a) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            String stamp = STAMP.format(clock.instant());
            for (int n = 0; ; n++) {
                Path file = dir.resolve(stamp + (n == 0 ? "" : "-" + n) + "-" + a.fileName());
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                } catch (FileAlreadyExistsException e) {
                    continue;
                }
                Files.write(file, a.content(), StandardOpenOption.TRUNCATE_EXISTING);
                return file;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + a.fileName() + " under " + dir + ": " + e.getMessage()
                    + " (check that the directory is writable by this user)", e);
        }
    }
}
