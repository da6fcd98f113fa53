package io.slurmops.bot.alerts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scripts slurmctld runs: hostile paths are refused, and even if one got through nothing expands. */
class TriggerScriptsTest {

    private static final List<String> HOSTILE = List.of("a $(touch pwned1) b", "`touch pwned2`", "it's", "say \"hi\"",
            "$HOME", "semi;touch pwned3", "new\nline");

    @ParameterizedTest
    @ValueSource(strings = {"a $(touch pwned1) b", "`touch pwned2`", "it's", "say \"hi\"", "$HOME", "x;y", "new\nline",
            "back\\slash", "star*"})
    void aSpoolPathThatIsNotPathSafeIsRefusedWithTheKeyNamed(String name, @TempDir Path dir) {
        assertThatThrownBy(() -> new TriggerScripts(dir.resolve(name).resolve("triggers")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alerts.triggerSpool");
    }

    @Test
    void relativePathsAreMadeAbsoluteAndPlainOnesAccepted(@TempDir Path dir) {
        TriggerScripts ok = new TriggerScripts(dir.resolve("spool-1.d/triggers"));
        assertThat(ok.program()).isEqualTo(dir.resolve("spool-1.d/slurmops-trigger"));
    }

    /** The quoting alone, proven by bash: each hostile directory name is taken literally. */
    @Test
    void generatedScriptsExpandNothingInTheirPathsWhenBashRunsThem(@TempDir Path dir) throws Exception {
        for (int i = 0; i < HOSTILE.size(); i++) {
            Path base = Files.createDirectory(dir.resolve("case" + i));
            Path spool = Files.createDirectories(base.resolve(HOSTILE.get(i)).resolve("triggers"));
            Path program = spool.getParent().resolve("slurmops-trigger");
            Path wrapper = spool.getParent().resolve("slurmops-trigger-down");
            write(program, TriggerScripts.programText(spool));
            write(wrapper, TriggerScripts.wrapperText(program, "down"));

            Process p = new ProcessBuilder("bash", wrapper.toString(), "node003", "$(touch pwned4)")
                    .directory(base.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("bash output: %s", out).isZero();

            try (Stream<Path> events = Files.list(spool)) {
                List<Path> evt = events.toList();
                assertThat(evt).singleElement().satisfies(e -> {
                    assertThat(e.getFileName().toString()).endsWith(".down.evt");
                    assertThat(Files.readString(e)).isEqualTo("node003 $(touch pwned4)\n");
                });
            }
            try (Stream<Path> all = Files.walk(dir)) {
                assertThat(all.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("pwned"));
            }
        }
    }

    private static void write(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
