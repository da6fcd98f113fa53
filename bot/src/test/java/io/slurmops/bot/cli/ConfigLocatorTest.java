package io.slurmops.bot.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigLocatorTest {

    @TempDir
    Path dir;

    @Test
    void aSourceCheckoutDefaultsToTheLabConfiguration() throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/lab.yaml"), "prefix: \"!slurm\"\n");

        assertThat(ConfigLocator.locate(null, Map.of(), Optional.of(dir))).isEqualTo(dir.resolve("config/lab.yaml"));
    }

    @Test
    void anInstalledSlurmopsDefaultsToEtc() {
        // The package's launcher sets the home to /usr/share/slurmops: no lab configuration there.
        assertThat(ConfigLocator.locate(null, Map.of(), Optional.of(dir)))
                .isEqualTo(Path.of("/etc/slurmops/slurmops.yaml"));
        assertThat(ConfigLocator.locate(null, Map.of(), Optional.empty()))
                .isEqualTo(Path.of("/etc/slurmops/slurmops.yaml"));
    }

    @Test
    void theOptionThenTheEnvironmentWinOverEitherDefault() throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/lab.yaml"), "");
        Path explicit = dir.resolve("site.yaml");

        assertThat(ConfigLocator.locate(explicit, Map.of("SLURMOPS_CONFIG", "/x.yaml"), Optional.of(dir)))
                .isEqualTo(explicit);
        assertThat(ConfigLocator.locate(null, Map.of("SLURMOPS_CONFIG", "/x.yaml"), Optional.of(dir)))
                .isEqualTo(Path.of("/x.yaml"));
    }
}
