package io.slurmops.bot.privilege;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The files the Debian package installs for the helper agree with each other and with the code. */
class PackagedPrivilegeFilesTest {

    private static final Path DIR = Path.of("..", "packaging", "privilege");

    @Test
    void theSudoersRuleNamesTheWrapperAndNothingElse() throws IOException {
        List<String> rules = Files.readAllLines(DIR.resolve("sudoers")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(rules).containsExactly("slurmops ALL=(root) NOPASSWD: /usr/lib/slurmops/slurmops-root-helper");
    }

    @Test
    void theWrapperStartsTheHelperWithTheFixedPolicyAndPassesArgumentsAsArgv() throws IOException {
        String wrapper = Files.readString(DIR.resolve("slurmops-root-helper"));
        assertThat(wrapper).startsWith("#!/bin/sh\n").contains("exec /usr/bin/java ")
                .contains("-cp /usr/share/slurmops/slurmops.jar " + RootHelper.class.getName() + " /etc/slurmops/root-helper.conf \"$@\"");
        assertThat(wrapper.lines().filter(l -> !l.startsWith("#")).toList().toString()).doesNotContain("eval").doesNotContain("$*");
    }

    @Test
    void thePolicyLoadsAndTheUnitLetsTheHelperWriteExactlyItsDirectories() throws IOException {
        HelperPolicy policy = HelperPolicy.load(DIR.resolve("root-helper.conf"), false);
        assertThat(policy.units()).containsExactlyInAnyOrder("slurmctld", "slurmdbd", "munge", "mariadb");
        String unit = Files.readString(DIR.resolve("slurmops.service.d/privilege.conf"));
        assertThat(unit).doesNotContain("NoNewPrivileges=").contains("ProtectSystem=strict\n");
        List<String> writable = unit.lines().filter(l -> l.startsWith("ReadWritePaths="))
                .flatMap(l -> Arrays.stream(l.substring("ReadWritePaths=".length()).split(" "))).map(p -> p.replaceFirst("^-", ""))
                .toList();
        for (Path p : policy.writePaths()) {
            assertThat(writable).as("the unit must let the helper write " + p)
                    .anySatisfy(w -> assertThat(p.startsWith(Path.of(w))).isTrue());
        }
        assertThat(writable).contains(policy.triggerDir().toString(), policy.log().getParent().toString());
    }
}
