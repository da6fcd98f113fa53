package io.slurmops.commands.read;

import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.site.AccountingDbProbe;
import io.slurmops.commands.site.AccountingDbReport;
import io.slurmops.commands.site.ConnectionHolders;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `db connections`: the holders of the accounting DB's connections and the slide-9 advice. */
class DbConnectionsCommandTest {

    private static AccountingDbProbe probe(ConnectionHolders holders) {
        return new AccountingDbProbe() {
            @Override
            public AccountingDbReport probe() {
                return AccountingDbReport.unreachable("not used");
            }

            @Override
            public ConnectionHolders holders() {
                return holders;
            }
        };
    }

    @Test
    void listsTheHoldersLargestFirstWithTheLimitAndTheMyCnfAdvice() throws Exception {
        Reply r = ScriptedCluster.lab().withProbe(probe(new ConnectionHolders("", 86, 100, List.of(
                new ConnectionHolders.Holder("report", "10.0.0.7", "Sleep", 80),
                new ConnectionHolders.Holder("slurm", "localhost", "Sleep", 2))))).run("!slurm db connections");
        assertThat(r.status()).isEqualTo(Status.WARNING);
        assertThat(r.title()).contains("86 of max_connections 100 (86 %)");
        String text = r.toPlainText();
        assertThat(text.indexOf("report")).isLessThan(text.indexOf("localhost"));
        assertThat(text).contains("80").contains("10.0.0.7").contains("4 connection(s) are not listed")
                .contains("PROCESS privilege").contains("max_connections=N").contains("SET GLOBAL max_connections=N")
                .contains("lost at the next restart").contains("MaxQueryTimeRange")
                .contains("`!slurm db max-connections N`");
    }

    @Test
    void saysWhyWhenTheListCannotBeRead() throws Exception {
        Reply r = ScriptedCluster.lab().withProbe(probe(ConnectionHolders.unavailable(
                "(conn=9) Too many connections"))).run("!slurm db connections");
        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.toPlainText()).contains("Too many connections").contains("MariaDB out of connections");
    }

    @Test
    void withoutAnAccountingDbItSaysWhatToConfigure() throws Exception {
        Reply r = ScriptedCluster.lab().run("!slurm db connections");
        assertThat(r.status()).isEqualTo(Status.WARNING);
        assertThat(r.toPlainText()).contains("site.accountingDb");
    }
}
