package io.slurmops.commands.slurm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReservationTest {

    @Test
    void parsesRealOneLinerOutputAndTellsActiveMaintenance() {
        List<Reservation> r = Reservation.parse(Captured.output("show-res-oneliner.txt"));
        assertThat(r).extracting(Reservation::name).containsExactly("maint_probe", "plain_probe");
        assertThat(r.get(0).activeMaintenance()).isTrue();
        assertThat(r.get(0).nodes()).containsExactly("node004");
        assertThat(r.get(1).activeMaintenance()).isFalse();
        assertThat(r.get(1).state()).isEqualTo("INACTIVE");
    }

    @Test
    void noReservationsIsEmpty() {
        assertThat(Reservation.parse("No reservations in the system\n")).isEmpty();
    }
}
