package io.slurmops.bot.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a configuration file may grant {@code console.switchUser} (acting as someone else with
 * {@code --as}/{@code /as}): only when nobody but root or the service account could have written it —
 * the file and its directory owned by root or {@value #SERVICE_ACCOUNT} (the dedicated account a site
 * may run the bot as instead of root) and not writable by group or others. Otherwise anyone could write their own
 * configuration with {@code switchUser: true} and vote as someone else.
 */
public final class ConfigFileTrust {

    /** The dedicated service account a site may run the bot as (User=slurmops in its systemd unit). */
    public static final String SERVICE_ACCOUNT = "slurmops";
    private static final Set<String> TRUSTED_OWNERS = Set.of("root", SERVICE_ACCOUNT);

    private ConfigFileTrust() {
    }

    /** Empty when the file is trustworthy; otherwise why not, with what to do about it. */
    public static Optional<String> whyUntrusted(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(abs)) {
            return Optional.of(abs + " is a symbolic link; give --config the file itself");
        }
        Optional<String> f = check(abs, "chmod go-w " + abs);
        if (f.isPresent()) {
            return f;
        }
        Path parent = abs.getParent();
        return parent == null ? Optional.empty() : check(parent, "chmod go-w " + parent);
    }

    private static Optional<String> check(Path p, String fix) {
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot read the owner and mode of " + p + ": " + e.getMessage());
        }
        // Every problem of the file at once, so one round of fixes is enough.
        java.util.List<String> problems = new java.util.ArrayList<>();
        String owner = a.owner().getName();
        if (!TRUSTED_OWNERS.contains(owner)) {
            problems.add(p + " is owned by " + owner + ", not root or " + SERVICE_ACCOUNT + " (chown root " + p + ")");
        }
        Set<PosixFilePermission> perms = a.permissions();
        if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            problems.add(p + " is writable by group or others (" + fix + ")");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}
