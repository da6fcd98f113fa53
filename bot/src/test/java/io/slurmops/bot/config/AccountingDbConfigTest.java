package io.slurmops.bot.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountingDbConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of("ACCT_PW", "s3cret"));

    @Test
    void absentMeansNotConfigured() throws ConfigException {
        assertThat(loader.parse("", "t").accountingDb().configured()).isFalse();
    }

    @Test
    void readsUrlUserAndAnInterpolatedPasswordWithoutPrintingIt() throws ConfigException {
        AccountingDbConfig db = loader.parse("""
                site:
                  accountingDb:
                    url: jdbc:mariadb://dbd1:3306/slurm_acct_db
                    user: slurm
                    password: ${ACCT_PW}
                    connectTimeout: 3s
                """, "t").accountingDb();
        assertThat(db.configured()).isTrue();
        assertThat(db.password()).isEqualTo("s3cret");
        assertThat(db.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(db.toString()).doesNotContain("s3cret");
    }

    @Test
    void reportsEveryMistakeAtOnce() {
        assertThatThrownBy(() -> loader.parse("""
                site:
                  accountingDb:
                    url: jdbc:postgresql://x/db
                    password: a
                    passwordFile: /f
                    colour: red
                """, "t")).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).contains("jdbc:postgresql").contains("not supported"))
                .anySatisfy(p -> assertThat(p).contains("user").contains("required"))
                .anySatisfy(p -> assertThat(p).contains("either password or passwordFile"))
                .anySatisfy(p -> assertThat(p).contains("colour")));
    }

    @Test
    void theLabConfigurationReadsTheGeneratedPasswordFile() throws ConfigException {
        Path lab = Path.of("..", "config", "lab.yaml");
        AccountingDbConfig db = loader.load(lab).accountingDb();
        assertThat(db.url()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/slurm_acct_db");
        assertThat(db.passwordFile()).isEqualTo("/var/lib/slurmlab/etc/dbpass");
        assertThat(db.adminDefaults()).isEqualTo("/var/lib/slurmlab/etc/maxconn.cnf");
    }

    @Test
    void adminDefaultsIsReadWithoutAUrlAndMustBeAnAbsolutePath() throws ConfigException {
        assertThat(loader.parse("""
                site:
                  accountingDb:
                    adminDefaults: /etc/slurmops/maxconn.cnf
                """, "t").accountingDb().adminDefaults()).isEqualTo("/etc/slurmops/maxconn.cnf");
        assertThat(loader.parse("", "t").accountingDb().adminDefaults()).isEmpty();
        assertThatThrownBy(() -> loader.parse("""
                site:
                  accountingDb:
                    adminDefaults: maxconn.cnf
                """, "t")).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).contains("adminDefaults").contains("absolute path")));
    }

    @Test
    void adminDefaultsIsNotAKeyOfTheBackupScratchAccount() {
        assertThatThrownBy(() -> loader.parse("""
                backups:
                  scratch:
                    url: jdbc:mariadb://127.0.0.1:3306/slurmops_verify
                    user: v
                    adminDefaults: /x.cnf
                """, "t")).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).contains("adminDefaults").contains("unknown key")));
    }
}
