package io.slurmops.bot.backup;

import io.slurmops.bot.config.AccountingDbConfig;
import io.slurmops.bot.config.BackupConfig;
import io.slurmops.commands.backup.BackupService;
import io.slurmops.commands.backup.BackupSettings;
import io.slurmops.commands.backup.ScratchDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/** Builds the backup service from the {@code backups:} section. */
public final class BackupServices {

    private BackupServices() {
    }

    public static BackupService from(BackupConfig c, Clock clock) {
        Optional<ScratchDb> scratch = Optional.empty();
        AccountingDbConfig s = c.scratch();
        if (s.configured()) {
            scratch = Optional.of(ScratchDb.fromUrl(s.url(), s.user(), password(s)));
        }
        return new BackupService(new BackupSettings(c.dir(), c.retention(), c.database(), c.clientDefaults(), scratch, c.verify()), clock);
    }

    /** Read at each use, so a rotated password file needs no restart; the text never leaves the supplier. */
    private static Supplier<String> password(AccountingDbConfig s) {
        if (s.passwordFile().isBlank()) {
            return s::password;
        }
        return () -> {
            try {
                return Files.readString(Path.of(s.passwordFile())).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the scratch account's password file " + s.passwordFile(), e);
            }
        };
    }
}
