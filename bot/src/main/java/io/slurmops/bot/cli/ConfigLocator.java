package io.slurmops.bot.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which configuration file to use: {@code --config}, else {@code SLURMOPS_CONFIG}, else the lab's
 * configuration in the slurmops home (so that {@code ./slurmops run "!slurm status"} works right
 * after {@code lab/lab up}).
 */
final class ConfigLocator {

    static final String LAB_CONFIG = "config/lab.yaml";

    private ConfigLocator() {
    }

    static Path locate(Path explicit, Map<String, String> env) {
        if (explicit != null) {
            return explicit;
        }
        String fromEnv = env.get("SLURMOPS_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return home().map(h -> h.resolve(LAB_CONFIG)).filter(Files::exists).orElse(Path.of(LAB_CONFIG));
    }

    /** The checkout or install directory; the launcher passes it as -Dslurmops.home. */
    static Optional<Path> home() {
        String h = System.getProperty("slurmops.home");
        if (h != null && !h.isBlank()) {
            return Optional.of(Path.of(h));
        }
        Path cwd = Path.of("").toAbsolutePath();
        return Files.exists(cwd.resolve(LAB_CONFIG)) ? Optional.of(cwd) : Optional.empty();
    }
}
