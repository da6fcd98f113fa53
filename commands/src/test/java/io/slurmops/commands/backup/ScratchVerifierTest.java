package io.slurmops.commands.backup;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounds of a dump's verification: the file tools (mktemp, gzip, awk ...) run for real on this
 * machine; only MariaDB, the network edge, is played by the test, as a server whose restore is correct
 * unless a test says otherwise.
 */
class ScratchVerifierTest {

    @TempDir
    Path dir;

    private Path gz;
    private final Map<String, Long> recorded = new LinkedHashMap<>();
    /** The scratch server's answers: its row counts and what dumping it again gives. */
    private final Map<String, Long> scratchRows = new LinkedHashMap<>();
    private String againDump = DumpScriptsTest.DUMP;
    private Function<HostCommand, Optional<ExecResult>> load = c -> Optional.empty();

    @BeforeEach
    void dump() throws Exception {
        gz = gzip(DumpScriptsTest.DUMP);
        recorded.put("acct_table", 3L);
        recorded.put("empty_table", 0L);
        recorded.put("lab_event_table", 5L);
        scratchRows.putAll(recorded);
    }

    @Test
    void aDumpWithinTheLimitsIsRestoredWholeInMultiRowInsertsAndComparedRowByRow() throws Exception {
        FakeCluster fake = fake();
        DumpCheck c = verifier(new VerifyLimits(8, Duration.ofMinutes(1))).verify(access(fake), gz.toString(), recorded);
        assertThat(c.problems()).isEmpty();
        assertThat(c.whole()).isTrue();
        assertThat(c.summary()).isEqualTo("restored into the scratch schema, 3 table(s), 8 row(s) as in the dump, row by row");
        assertThat(sources(fake)).singleElement().asString().endsWith("/load.sql");
        assertThat(fake.ran("mariadb-dump")).hasSize(1);
        assertThat(fake.ran("mariadb").get(fake.ran("mariadb").size() - 1).argv()).contains("DROP DATABASE IF EXISTS `v`");
    }

    @Test
    void aDumpOverMaxRowsIsCheckedForStructureAndCountsOnlyAndSaysSo() throws Exception {
        FakeCluster fake = fake();
        DumpCheck c = verifier(new VerifyLimits(7, Duration.ofMinutes(1))).verify(access(fake), gz.toString(), recorded);
        assertThat(c.problems()).isEmpty();
        assertThat(c.whole()).isFalse();
        assertThat(c.summary()).startsWith("structure + counts only (the dump holds 8 rows, over backups.verify.maxRows 7)")
                .contains("3 table(s), 8 row(s)", "rows not restored");
        assertThat(sources(fake)).singleElement().asString().endsWith("/schema.sql");
        assertThat(fake.ran("mariadb-dump")).isEmpty();
    }

    @Test
    void aRestoreThatHitsTheTimeLimitFallsBackToStructureAndCounts() throws Exception {
        load = c -> c.argv().get(0).equals("mariadb") && c.argv().toString().contains("load.sql")
                ? Optional.of(ExecResult.failed(c, FailureKind.TIMEOUT, "after 1s", "", "", Duration.ofSeconds(1)))
                : Optional.empty();
        FakeCluster fake = fake();
        DumpCheck c = verifier(new VerifyLimits(100, Duration.ofSeconds(1))).verify(access(fake), gz.toString(), recorded);
        assertThat(c.problems()).isEmpty();
        assertThat(c.summary()).startsWith("structure + counts only (the whole restore did not finish within backups.verify.timeout 1s)");
        assertThat(sources(fake)).hasSize(2);
        assertThat(fake.ran("mariadb").stream().filter(h -> h.argv().toString().contains("load.sql")).findFirst().orElseThrow()
                .timeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aTruncatedDumpFailsBeforeAnythingIsLoadedEvenUnderTheLimits() throws Exception {
        gz = gzip(DumpScriptsTest.DUMP.substring(0, DumpScriptsTest.DUMP.indexOf("INSERT INTO `lab_event_table` VALUES (4")));
        for (long max : new long[] {0, 100}) {
            FakeCluster fake = fake();
            DumpCheck c = verifier(new VerifyLimits(max, Duration.ofMinutes(1))).verify(access(fake), gz.toString(), recorded);
            assertThat(c.ok()).isFalse();
            assertThat(c.summary()).contains("cut short", "lab_event_table: 3 rows, the dump holds 5");
            assertThat(sources(fake)).isEmpty();
        }
    }

    @Test
    void aRestoreThatLosesOrChangesRowsFails() throws Exception {
        scratchRows.put("lab_event_table", 4L);
        DumpCheck lost = verifier(new VerifyLimits(100, Duration.ofMinutes(1))).verify(access(fake()), gz.toString(), recorded);
        assertThat(lost.problems()).containsExactly("lab_event_table: 4 rows, the dump holds 5");

        scratchRows.put("lab_event_table", 5L);
        againDump = DumpScriptsTest.DUMP.replace("(4,'node004')", "(4,'node0')");
        DumpCheck changed = verifier(new VerifyLimits(100, Duration.ofMinutes(1))).verify(access(fake()), gz.toString(), recorded);
        assertThat(changed.problems()).containsExactly("lab_event_table: a restored row differs from the dump's");
        assertThat(changed.summary()).startsWith("the scratch restore differs: ");
    }

    @Test
    void aSchemaThatDoesNotComeBackFailsTheStructureCheck() throws Exception {
        scratchRows.remove("empty_table");
        DumpCheck c = verifier(new VerifyLimits(0, Duration.ofMinutes(1))).verify(access(fake()), gz.toString(), recorded);
        assertThat(c.problems()).containsExactly("empty_table: not in the restored schema");
    }

    private ScratchVerifier verifier(VerifyLimits limits) {
        return new ScratchVerifier(new BackupSettings(dir.resolve("backups").toString(), Duration.ofDays(1), "slurm_acct_db", "",
                Optional.of(new ScratchDb("127.0.0.1", 3306, "v", "verify", () -> "pw")), limits));
    }

    private static ClusterAccess access(FakeCluster fake) {
        return new ClusterAccess(FakeCluster.site(), fake);
    }

    private static List<String> sources(FakeCluster fake) {
        return fake.ran("mariadb").stream().map(h -> h.argv().get(h.argv().size() - 1)).filter(a -> a.startsWith("source ")).toList();
    }

    private FakeCluster fake() {
        FakeCluster fake = FakeCluster.withNodes(1);
        fake.hook(load);
        fake.hook(this::database);
        fake.hook(ScratchVerifierTest::local);
        return fake;
    }

    /** The scratch server: loads succeed, counts and SHOW TABLES answer from scratchRows, a dump writes againDump. */
    private Optional<ExecResult> database(HostCommand c) {
        List<String> argv = c.argv();
        if (argv.get(0).equals("mariadb-dump")) {
            String file = argv.stream().filter(a -> a.startsWith("--result-file=")).findFirst().orElseThrow().substring(14);
            try {
                Files.writeString(Path.of(file), againDump);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Optional.of(FakeCluster.ok(c, ""));
        }
        if (!argv.get(0).equals("mariadb")) {
            return Optional.empty();
        }
        String sql = argv.get(argv.size() - 1);
        StringBuilder out = new StringBuilder();
        if (sql.equals("SHOW TABLES")) {
            scratchRows.keySet().forEach(t -> out.append(t).append('\n'));
        } else if (sql.contains("COUNT(*)")) {
            scratchRows.forEach((t, n) -> out.append(t).append('\t').append(n).append('\n'));
        }
        return Optional.of(FakeCluster.ok(c, out.toString()));
    }

    /** Every other command runs here for real, with its standard input. */
    private static Optional<ExecResult> local(HostCommand c) {
        try {
            Process p = new ProcessBuilder(c.argv()).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(c.stdin());
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            return Optional.of(ExecResult.exited(c, p.waitFor(), out, err, Duration.ZERO));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path gzip(String text) throws Exception {
        Path plain = Files.writeString(dir.resolve("slurm_acct_db.sql"), text);
        Files.deleteIfExists(dir.resolve("slurm_acct_db.sql.gz"));
        Process p = new ProcessBuilder("gzip", "-n", "--", plain.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        return dir.resolve("slurm_acct_db.sql.gz");
    }
}
