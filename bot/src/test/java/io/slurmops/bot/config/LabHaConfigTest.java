package io.slurmops.bot.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * config/lab-ha.yaml (the lab with its backup controller, lab/lab ha up) is config/lab.yaml plus
 * site.backupController: the two must not drift apart, and the default lab config has no backup.
 */
class LabHaConfigTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theHaConfigIsTheLabConfigWithTheBackupController() throws Exception {
        ConfigLoader loader = new ConfigLoader(Map.of());
        SlurmopsConfig plain = loader.load(ROOT.resolve("config/lab.yaml"));
        SlurmopsConfig ha = loader.load(ROOT.resolve("config/lab-ha.yaml"));
        assertThat(plain.site().hasBackupController()).isFalse();
        assertThat(ha.site().backupController()).isEqualTo("ctl2");
        assertThat(ha.site().controller()).isEqualTo(plain.site().controller());

        assertThat(settings(ROOT.resolve("config/lab-ha.yaml")))
                .as("lab-ha.yaml without its backupController line must equal lab.yaml: after changing "
                        + "config/lab.yaml, copy it to config/lab-ha.yaml and add `backupController: ctl2` under site")
                .isEqualTo(settings(ROOT.resolve("config/lab.yaml")));
    }

    /** The lines that configure something (no comments, no backupController). */
    private static List<String> settings(Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> !l.strip().startsWith("#") && !l.isBlank())
                .filter(l -> !l.strip().startsWith("backupController:")).toList();
    }
}
