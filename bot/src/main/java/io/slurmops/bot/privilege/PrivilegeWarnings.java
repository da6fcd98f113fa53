package io.slurmops.bot.privilege;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What {@code slurmops config check} says about privilege: a bot running as root, a helper that is not safe. */
public final class PrivilegeWarnings {

    private PrivilegeWarnings() {
    }

    /**
     * @param helper        {@code privilege.helper}, if set
     * @param runningAsRoot whether this process's real uid is 0
     */
    public static List<String> of(Optional<String> helper, boolean runningAsRoot) {
        List<String> out = new ArrayList<>();
        if (runningAsRoot) {
            out.add("warning: slurmops runs as root; run the bot as its own user (the package's `slurmops`) with"
                    + " privilege.helper set, so that only the root helper's fixed verbs run as root (README: Privilege)");
        }
        helper.ifPresent(h -> unsafe(Path.of(h)).ifPresent(out::add));
        return out;
    }

    private static Optional<String> unsafe(Path helper) {
        try {
            if (!Files.isRegularFile(helper)) {
                return Optional.of("warning: privilege.helper: " + helper + " does not exist; install it (root:root 0755)"
                        + " and the sudoers rule that names it");
            }
            int uid = ((Number) Files.getAttribute(helper, "unix:uid")).intValue();
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(helper);
            if (uid != 0 || perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                return Optional.of("warning: privilege.helper: " + helper + " must be owned by root and writable by root only"
                        + " (chown root:root, chmod 0755): whoever can change it runs as root");
            }
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("warning: privilege.helper: cannot inspect " + helper + ": " + e.getMessage());
        }
        return Optional.empty();
    }
}
