package io.slurmops.commands.catalog;

import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.reply.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every argument type, accepted and rejected, through the one binder, with one error shape. */
class ArgumentBinderTest {

    record Fake(CommandSpec spec) implements SlurmCommand {
        @Override
        public Reply execute(Invocation invocation, CommandContext context) {
            return Reply.builder(spec.name()).build();
        }
    }

    private static final CommandCatalog CATALOG = new CommandCatalog("!s", List.of(
            new Fake(CommandSpec.builder("hl").required("HOSTLIST", ArgTypes.hostlist()).summary("-").build()),
            new Fake(CommandSpec.builder("host").required("HOST", ArgTypes.host()).summary("-").build()),
            new Fake(CommandSpec.builder("job").required("JOBID", ArgTypes.jobId()).summary("-").build()),
            new Fake(CommandSpec.builder("user").required("USER", ArgTypes.user()).summary("-").build()),
            new Fake(CommandSpec.builder("dur").required("DURATION", ArgTypes.duration(Duration.ofDays(7)))
                    .summary("-").build()),
            new Fake(CommandSpec.builder("req").required("N", ArgTypes.requestId()).summary("-").build()),
            new Fake(CommandSpec.builder("int").required("N", ArgTypes.integer(1, 500)).summary("-").build()),
            new Fake(CommandSpec.builder("pick").required("WHAT", ArgTypes.choice("check", List.of("munge", "config",
                    "clock"))).summary("-").build()),
            new Fake(CommandSpec.builder("either").optional("sel", "N|#ID", ArgTypes.oneOf(
                    ArgTypes.integer(1, 500).as("count", "1–500"), ArgTypes.requestRef())).summary("-").build()),
            new Fake(CommandSpec.builder("opts").summary("-")
                    .option(OptionSpec.value("lines", "N", ArgTypes.integer(1, 500), "n"))
                    .option(OptionSpec.value("grep", "RE", ArgTypes.regex(200), "g"))
                    .option(OptionSpec.value("user", "USER", ArgTypes.user(), "u"))
                    .option(OptionSpec.value("state", "STATE", ArgTypes.listOf(ArgTypes.choice("job state",
                            Set.of("PENDING", "RUNNING"))), "s"))
                    .option(OptionSpec.flag("force", "f")).build()),
            new Fake(CommandSpec.builder("why").required("HOSTLIST", ArgTypes.hostlist()).text("REASON", true)
                    .summary("-").build())));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "hl node[001-003],gpu1  | hostlist | gpu1,node[001-003]",
            "host node007           | host     | node007",
            "job 1234               | jobid    | 1234",
            "job 1234_7             | jobid    | 1234_7",
            "job 1234+1             | jobid    | 1234+1",
            "user alice.b-2         | user     | alice.b-2",
            "dur 90s                | duration | PT1M30S",
            "dur 1h30m              | duration | PT1H30M",
            "dur 7d                 | duration | PT168H",
            "dur 500ms              | duration | PT0.5S",
            "req 12                 | n        | 12",
            "req #12                | n        | 12",
            "int 500                | n        | 500",
            "pick CLOCK             | what     | clock",
            "either 20              | sel      | 20",
            "either #3              | sel      | 3",
            "why n1 bad DIMM --x    | reason   | bad DIMM --x",
    })
    void acceptedFormsBecomeTypedValues(String line, String name, String expected) throws UsageException {
        Object v = CATALOG.parse("!s " + line).invocation().values().get(name);
        String shown = v instanceof Hostlist h ? h.toString() : String.valueOf(v);
        assertThat(shown).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "hl node[3-1]        | bad host list `node[3-1]`: ",
            "hl ''               | bad host list ``: ",
            "host node[1-2]      | `host` takes one host, not the list `node[1-2]`",
            "job 12ab            | `12ab` is not a job id (digits, e.g. 1234 or an array task 1234_7)",
            "job 1_2_3           | `1_2_3` is not a job id",
            "user ../etc         | `../etc` is not a user name (letters, digits, . _ -)",
            "dur soon            | `soon` is not a duration (e.g. 30m",
            "dur 0m              | `0m` is not a duration",
            "dur 8d              | `8d` is not a duration (e.g. 30m, 2h, 1d, 1w; units ms s m h d w, combinable: 1h30m): at most 7d",
            "req x               | `x` is not a request number (like 12 or #12)",
            "req 0               | `0` is not a request number",
            "int 501             | `501` is not a whole number from 1 to 500",
            "pick time           | `time` is not a check (munge, config, clock)",
            "either lots         | `lots` is neither a count (1–500) nor a request (#12)",
            "opts --lines 0      | --lines takes a whole number from 1 to 500, not `0`",
            "opts --user 'a b'   | --user takes a user name (letters, digits, . _ -), not `a b`",
            "opts --grep (       | --grep `(` is not a valid regular expression: Unclosed group near index 1",
            "opts --state RUNNING,sleeping | --state `sleeping` is not a job state",
            "opts --force=yes    | --force takes no value",
            "opts --lines        | --lines needs a value (N)",
            "opts --tail 5       | `opts` has no option --tail",
            "why n1              | `why` needs REASON",
            "host a b            | `host` takes at most 1 argument, got 2",
    })
    void rejectedFormsSayWhatIsWrongAndTheCorrectForm(String line, String message) {
        String name = line.split(" ")[0];
        assertThatThrownBy(() -> CATALOG.parse("!s " + line)).isInstanceOfSatisfying(UsageException.class, e -> {
            assertThat(e.getMessage()).startsWith(message).doesNotContain("\n");
            assertThat(e.correctForm()).isEqualTo(CATALOG.find(name).orElseThrow().spec().usage("!s"));
        });
    }

    @Test
    void optionsAreTypedToo() throws UsageException {
        Invocation inv = CATALOG.parse("!s opts --lines 20 --grep 'not resp.*' --state pending,RUNNING --force")
                .invocation();
        assertThat(inv.option("lines", 50)).isEqualTo(20);
        assertThat(inv.value("--grep", Pattern.class)).hasValueSatisfying(p -> assertThat(p.pattern())
                .isEqualTo("not resp.*"));
        assertThat(inv.list("--state")).containsExactly("PENDING", "RUNNING");
        assertThat(inv.flag("force")).isTrue();
        assertThat(CATALOG.parse("!s opts").invocation().option("lines", 50)).isEqualTo(50);
    }

    @Test
    void usageArgumentCountsAndPlaceholdersComeFromTheDeclaration() {
        CommandSpec s = CommandSpec.builder("logs").required("DAEMON", ArgTypes.word())
                .optional("HOST", ArgTypes.host()).summary("-")
                .option(OptionSpec.value("lines", "N", ArgTypes.integer(1, 500), "n")).build();
        assertThat(s.usage("!slurm")).isEqualTo("!slurm logs DAEMON [HOST] [--lines N]");
        assertThat(s.arguments()).isEqualTo("DAEMON [HOST]");
        assertThat(Map.of("min", s.minArgs(), "max", s.maxArgs())).isEqualTo(Map.of("min", 1, "max", 2));
        CommandSpec free = CommandSpec.builder("vote").required("N", ArgTypes.requestId()).text("COMMENT", false)
                .summary("-").build();
        assertThat(free.usage("!s")).isEqualTo("!s vote N [COMMENT]");
        assertThat(free.maxArgs()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aDeclarationThatCannotBeParsedIsRefusedAtStartUp() {
        assertThatThrownBy(() -> CommandSpec.builder("x").text("REASON", true).required("HOST", ArgTypes.host())
                .summary("-").build()).hasMessageContaining("must come last");
        assertThatThrownBy(() -> CommandSpec.builder("x").optional("A", ArgTypes.word()).required("B", ArgTypes.word())
                .summary("-").build()).hasMessageContaining("after an optional one");
    }

    /** Found by the hostile-input suite (issue 18): free text ends up as an argv word (Reason=) and must stay visible. */
    @Test
    void freeTextWithControlOrInvisibleCharactersIsRefused() {
        for (String bad : List.of("disk\u001b[2J failing", "a\u202eb", "x\u0007y")) {
            assertThatThrownBy(() -> CATALOG.parse("!s why n1 " + bad)).isInstanceOfSatisfying(UsageException.class,
                    e -> assertThat(e.getMessage()).contains("control or invisible character U+"));
        }
    }
}
