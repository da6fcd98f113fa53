package io.slurmops.bot.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hole 6 of issue 10: {@code ./slurmops demo} let the lab start-up (apt, daemons) read the terminal,
 * swallowing what the user typed ahead for the console. The lab script gets no stdin.
 */
class DemoCommandTest {

    @TempDir
    Path home;

    @Test
    void theLabScriptReadsNothingFromTheTerminal() throws IOException {
        Path lab = Files.createDirectories(home.resolve("lab")).resolve("lab");
        Path seen = home.resolve("stdin");
        // A lab that fails at once, after noting what its stdin is.
        Files.writeString(lab, "#!/bin/sh\nreadlink /proc/$$/fd/0 > '" + seen + "'\nexit 7\n");
        Files.setPosixFilePermissions(lab, PosixFilePermissions.fromString("rwx------"));
        String before = System.getProperty("slurmops.home");
        CliCapture.Run r;
        try {
            System.setProperty("slurmops.home", home.toString());
            r = CliCapture.run("demo");
        } finally {
            if (before == null) {
                System.clearProperty("slurmops.home");
            } else {
                System.setProperty("slurmops.home", before);
            }
        }
        assertThat(r.exitCode()).isEqualTo(7);
        assertThat(r.err()).contains("lab/lab up failed (exit 7)");
        assertThat(Files.readString(seen).strip()).isEqualTo("/dev/null");
    }
}
