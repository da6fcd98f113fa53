package io.slurmops.bot.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads and checks {@code privilege:} (see {@link PrivilegeConfig}). */
final class PrivilegeLoader {

    private PrivilegeLoader() {
    }

    static PrivilegeConfig load(Node n) {
        n.allowOnly(Set.of("helper", "sudo", "paths"));
        String helper = n.string("helper", "");
        if (!helper.isEmpty() && !absolute(helper)) {
            n.problem("helper", "`" + helper + "` is not an absolute path; name the helper exactly as the sudoers rule"
                    + " does, e.g. /usr/lib/slurmops/slurmops-root-helper");
        }
        List<String> sudo = n.strings("sudo", PrivilegeConfig.DEFAULT_SUDO);
        if (sudo.isEmpty()) {
            n.problem("sudo", "must name the program that starts the helper as root, e.g. [sudo, -n]");
        } else if (!sudo.contains("-n")) {
            n.problem("sudo", "must contain -n (sudo must fail at once instead of waiting for a password), e.g. [sudo, -n]");
        }
        List<String> paths = n.strings("paths", List.of());
        for (int i = 0; i < paths.size(); i++) {
            if (!absolute(paths.get(i)) || paths.get(i).equals("/")) {
                n.problem("paths[" + i + "]", "`" + paths.get(i) + "` must be an absolute directory below /,"
                        + " e.g. /var/spool/slurmctld");
            }
        }
        return new PrivilegeConfig(helper.isEmpty() ? Optional.empty() : Optional.of(helper),
                sudo.isEmpty() ? PrivilegeConfig.DEFAULT_SUDO : sudo, paths);
    }

    private static boolean absolute(String p) {
        return p.startsWith("/") && !p.contains("/../") && !p.endsWith("/..") && p.indexOf('\0') < 0;
    }
}
