package io.slurmops.bot.cli;

import io.slurmops.bot.config.ConfigFileTrust;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CliTest {

    /** Every test has its own state: a copy of config/lab.yaml whose store is in the test's directory. */
    @TempDir
    Path state;

    private Path labConfig() throws IOException {
        Path config = labConfigAnyOwner();
        // --as needs a configuration only root (or the service account) can change: the temporary
        // file is one when the tests run as root; otherwise the tests that switch user are skipped.
        assumeTrue(ConfigFileTrust.whyUntrusted(config).isEmpty(), "--as needs a root-owned configuration");
        return config;
    }

    private Path labConfigAnyOwner() throws IOException {
        String lab = Files.readString(Path.of("../config/lab.yaml"));
        String own = lab.replace("${SLURMOPS_STATE:-/var/lib/slurmops-lab}", state.toString());
        assertThat(own).doesNotContain("/var/lib/slurmops-lab");
        Path config = state.resolve("lab.yaml");
        Files.writeString(config, own);
        return config;
    }

    @Test
    void hostlistExpandPrintsOneHostPerLine() {
        CliCapture.Run r = CliCapture.run("hostlist", "expand", "node[001-003],gpu[1,3]");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines()).containsExactly("gpu1", "gpu3", "node001", "node002", "node003");
    }

    @Test
    void hostlistCompressPrintsOneExpression() {
        CliCapture.Run r = CliCapture.run("hostlist", "compress", "node003", "node001", "node002", "node010");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).isEqualTo("node[001-003,010]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"n[3-1]", "n[a-b]", "n[1-3", "n[0-1000000]"})
    void invalidHostlistExitsTwoWithTheTokenOnStderr(String expr) {
        CliCapture.Run r = CliCapture.run("hostlist", "expand", expr);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(expr.length() > 10 ? expr.substring(0, 5) : expr);
    }

    @Test
    void configCheckNamesKeyAndExitsOneOnErrors(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "site:\n  fanout: many\n");
        CliCapture.Run r = CliCapture.run("config", "check", bad.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("site.fanout: `many` is not a whole number");
        CliCapture.Run ok = CliCapture.run("config", "check", "../config/lab.yaml");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).contains("OK").contains("cluster lab");
    }

    @Test
    void configCheckValidatesTheChatSectionsOneLineAProblemWithoutPrintingTokens(@TempDir Path dir)
            throws IOException {
        Path bad = dir.resolve("chat.yaml");
        Files.writeString(bad, """
                site:
                  fanout: many
                slack:
                  botToken: xoxp-user-secret
                  appToken: ${SLURMOPS_TEST_SURELY_UNSET}
                  allowedChannels: [incidents]
                discord:
                  token: "Bot MTIz.secret"
                  allowedChannels: [hpc-ops]
                """);
        CliCapture.Run r = CliCapture.run("config", "check", bad.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("site.fanout: `many` is not a whole number")
                .contains("\n  - slack.botToken must start with xoxb-")
                .contains("\n  - slack.appToken: environment variable SLURMOPS_TEST_SURELY_UNSET is not set")
                .contains("\n  - slack.allowedChannels: `incidents` is not a Slack channel id")
                .contains("\n  - discord.token: give the token alone, without the `Bot ` prefix")
                .contains("\n  - discord.allowedChannels: `hpc-ops` is not a channel id")
                .doesNotContain("secret").doesNotContain("MTIz");
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, """
                slack:
                  botToken: xoxb-1-secret
                  appToken: xapp-1-secret
                  allowedChannels: [C0INCIDENT]
                """);
        CliCapture.Run ok = CliCapture.run("config", "check", good.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("chat: slack (1 channel, tokens xoxb-/xapp- set)").doesNotContain("secret");
    }

    @Test
    void configCheckWarnsWhenSlurmopsRunsAsRootAndWhenTheHelperIsMissing(@TempDir Path dir) throws IOException {
        Path c = dir.resolve("c.yaml");
        Files.writeString(c, "privilege:\n  helper: " + dir.resolve("no-helper") + "\n");
        CliCapture.Run r = CliCapture.run("config", "check", c.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("warning: privilege.helper: " + dir.resolve("no-helper") + " does not exist");
        if (io.slurmops.adapters.os.ProcessUser.isRoot()) {
            assertThat(r.out()).contains("warning: slurmops runs as root; run the bot as its own user");
        } else {
            assertThat(r.out()).doesNotContain("runs as root");
        }
    }

    @Test
    void runRefusesUnknownCommandsWithTheCorrectFormAndNoStackTrace() throws IOException {
        CliCapture.Run r = CliCapture.run("run", "--config", labConfigAnyOwner().toString(), "!slurm frobnicate");
        assertThat(state.resolve("db/store.mv.db")).as("the test's own store, not the lab's").exists();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).contains("unknown command `frobnicate`").contains("!slurm help");
        assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void runRefusesUsersWithoutARole() throws IOException {
        CliCapture.Run r = CliCapture.run("run", "--config", labConfig().toString(), "--as", "mallory", "!slurm help");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("mallory has no slurmops role").contains("viewer");
    }

    @Test
    void silencingAlertsTakesAnOperator() throws IOException {
        CliCapture.Run r = CliCapture.run("run", "--config", labConfig().toString(), "--as", "carol",
                "!slurm silence nodes 1h noisy");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("needs the operator role; carol is viewer");
    }

    @Test
    void outsideTheLabNobodyCanActAsSomeoneElse(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("site.yaml");
        Files.writeString(config, "store:\n  url: jdbc:h2:file:" + dir + "/store\naccess:\n  users: {\"console:bob\": approver}\n");
        CliCapture.Run r = CliCapture.run("run", "--config", config.toString(), "--as", "bob", "!slurm approve 1");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("--as is off").contains("console.switchUser: false");
        CliCapture.Run me = CliCapture.run("run", "--config", config.toString(), "!slurm status");
        assertThat(me.exitCode()).isEqualTo(3);
        assertThat(me.out()).contains(System.getProperty("user.name") + " has no slurmops role");
    }

    @Test
    void runWithABadConfigExitsFour(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "nonsense: [\n");
        CliCapture.Run r = CliCapture.run("run", "--config", bad.toString(), "!slurm status");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).contains("not valid YAML");
    }

    @ParameterizedTest
    @ValueSource(strings = {"console", "run", "demo", "bot", "audit", "hostlist", "config", "version"})
    void everySubcommandHasHelp(String sub) {
        CliCapture.Run r = CliCapture.run(sub, "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: slurmops " + sub);
    }

    @Test
    void versionPrintsTheBuildVersion() {
        CliCapture.Run r = CliCapture.run("version");
        assertThat(r.out()).startsWith("slurmops ").doesNotContain("unknown");
    }
}
