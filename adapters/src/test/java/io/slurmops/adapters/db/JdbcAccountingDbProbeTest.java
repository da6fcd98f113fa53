package io.slurmops.adapters.db;

import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.site.AccountingDbReport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The probe's failure side needs no database: a closed port on loopback is real enough. */
class JdbcAccountingDbProbeTest {

    @Test
    void aClosedPortIsUnreachableAndTheKnowledgeBaseNamesMariadbDown() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AccountingDbReport r = new JdbcAccountingDbProbe(new AccountingDbSettings(
                "jdbc:mariadb://127.0.0.1:" + port + "/slurm_acct_db", "slurm", "x", "lab", Duration.ofSeconds(2)))
                .probe();
        assertThat(r.reachable()).isFalse();
        assertThat(r.error()).isNotBlank();
        assertThat(r.connectionPercent()).isEqualTo(-1);
        assertThat(KnowledgeBase.builtIn().match(r.error())).extracting(f -> f.diagnosis().id()).contains("mariadb-down");
    }

    @Test
    void settingsRefuseAClusterNameThatIsNotATableNameAndHideThePassword() {
        assertThatThrownBy(() -> new AccountingDbSettings("jdbc:mariadb://h/db", "u", "p", "lab`; DROP", Duration.ofSeconds(1)))
                .hasMessageContaining("cluster name");
        assertThat(new AccountingDbSettings("jdbc:mariadb://h/db", "u", "secret", "lab", Duration.ofSeconds(1)).toString())
                .doesNotContain("secret");
    }
}
