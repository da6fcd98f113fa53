package io.slurmops.bot.reliability.faults;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 item 1: the fault matrix on the lab. Each fault (a row, one small inject/heal object) is
 * injected while a change request waits for its approval and again while its approved plan's changing
 * command is in flight (the two phases). Every cell asserts: the bot answers afterwards; the people in
 * the channel got exactly one message about the request's end; the request's audit trail is whole
 * (requested, planned, vote, approved, started once, one ending, nothing missing or twice); the
 * changing command was sent at most once (counted at the transport, in every process); the heap after
 * GC grew by at most {@link #HEAP_BOUND_MB} MB. Figures go to {@code target/reliability/faults.txt}.
 */
@LabTest
class FaultMatrixReliability {

    static final long HEAP_BOUND_MB = 32;
    private static final Set<RequestState> ENDINGS = EnumSet.of(RequestState.SUCCEEDED, RequestState.FAILED,
            RequestState.STALE, RequestState.INTERRUPTED);
    private static final List<String> ROWS = new ArrayList<>();

    static Stream<Arguments> cells() {
        List<Fault> faults = List.of(
                NodeFaults.sshdStopped(),
                NodeFaults.linkDown(),
                HeadDaemonFaults.slurmctldKilled(),
                HeadDaemonFaults.slurmdbdStopped(),
                HeadDaemonFaults.mariadbStopped(),
                new ChatDropFault(),
                NodeFaults.commandHangs(),
                NodeFaults.hundredMegabytes(),
                new BotKillFault());
        String only = System.getProperty("faults.only", "");        // e.g. -Dfaults.only=link while debugging
        return faults.stream().filter(f -> f.name().contains(only)).flatMap(f -> Stream.of(Phase.values())
                .map(p -> Arguments.of(Named.of(f.name(), f), p)));
    }

    @ParameterizedTest(name = "{0} while {1}")
    @MethodSource("cells")
    @Timeout(180)
    void cell(Fault fault, Phase phase) throws Exception {
        LabOps.healthy();
        Path state = Files.createTempDirectory("fault-matrix-");
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        long t0 = System.nanoTime();
        try (MatrixCell cell = new MatrixCell(fault, state)) {
            try {
                long heapBefore = usedHeapMbAfterGc();
                long id = fault.play(phase, cell);
                fault.heal(cell);
                RequestRecord r = cell.awaitFinished(id);
                boolean answers = cell.driver().answers();
                List<AuditKind> trail = cell.audit(id).stream().map(AuditEntry::kind).toList();
                int executions = cell.gate().executions() + fault.executionsElsewhere(cell);
                List<String> ends = endings(cell.driver().messages(), id);
                long heapAfter = usedHeapMbAfterGc();
                double seconds = (System.nanoTime() - t0) / 1e9;
                String row = String.format("| %s | %s | %s | %.1f | %d | %d | %d | %d → %d | %s |", fault.name(),
                        phase.name().toLowerCase(), r.state(), seconds, ends.size(), executions, trail.size(),
                        heapBefore, heapAfter, ends.isEmpty() ? "" : ends.get(0).replace('|', '/'));
                synchronized (ROWS) {
                    ROWS.add(row);
                }
                System.out.println("FAULT " + row + " trail " + trail);

                String why = row + "\ntrail " + trail + "\nmessages " + cell.driver().messages();
                assertThat(cell.gate().injectionError()).as("injection: " + why).isNull();
                assertThat(answers).as("the bot answers after the fault: " + why).isTrue();
                assertThat(ends).as("one message about the request's end: " + why).hasSize(1);
                assertThat(r.state()).as(why).isIn(ENDINGS);
                assertWholeTrail(trail, why);
                assertThat(executions).as("the changing command ran at most once: " + why).isLessThanOrEqualTo(1);
                if (r.state() == RequestState.SUCCEEDED) {
                    assertThat(executions).as(why).isEqualTo(1);
                }
                assertThat(heapAfter - heapBefore).as("heap growth (MB): " + why).isLessThanOrEqualTo(HEAP_BOUND_MB);
            } finally {
                fault.heal(cell);
            }
        } finally {
            LabOps.healthy();
            try (Stream<Path> files = Files.walk(state)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Requested, planned, one vote, approved, started once, steps, exactly one ending: nothing lost or doubled. */
    private static void assertWholeTrail(List<AuditKind> trail, String why) {
        assertThat(trail).as("audit trail: " + why).startsWith(AuditKind.REQUESTED, AuditKind.PLANNED, AuditKind.VOTE,
                AuditKind.APPROVED, AuditKind.STARTED);
        List<AuditKind> rest = trail.subList(5, trail.size());
        assertThat(rest).as("after STARTED only steps and one ending: " + why).isNotEmpty();
        assertThat(rest.subList(0, rest.size() - 1)).as(why).allMatch(k -> k == AuditKind.STEP);
        assertThat(rest.get(rest.size() - 1)).as(why).isIn(AuditKind.SUCCEEDED, AuditKind.FAILED, AuditKind.STALE,
                AuditKind.INTERRUPTED);
    }

    /**
     * The messages that report how request {@code id} ended ("#7 Restart slurmd … — done", "#7: …", "#7 was
     * interrupted …"), not its plan ("#7 needs …") nor the receipts of the vote ("#7 approved by bob …; running
     * now", and on Slack "#7 approved; the result is posted where it was requested"). Slack's text starts with
     * the status emoji.
     */
    static List<String> endings(List<String> messages, long id) {
        java.util.regex.Pattern about = java.util.regex.Pattern.compile("^(?:\\S+ )?#" + id + "(?: |:)(?!needs )(?!approved)");
        return messages.stream().filter(m -> about.matcher(m).find()).toList();
    }

    private static long usedHeapMbAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    @AfterAll
    static void writeFigures() throws Exception {
        StringBuilder b = new StringBuilder("| fault | phase | ended | s | end messages | executions | audit rows "
                + "| heap MB before → after | the one message |\n|---|---|---|---|---|---|---|---|---|\n");
        ROWS.forEach(r -> b.append(r).append('\n'));
        Files.createDirectories(Path.of("target/reliability"));
        Files.writeString(Path.of("target/reliability/faults.txt"), b);
        System.out.println(b);
    }
}
