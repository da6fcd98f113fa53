package io.slurmops.bot.runbook;

import io.slurmops.commands.runbook.Location;
import io.slurmops.commands.runbook.RunbookProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A site directory with one good runbook and broken ones: each broken file is refused with its
 * FILE:LINE and reason, and the good one and the built-ins still load.
 */
class RunbookLoaderTest {

    @TempDir
    Path site;

    private static final String GOOD = """
            name: restart-dbd
            title: Restart slurmdbd
            risk: change
            steps:
              - id: restart
                restart: slurmdbd
                rollback: none
            verify:
              - dbd-responds
            """;

    @Test
    void broken_files_are_refused_with_file_line_and_reason_and_the_others_still_load() throws IOException {
        Path good = write("a-good.yaml", GOOD);
        Path badYaml = write("b-bad-yaml.yaml", """
                name: broken
                steps:
                  - id: x
                    stop: [slurmd
                """);
        Path unknownAction = write("c-unknown-action.yaml", """
                name: reboot-all
                risk: destructive
                steps:
                  - id: stop
                    stop: slurmd
                    on: all-nodes
                  - id: reboot
                    reboot: all-nodes
                verify:
                  - controller-up
                """);
        Path noCheck = write("d-no-check.yaml", """
                name: resume-one
                risk: change
                steps:
                  - id: resume
                    scontrol: [update, NodeName=node001, State=resume]
                verify:
                  - controller-up
                """);

        RunbookLoader.Loaded loaded = RunbookLoader.load(site);

        assertThat(loaded.runbooks()).containsKeys("ctld-state-recovery", "cluster-restart", "restart-dbd");
        assertThat(loaded.runbooks().get("restart-dbd").source()).isEqualTo(new Location(good.toString(), 1));
        assertThat(loaded.refused()).extracting(RunbookProblem::location).containsExactly(
                new Location(badYaml.toString(), 4), new Location(unknownAction.toString(), 7), new Location(noCheck.toString(), 4));
        assertThat(loaded.refused()).extracting(RunbookProblem::rule).containsExactly("yaml", "unknown-action", "no-check");
        assertThat(loaded.refused().get(0).message()).startsWith("not valid YAML: while parsing a flow sequence").doesNotContain("\n");
        assertThat(loaded.refused().get(1).message()).startsWith("unknown action `reboot`; actions: start, stop, restart");
        assertThat(loaded.refused().get(2).toString()).isEqualTo(noCheck + ":4: step `resume` (scontrol) has no check:"
                + " add `check:` so the engine can tell it worked [no-check]");
    }

    @Test
    void every_problem_in_a_file_is_reported_with_its_own_line() throws IOException {
        Path f = write("bad.yaml", """
                name: bad
                risk: change
                values:
                  nodes: {type: hostlist, known: plan, default: "node[001-004]"}
                steps:
                  - id: stop
                    stop: slurmdb
                  - id: run
                    run: [/usr/local/sbin/fix]
                    on: controller
                    check: {command: [true]}
                    tiemout: 5s
                verify:
                  - controller-up
                """);

        RunbookLoader.Loaded loaded = RunbookLoader.load(site);

        assertThat(loaded.refused()).extracting(p -> p.location().line() + " " + p.rule()).containsExactly(
                "7 unknown-service", "12 unknown-key");
        assertThat(loaded.refused().get(0).location().file()).isEqualTo(f.toString());
    }

    @Test
    void a_raw_step_without_destructive_is_refused_once_the_file_parses() throws IOException {
        write("raw.yaml", """
                name: raw
                risk: change
                steps:
                  - id: run
                    run: [/usr/local/sbin/fix]
                    on: controller
                    check: {command: [true]}
                verify:
                  - controller-up
                """);

        assertThat(RunbookLoader.load(site).refused()).extracting(p -> p.location().line() + " " + p.rule())
                .containsExactly("4 raw-undeclared");
    }

    @Test
    void a_site_runbook_cannot_take_a_built_in_name() throws IOException {
        Path f = write("mine.yaml", GOOD.replace("name: restart-dbd", "name: cluster-restart"));

        RunbookLoader.Loaded loaded = RunbookLoader.load(site);

        assertThat(loaded.runbooks().get("cluster-restart").source().file()).isEqualTo("builtin:cluster-restart.yaml");
        assertThat(loaded.refused()).singleElement().satisfies(p -> {
            assertThat(p.location().file()).isEqualTo(f.toString());
            assertThat(p.message()).contains("already defined by builtin:cluster-restart.yaml");
        });
    }

    @Test
    void a_missing_site_directory_is_reported_and_the_built_ins_still_load() {
        RunbookLoader.Loaded loaded = RunbookLoader.load(site.resolve("nope"));

        assertThat(loaded.runbooks()).containsOnlyKeys("ctld-state-recovery", "cluster-restart", "acct-db-repair", "acct-db-recreate");
        assertThat(loaded.refused()).singleElement().extracting(RunbookProblem::rule).isEqualTo("io");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(site.resolve(name), text);
    }
}
