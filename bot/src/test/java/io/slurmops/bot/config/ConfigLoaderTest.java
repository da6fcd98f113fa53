package io.slurmops.bot.config;

import io.slurmops.commands.catalog.Role;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of("DB_PASSWORD", "s3cret", "STATE", "/srv/state"));

    @Test
    void emptyFileGivesSystemdDefaults() throws ConfigException {
        SlurmopsConfig c = loader.parse("", "empty");
        assertThat(c.prefix()).isEqualTo("!slurm");
        assertThat(c.site().serviceManager()).containsExactly("systemctl");
        assertThat(c.site().slurmTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.site().log("slurmd").orElseThrow().journalUnit()).isEqualTo("slurmd");
        assertThat(c.access().users()).isEmpty();
        assertThat(c.approvals().expiry()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void interpolatesEnvironmentVariablesWithDefaults() throws ConfigException {
        SlurmopsConfig c = loader.parse("""
                store:
                  url: jdbc:h2:file:${STATE}/store
                  password: ${DB_PASSWORD}
                  user: ${DB_USER:-slurmops}
                """, "t");
        assertThat(c.store().url()).isEqualTo("jdbc:h2:file:/srv/state/store");
        assertThat(c.store().password()).isEqualTo("s3cret");
        assertThat(c.store().user()).isEqualTo("slurmops");
        assertThat(c.store().toString()).doesNotContain("s3cret");
        SlurmopsConfig inUrl = loader.parse("store:\n  url: jdbc:mariadb://db/slurmops?user=s&password=${DB_PASSWORD}\n", "t");
        assertThat(inUrl.store().toString()).doesNotContain("s3cret").contains("password=***");
    }

    @Test
    void reportsEveryProblemWithKeyValueAndExpectation() {
        assertThatThrownBy(() -> loader.parse("""
                prefx: "!x"
                site:
                  slurmTimeout: 5s
                  nodeTimeout: soon
                  fanout: 0
                  units: {slurmctl: x}
                  logs:
                    slurmd: {file: /a, journal: b}
                access:
                  users: {alice: superuser}
                people:
                  alice: [console:alice]
                store:
                  url: jdbc:postgresql://x/y
                  password: ${NOPE}
                approvals:
                  risk: {drain: scary}
                """, "bad.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).startsWith("prefx: unknown key"),
                        p -> assertThat(p).startsWith("site.slurmTimeout:").contains("MessageTimeout"),
                        p -> assertThat(p).isEqualTo("site.nodeTimeout: `soon` is not a duration; expected a positive "
                                + "number with a unit, e.g. 500ms, 20s, 15m, 2h"),
                        p -> assertThat(p).isEqualTo("site.fanout: `0` is not a whole number from 1 to 1024"),
                        p -> assertThat(p).startsWith("site.units.slurmctl: unknown service"),
                        p -> assertThat(p).startsWith("site.logs.slurmd: give exactly one"),
                        p -> assertThat(p).startsWith("access.users.alice: `superuser` is not a role"),
                        p -> assertThat(p).startsWith("store.url: `jdbc:postgresql://x/y` is not supported"),
                        p -> assertThat(p).startsWith("store.password: environment variable NOPE is not set"),
                        p -> assertThat(p).startsWith("approvals.risk.drain: `scary` is not a risk level")));
    }

    @Test
    void bareUserIdsAreRefusedWithTheWayToQualifyThem() {
        assertThatThrownBy(() -> loader.parse("""
                people:
                  alice: ["slack:UALICE", "U999"]
                  bob: ["slack:UALICE"]
                groups:
                  oncall: [alice, zoe]
                access:
                  users: {U024BE7LH: admin, bob: approver, "console:carol": viewer, "irc:dan": viewer}
                """, "bare.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).startsWith("people.alice: `U999` is not an identity; write it qualified"),
                        p -> assertThat(p).startsWith("people.bob: `slack:UALICE` is already alice's"),
                        p -> assertThat(p).startsWith("groups.oncall: `zoe` is not a person under people:"),
                        p -> assertThat(p).startsWith("access.users.U024BE7LH: `U024BE7LH` is not qualified; write it "
                                + "qualified by its platform: slack:U0123ABC").contains("console:U024BE7LH"),
                        p -> assertThat(p).startsWith("access.users.irc:dan: `irc:dan` is not qualified")));
    }

    @Test
    void aPersonsRoleAppliesToEachOfTheirIdentitiesAndAnIdentitysOwnEntryWins() throws ConfigException {
        SlurmopsConfig c = loader.parse("""
                people:
                  alice: ["slack:UALICE", "discord:1001"]
                access:
                  users: {alice: approver, "discord:1001": viewer}
                  channels:
                    C1: {users: {alice: admin}}
                """, "people.yaml");
        assertThat(c.access().roleOf(new Identity("slack", "UALICE"), "C0")).contains(Role.APPROVER);
        assertThat(c.access().roleOf(new Identity("discord", "1001"), "C0")).contains(Role.VIEWER);
        assertThat(c.access().roleOf(new Identity("slack", "UALICE"), "C1")).contains(Role.ADMIN);
        assertThat(c.access().roleOf(new Identity("console", "alice"), "C0")).isEmpty();
        assertThat(c.access().voterKey(new Identity("discord", "1001"))).isEqualTo(c.access().voterKey(
                new Identity("slack", "UALICE")));
    }

    @Test
    void invalidYamlNamesTheLine() {
        assertThatThrownBy(() -> loader.parse("site:\n  cluster: [unclosed\n", "x.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML").hasMessageContaining("line");
    }

    @Test
    void aYamlErrorOnASecretsLineDoesNotQuoteTheLine() {
        // SnakeYAML quotes the offending source line under its message; a half-typed password is on it.
        assertThatThrownBy(() -> loader.parse("store:\n  url: jdbc:h2:mem:x\n  password: \"hunter2-in-yaml\n  user: [sa\n",
                "x.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML: while scanning a quoted scalar").hasMessageContaining("(line 3)")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void shippedConfigurationsAreValid() throws ConfigException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        SlurmopsConfig lab = loader.load(root.resolve("config/lab.yaml"));
        assertThat(lab.access().roleOf(Identity.of("console", "alice"), "console")).contains(Role.OPERATOR);
        assertThat(lab.access().roleOf(Identity.of("console", "erin"), "console")).contains(Role.ADMIN);
        assertThat(lab.access().roleOf(Identity.of("console", "mallory"), "console")).isEmpty();
        new ConfigLoader(Map.of("SLACK_BOT_TOKEN", "x", "SLACK_APP_TOKEN", "y", "DISCORD_TOKEN", "z",
                "SLURMOPS_DB_PASSWORD", "p", "SLURM_ACCT_DB_PASSWORD", "q")).load(root.resolve("config/slurmops.example.yaml"));
    }

    @Test
    void missingFileIsAClearError() {
        assertThatThrownBy(() -> loader.load(Path.of("/nonexistent/slurmops.yaml")))
                .hasMessage("/nonexistent/slurmops.yaml: 1 problem\n  - file not found");
    }
}
