package io.slurmops.bot.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which configuration file to use: {@code --config}, else {@code SLURMOPS_CONFIG}, else — in a
 * source checkout — the lab's configuration (so that {@code ./slurmops run "!slurm status"} works
 * right after {@code lab/lab up}), else the installed one, {@code /etc/slurmops/slurmops.yaml}.
 * The Debian package's launcher sets the home to {@code /usr/share/slurmops}, which has no lab
 * configuration, so an installed slurmops never picks up a lab file by accident.
 */
final class ConfigLocator {

    static final String LAB_CONFIG = "config/lab.yaml";
    static final Path INSTALLED_CONFIG = Path.of("/etc/slurmops/slurmops.yaml");

    private ConfigLocator() {
    }

    static Path locate(Path explicit, Map<String, String> env) {
        return locate(explicit, env, home());
    }

    static Path locate(Path explicit, Map<String, String> env, Optional<Path> home) {
        if (explicit != null) {
            return explicit;
        }
        String fromEnv = env.get("SLURMOPS_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return home.map(h -> h.resolve(LAB_CONFIG)).filter(Files::exists).orElse(INSTALLED_CONFIG);
    }

    /** The checkout or install directory; the launchers pass it as -Dslurmops.home. */
    static Optional<Path> home() {
        String h = System.getProperty("slurmops.home");
        if (h != null && !h.isBlank()) {
            return Optional.of(Path.of(h));
        }
        Path cwd = Path.of("").toAbsolutePath();
        return Files.exists(cwd.resolve(LAB_CONFIG)) ? Optional.of(cwd) : Optional.empty();
    }
}
