package io.slurmops.bot.backup;

import io.slurmops.bot.config.BackupConfig;
import io.slurmops.bot.config.ConfigException;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.commands.backup.BackupService;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The backups: section (scratch account, database, client file) and the daily schedule's timing and claim. */
class BackupConfigAndScheduleTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of("VERIFY_PW", "s3cret"));

    @Test
    void readsTheScratchAccountAndBuildsAServiceWithoutPrintingThePassword() throws ConfigException {
        BackupConfig b = loader.parse("""
                backups:
                  dir: /srv/backups
                  dailyAt: "02:30"
                  retention: 14d
                  database: acct
                  clientDefaults: /etc/mysql/debian.cnf
                  scratch:
                    url: jdbc:mariadb://127.0.0.1:3306/slurmops_verify
                    user: slurmops_verify
                    password: ${VERIFY_PW}
                """, "t").backups();
        assertThat(b.dailyAt()).contains(LocalTime.of(2, 30));
        assertThat(b.retention()).isEqualTo(Duration.ofDays(14));
        assertThat(b.database()).isEqualTo("acct");
        BackupService s = BackupServices.from(b, Clock.systemUTC());
        assertThat(s.settings().scratch()).hasValueSatisfying(sc -> {
            assertThat(sc.schema()).isEqualTo("slurmops_verify");
            assertThat(sc.toString()).doesNotContain("s3cret");
        });
        assertThat(s.settings().clientDefaults()).isEqualTo("/etc/mysql/debian.cnf");
        assertThat(BackupConfig.defaults().database()).isEqualTo("slurm_acct_db");
    }

    @Test
    void refusesAScratchUrlWithoutSchemaAndABadDatabaseName() {
        assertThatThrownBy(() -> loader.parse("""
                backups:
                  database: "acct; drop"
                  clientDefaults: relative.cnf
                  scratch:
                    url: jdbc:mariadb://127.0.0.1:3306/
                    user: v
                """, "t")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("database").hasMessageContaining("clientDefaults")
                .hasMessageContaining("must name the scratch schema");
    }

    @Test
    void theVerificationLimitsReachTheServiceAndBadOnesAreRefused() throws ConfigException {
        BackupConfig b = loader.parse("""
                backups:
                  verify:
                    maxRows: 250000
                    timeout: 90s
                """, "t").backups();
        assertThat(BackupServices.from(b, Clock.systemUTC()).settings().verify())
                .isEqualTo(new io.slurmops.commands.backup.VerifyLimits(250_000, Duration.ofSeconds(90)));
        assertThat(loader.parse("backups: {dir: /srv/b}\n", "t").backups().verify())
                .isEqualTo(io.slurmops.commands.backup.VerifyLimits.DEFAULT);
        assertThatThrownBy(() -> loader.parse("""
                backups:
                  verify:
                    maxRows: -1
                    timout: 5m
                """, "t")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("backups.verify.maxRows").hasMessageContaining("backups.verify.timout: unknown key");
    }

    @Test
    void theNextRunIsTodayWhenTheTimeIsAheadElseTomorrow() {
        ZonedDateTime morning = ZonedDateTime.of(2026, 12, 3, 1, 0, 0, 0, ZoneOffset.UTC);
        assertThat(BackupSchedule.untilNext(morning, LocalTime.of(3, 0))).isEqualTo(Duration.ofHours(2));
        ZonedDateTime noon = morning.withHour(12);
        assertThat(BackupSchedule.untilNext(noon, LocalTime.of(3, 0))).isEqualTo(Duration.ofHours(15));
        assertThat(BackupSchedule.untilNext(morning.withHour(3), LocalTime.of(3, 0))).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void aDayClaimedByAnotherInstanceRunsNothingHere() {
        FakeCluster fake = FakeCluster.withNodes(1);
        List<LocalDate> asked = new ArrayList<>();
        try (ClusterAccess cluster = new ClusterAccess(FakeCluster.site(), fake);
             BackupSchedule s = new BackupSchedule(BackupServices.from(BackupConfig.defaults(), Clock.systemUTC()), cluster,
                     LocalTime.of(3, 0), Clock.systemUTC(), day -> asked.add(day) && false)) {
            s.runOnce(LocalDate.of(2026, 12, 3));
        }
        assertThat(asked).containsExactly(LocalDate.of(2026, 12, 3));
        assertThat(fake.ran("mkdir")).isEmpty();
        assertThat(fake.ran("mariadb-dump")).isEmpty();
    }
}
