package io.slurmops.bot.config;

import java.util.List;
import java.util.Optional;

/**
 * {@code privilege:} — how the bot, running as its own user, reaches what needs root on its own host
 * (the controller when {@code site.controller} is localhost): through one root-owned helper with a fixed
 * set of verbs, started with {@code sudo -n}. Without a helper, commands run directly (a bot running as
 * root, as in the lab's default mode).
 *
 * @param helper the helper program the sudoers rule names, e.g. /usr/lib/slurmops/slurmops-root-helper
 * @param sudo   the argv prefix that starts it as root; {@code [sudo, -n]}: never prompt, fail at once
 * @param paths  root-owned directories the bot asks the helper to read or write (StateSaveLocation,
 *               /etc/slurm); {@code backups.dir} counts too. File commands on other paths run directly.
 */
public record PrivilegeConfig(Optional<String> helper, List<String> sudo, List<String> paths) {

    public static final List<String> DEFAULT_SUDO = List.of("sudo", "-n");

    public PrivilegeConfig {
        sudo = List.copyOf(sudo);
        paths = List.copyOf(paths);
    }

    public static PrivilegeConfig defaults() {
        return new PrivilegeConfig(Optional.empty(), DEFAULT_SUDO, List.of());
    }

    public boolean enabled() {
        return helper.isPresent();
    }
}
