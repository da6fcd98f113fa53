package io.slurmops.bot.config;

import io.slurmops.adapters.os.ProcessUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * approvals.massShare / massMinNodes, and the configuration trust check: judged on the real file and
 * every directory up to /, on the bytes that were read.
 */
class TrustAndMassConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @TempDir
    Path dir;

    @Test
    void massShareAndMinimumHaveDefaultsAndAreRead() throws ConfigException {
        ApprovalConfig d = loader.parse("", "t").approvals();
        assertThat(d.massSharePercent()).isEqualTo(25);
        assertThat(d.massMinNodes()).isEqualTo(4);
        ApprovalConfig c = loader.parse("approvals:\n  massShare: 10%\n  massMinNodes: 16\n", "t").approvals();
        assertThat(c.massSharePercent()).isEqualTo(10);
        assertThat(c.massMinNodes()).isEqualTo(16);
        assertThat(loader.parse("approvals:\n  massShare: 50\n", "t").approvals().massSharePercent()).isEqualTo(50);
    }

    @Test
    void aBadMassShareNamesItsKey() {
        assertThatThrownBy(() -> loader.parse("approvals:\n  massShare: 0.25\n  massMinNodes: 0\n", "t"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).anySatisfy(p ->
                        assertThat(p).contains("approvals.massShare").contains("1% to 100%"))
                        .anySatisfy(p -> assertThat(p).contains("approvals.massMinNodes")));
    }

    /** A trusted root-owned chain for the file; the test needs root to own it. */
    private Path trustedConfig(Path where, String text) throws IOException {
        Files.createDirectories(where.getParent());
        Files.writeString(where, text);
        Files.setPosixFilePermissions(where, PosixFilePermissions.fromString("rw-r--r--"));
        return where;
    }

    @Test
    void aSymlinkToAFileInAGroupWritableDirectoryIsRefused() throws IOException {
        assumeTrue(ProcessUser.isRoot(), "the temporary files are root's only when the test runs as root");
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Path target = trustedConfig(shared.resolve("slurmops.yaml"), "console:\n  switchUser: true\n");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxr-x"));
        Path safe = Files.createDirectories(dir.resolve("etc"));
        Path link = Files.createSymbolicLink(safe.resolve("slurmops.yaml"), target);

        assertThat(ConfigFileTrust.whyUntrusted(link)).hasValueSatisfying(why ->
                assertThat(why).contains(shared + " is writable by group or others (chmod go-w " + shared + ")"));
        ConfigFileTrust.Read read = ConfigFileTrust.read(link);
        assertThat(read.realPath()).isEqualTo(target.toRealPath());
        assertThat(read.text()).contains("switchUser: true");
        assertThat(read.whyUntrusted()).isPresent();
    }

    @Test
    void aSymlinkIntoATrustedChainIsTrustedAndEveryProblemIsReportedAtOnce() throws IOException {
        assumeTrue(ProcessUser.isRoot(), "the temporary files are root's only when the test runs as root");
        Path target = trustedConfig(dir.resolve("etc/slurmops.yaml"), "prefix: \"!slurm\"\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), target);
        assertThat(ConfigFileTrust.whyUntrusted(link)).isEmpty();
        assertThat(ConfigFileTrust.read(link).whyUntrusted()).isEmpty();

        Path upper = Files.createDirectories(dir.resolve("a/b"));
        Path deep = trustedConfig(upper.resolve("c/slurmops.yaml"), "x: 1\n");
        Files.setPosixFilePermissions(dir.resolve("a"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(deep, PosixFilePermissions.fromString("rw-rw-r--"));
        assertThat(ConfigFileTrust.whyUntrusted(deep)).hasValueSatisfying(why -> assertThat(why)
                .contains(deep + " is writable by group or others")
                .contains(dir.resolve("a") + " is writable by group or others"));
    }

    @Test
    void aStickyRootDirectoryLikeTmpIsAcceptedButAPlainWritableOneIsNot() throws IOException {
        assumeTrue(ProcessUser.isRoot(), "the temporary files are root's only when the test runs as root");
        Path sticky = Files.createDirectories(dir.resolve("sticky"));
        Path file = trustedConfig(sticky.resolve("slurmops.yaml"), "x: 1\n");
        Files.setPosixFilePermissions(sticky, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(ConfigFileTrust.whyUntrusted(file)).isPresent();
        Files.setAttribute(sticky, "unix:mode", 01777);
        assertThat(ConfigFileTrust.whyUntrusted(file)).isEmpty();
    }

    @Test
    void theLoaderJudgesTheBytesItParsed() throws Exception {
        assumeTrue(ProcessUser.isRoot(), "the temporary files are root's only when the test runs as root");
        Path file = trustedConfig(dir.resolve("etc/slurmops.yaml"), "console:\n  switchUser: true\n");
        ConfigLoader.Loaded ok = loader.loadWithTrust(file);
        assertThat(ok.config().console().switchUser()).isTrue();
        assertThat(ok.whyUntrusted()).isEmpty();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(loader.loadWithTrust(file).whyUntrusted()).hasValueSatisfying(w -> assertThat(w).contains("chmod go-w"));
    }
}
