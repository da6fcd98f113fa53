package io.slurmops.bot.config;

import io.slurmops.commands.reply.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EscalationConfigTest {

    private static final String PEOPLE = """
            people:
              alice: ["slack:U0ALICE"]
            groups:
              oncall: [alice]
            """;

    @Test
    void offByDefaultAndTheSeedsPathWhenEnabled() throws ConfigException {
        assertThat(new ConfigLoader(Map.of()).parse("", "t").escalation().enabled()).isFalse();
        EscalationConfig e = new ConfigLoader(Map.of("PD", "k3y")).parse(PEOPLE + """
                escalation:
                  enabled: true
                  acknowledgeWithin: {critical: 5m, warning: 1h}
                  mentions: {oncall: {slack: S0ONCALL, discord: "112233445566778899"}}
                  levels:
                    - {name: L1, notify: [group:oncall]}
                    - {name: L2, after: 10m, notify: [group:oncall, pagerduty:hpc]}
                    - {name: L3, after: 30m, notify: [pagerduty:hpc]}
                    - {name: vendor, after: 2h, notify: [webhook:vendor]}
                  pagerduty: {services: {hpc: {routingKey: "${PD}"}}}
                  webhooks: {vendor: {url: "https://vendor.example/hook", secretFile: /etc/slurmops/vendor.key}}
                """, "t").escalation();
        assertThat(e.enabled()).isTrue();
        assertThat(e.acknowledgeWithin()).containsEntry(Status.CRITICAL, Duration.ofMinutes(5))
                .containsEntry(Status.WARNING, Duration.ofHours(1));
        assertThat(e.levels()).extracting(EscalationConfig.Level::name).containsExactly("L1", "L2", "L3", "vendor");
        assertThat(e.levels().get(0).after()).isZero();
        assertThat(e.levels().get(1).targets()).extracting(EscalationConfig.Target::text)
                .containsExactly("group:oncall", "pagerduty:hpc");
        assertThat(e.pagerDutyUrl()).isEqualTo("https://events.pagerduty.com/v2/enqueue");
        assertThat(e.pagerDutyServices().get("hpc").read()).isEqualTo("k3y");
        assertThat(e.toString()).as("keys never printed").doesNotContain("k3y");
        assertThat(e.check()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void everyProblemIsNamedWithItsKey() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse(PEOPLE + """
                escalation:
                  enabled: true
                  acknowledgeWithin: {warning: 10m, urgent: 1m}
                  mentions: {nobody: {slack: S1}, oncall: {slack: "not-a-group", teams: X}}
                  levels:
                    - {name: L2, after: 10m, notify: [pagerduty:missing, group:ghosts, sms:123]}
                    - {name: L2, after: 5m, notify: []}
                  pagerduty: {url: "ftp://x", services: {hpc: {}, other: {routingKey: a, routingKeyFile: b}}}
                  webhooks: {vendor: {secret: s}}
                  retry: {first: 5m, max: 1m}
                  check: 50ms
                """, "t"))
                .isInstanceOfSatisfying(ConfigException.class, ex -> assertThat(ex.problems()).contains(
                        "escalation.acknowledgeWithin.urgent: is not a severity; use critical or warning",
                        "escalation.mentions.nobody: is not a group under groups:; mentions say how a people group is mentioned",
                        "escalation.mentions.oncall.slack: `not-a-group` is not a Slack user group id (S0123ABCD)",
                        "escalation.mentions.oncall.teams: is not slack or discord",
                        "escalation.levels[1].name: `L2` is used by an earlier level",
                        "escalation.levels[1].after: must not be earlier than the level before (PT10M): levels go in order",
                        "escalation.levels[1].notify: give at least one target, e.g. [group:oncall]",
                        "escalation.pagerduty.url: `ftp://x` is not an http(s) URL",
                        "escalation.pagerduty.services.hpc.routingKey: give exactly one of routingKey (e.g. ${SLURMOPS_PAGERDUTY_KEY}) or routingKeyFile",
                        "escalation.pagerduty.services.other.routingKeyFile: `b` must be an absolute path",
                        "escalation.webhooks.vendor.url: missing; expected the address to POST to, e.g. https://vendor.example/hook",
                        "escalation.retry.max: must not be shorter than first (PT5M)",
                        "escalation.check: must be at least 100ms (15s is plenty: deadlines are minutes)",
                        "escalation.acknowledgeWithin: give at least critical, e.g. {critical: 5m}: a CRITICAL incident "
                                + "must be acknowledged within it or it escalates")
                        .anyMatch(p -> p.startsWith("escalation.levels[0].notify: `pagerduty:missing` is not a target"))
                        .anyMatch(p -> p.startsWith("escalation.levels[0].notify: `group:ghosts` is not a target"))
                        .anyMatch(p -> p.startsWith("escalation.levels[0].notify: `sms:123` is not a target")));
    }

    @Test
    void enabledWithoutLevelsIsRefused() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse("""
                escalation:
                  enabled: true
                  acknowledgeWithin: {critical: 5m}
                """, "t"))
                .isInstanceOfSatisfying(ConfigException.class, ex -> assertThat(ex.problems()).containsExactly(
                        "escalation.levels: give at least one level, e.g. [{name: L1, notify: [group:oncall]}]"));
    }
}
