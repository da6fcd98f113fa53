package io.slurmops.bot.lab;

import io.slurmops.adapters.chat.discord.FakeDiscordRest;
import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.slurmops.bot.lab.TwoInstances.ALICE;
import static io.slurmops.bot.lab.TwoInstances.BOB;
import static io.slurmops.bot.lab.TwoInstances.RENEW;
import static io.slurmops.bot.lab.TwoInstances.TTL;
import static io.slurmops.bot.lab.TwoInstances.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, the runbook part of "Done when": two {@code slurmops bot} processes on the lab's MariaDB; the
 * instance executing a runbook step (the run's owner, V9) is SIGKILLed mid-step. The survivor sees the
 * owner's heartbeat go stale and pauses the run (not RUNNING forever, and paused once); the run is then
 * resumed through chat and approval, and finishes exactly once.
 */
@LabTest
@Timeout(300)
class RunbookTakeoverLabTest {

    /** A step long enough to be killed in (the lab's site.slurmTimeout is 20 s), then a quick one. */
    private static final String RUNBOOK = """
            name: two-instances-slow
            title: A long step on the controller, then a ping
            risk: change
            steps:
              - id: slow
                title: Wait on the controller
                run: [/usr/bin/sleep, "15"]
                on: controller
                destructive: false
                check: controller-up
                rollback: none
              - id: ping
                title: Ping the controller
                scontrol: [ping]
                rollback: none
            verify: [controller-up]
            """;

    @TempDir
    Path dir;

    @AfterEach
    void putTheLabBack() throws Exception {
        LabCluster.restore();
    }

    @Test
    void aRunWhoseExecutorDiesIsPausedOnceAndResumedOnce() throws Exception {
        try (TwoInstances two = new TwoInstances(dir)) {
            two.runbooks = Files.createDirectories(dir.resolve("runbooks"));
            Files.writeString(two.runbooks.resolve("two-instances-slow.yaml"), RUNBOOK);
            two.start();

            two.say("100000000000000060", ALICE, "alice", "!slurm runbook run two-instances-slow");
            FakeDiscordRest.Call plan = two.awaitPost("the run's plan", Duration.ofSeconds(60),
                    t -> t.contains("#1 needs 1 approval"));
            String planId = two.messageIdOf(plan);
            awaitTrue("the plan is bound to its message", Duration.ofSeconds(10),
                    () -> planId.equals(two.query("SELECT message_id FROM requests WHERE id = 1").orElse("")));
            two.react(BOB, "bob", planId, "✅");
            awaitTrue("run 1 in its slow step", Duration.ofSeconds(60), () -> two.query(
                    "SELECT s.status FROM runbook_steps s JOIN runbook_runs r ON r.id = s.run_id"
                            + " WHERE r.id = 1 AND r.state = 'RUNNING' AND s.idx = 1").orElse("").equals("STARTED"));
            BotInstance executor = two.byHolder(two.query("SELECT owner FROM runbook_runs WHERE id = 1").orElseThrow());
            BotInstance survivor = two.other(executor);

            executor.kill();
            long killed = System.nanoTime();
            // Paused once its heartbeat is older than the ttl, at the survivor's next check (every renewEvery).
            Duration bound = TTL.plus(RENEW.multipliedBy(2));
            awaitTrue("run 1 paused by " + survivor.name(), bound.multipliedBy(3),
                    () -> two.query("SELECT state FROM runbook_runs WHERE id = 1").orElse("").equals("PAUSED"));
            long pausedMs = (System.nanoTime() - killed) / 1_000_000;
            assertThat(pausedMs).as("paused within ttl + 2 × renewEvery").isLessThanOrEqualTo(bound.toMillis() + 1000);
            assertThat(two.query("SELECT note FROM runbook_runs WHERE id = 1").orElse("")).contains("slow");
            Thread.sleep(15_000); // the killed instance's sleep ends meanwhile: nothing marks the step done

            two.say("100000000000000061", ALICE, "alice", "!slurm runbook resume 1");
            FakeDiscordRest.Call resume = two.awaitPost("the resume's plan", Duration.ofSeconds(60),
                    t -> t.contains("#2 needs 1 approval"));
            String resumeId = two.messageIdOf(resume);
            awaitTrue("the resume is bound to its message", Duration.ofSeconds(10),
                    () -> resumeId.equals(two.query("SELECT message_id FROM requests WHERE id = 2").orElse("")));
            two.react(BOB, "bob", resumeId, "✅");
            awaitTrue("run 1 done", Duration.ofSeconds(90),
                    () -> two.query("SELECT state FROM runbook_runs WHERE id = 1").orElse("").equals("DONE"));
            assertThat(two.query("SELECT owner FROM runbook_runs WHERE id = 1").orElseThrow())
                    .startsWith(survivor.pid() + "@");

            // Asked again: refused, nothing runs twice.
            two.say("100000000000000062", ALICE, "alice", "!slurm runbook resume 1");
            two.awaitPost("the refusal", Duration.ofSeconds(30), t -> t.contains("only a failed or paused run resumes"));
            Thread.sleep(3000);
            assertThat(two.query("SELECT COUNT(*) FROM requests WHERE command = 'runbook resume'"))
                    .as("resume requests (the second ask was refused before one)").contains("1");
            assertThat(two.query("SELECT COUNT(*) FROM votes WHERE request_id = 2")).as("votes on the resume").contains("1");
            assertThat(two.posts(t -> t.contains("needs 1 approval"))).as("plans: the run and one resume").hasSize(2);
            assertThat(two.query("SELECT COUNT(*) FROM runbook_steps WHERE run_id = 1")).contains("2");
            assertThat(two.query("SELECT status FROM runbook_steps WHERE run_id = 1 AND idx = 1")).contains("INTERRUPTED");
            assertThat(two.query("SELECT status FROM runbook_steps WHERE run_id = 1 AND idx = 2")).contains("OK");
            System.out.printf("RUNBOOK TAKEOVER: executor %s killed mid-step; %s paused the run %d ms later (bound %d ms)%n",
                    executor.name(), survivor.name(), pausedMs, bound.toMillis());
        }
    }
}
