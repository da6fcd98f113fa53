package io.slurmops.commands.change;

import io.slurmops.commands.runbook.Service;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runbook's static service order and the live order the service commands enforce must agree:
 * every dependency ServiceOrder names for a service comes before it in the runbook order, and every
 * dependent after it.
 */
class RunbookServiceOrderTest {

    @ParameterizedTest
    @EnumSource(Service.class)
    void runbook_order_agrees_with_the_service_commands(Service service) {
        for (String dep : ServiceOrder.dependenciesOf(service.label())) {
            assertThat(Service.parse(dep).orElseThrow().rank()).as(dep + " before " + service.label()).isLessThan(service.rank());
        }
        for (String dependent : ServiceOrder.dependentsOf(service.label())) {
            assertThat(Service.parse(dependent).orElseThrow().rank()).as(dependent + " after " + service.label())
                    .isGreaterThan(service.rank());
        }
    }
}
