package io.slurmops.bot.lab;

import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.lab.AlertLabTest.Channel;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.bot.wiring.Application;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 12 item 3, the runtime half: {@code db max-connections N} approved in chat raises the lab
 * MariaDB's max_connections through the CONNECTION ADMIN account lab/lab up creates, and the value reads
 * back; the original value is put back in a finally (a SET GLOBAL outlives the test otherwise).
 */
@LabTest
class MaxConnectionsLabTest {

    private static final String URL = "jdbc:mariadb://127.0.0.1:3306/slurm_acct_db";
    private static final Path ETC = Path.of("/var/lib/slurmlab/etc");
    private static final Pattern REQUEST = Pattern.compile("#(\\d+) needs 1 approval");

    @Test
    void anApprovedChangeRaisesMaxConnectionsReadsItBackAndSaysHowToKeepIt() throws Exception {
        if (!Files.exists(ETC.resolve("maxconn.cnf"))) {
            // A lab brought up before the account existed: lab/lab up is idempotent and adds it.
            assertThat(LabCluster.run(List.of("up")).exitCode()).isZero();
        }
        long original = maxConnections();
        long target = original + 50;
        Path state = Files.createTempDirectory("maxconn-lab");
        SlurmopsConfig config = new ConfigLoader(Map.of("SLURMOPS_STATE", state.toString()))
                .load(LabCluster.repoRoot().resolve("config/lab.yaml"));
        try (Application app = Application.startLongRunning(config)) {
            Channel ch = new Channel();
            String plan = say(app, ch, "alice", "!slurm db max-connections " + target).reply().toPlainText();
            assertThat(plan).contains("from " + original + " to " + target).contains("connections in use");
            Matcher m = REQUEST.matcher(plan);
            assertThat(m.find()).as(plan).isTrue();
            BotResponse done = say(app, ch, "bob", "!slurm approve " + m.group(1));
            assertThat(done.outcome()).as(done.reply().toPlainText()).isEqualTo(Outcome.DONE);
            String everything = done.reply().toPlainText() + "\n" + ch.dump();
            assertThat(maxConnections()).isEqualTo(target);
            assertThat(everything).contains("max_connections = " + target)
                    .contains("max_connections=" + target).contains("my.cnf");
        } finally {
            setWithTheAdminAccount(original);
            try (var files = Files.walk(state)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        assertThat(maxConnections()).isEqualTo(original);
    }

    @Test
    void slurmsOwnAccountMayNotAndTheAdminAccountSeesNoAccountingData() throws Exception {
        String slurmPw = Files.readString(ETC.resolve("dbpass")).strip();
        try (Connection c = DriverManager.getConnection(URL, "slurm", slurmPw); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("SET GLOBAL max_connections = " + maxConnections()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("CONNECTION ADMIN");
        }
        String adminPw = Files.readString(ETC.resolve("maxconnpass")).strip();
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "slurmops_maxconn", adminPw);
             Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT COUNT(*) FROM slurm_acct_db.lab_job_table"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ETC.resolve("maxconn.cnf")))).isEqualTo("rw-------");
    }

    private static long maxConnections() throws Exception {
        String pw = Files.readString(ETC.resolve("dbpass")).strip();
        try (Connection c = DriverManager.getConnection(URL, "slurm", pw); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT @@GLOBAL.max_connections")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void setWithTheAdminAccount(long value) throws Exception {
        LabCluster.Result r = LabCluster.exec(List.of("mariadb", "--defaults-extra-file=" + ETC.resolve("maxconn.cnf"),
                "-e", "SET GLOBAL max_connections = " + value), 30);
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    private static BotResponse say(Application app, Channel ch, String who, String line) {
        String id = UUID.randomUUID().toString();
        return app.bot().handle(new ChatMessage("console", id, "alerts", who, who, line, id, Instant.now()), ch);
    }
}
