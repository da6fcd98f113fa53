package io.slurmops.commands.catalog;

import io.slurmops.commands.reply.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandCatalogTest {

    record Fake(CommandSpec spec) implements SlurmCommand {
        @Override
        public Reply execute(Invocation invocation, CommandContext context) {
            return Reply.builder(spec.name()).build();
        }
    }

    private final CommandCatalog catalog = new CommandCatalog("!slurm", List.of(
            new Fake(CommandSpec.builder("status").summary("s").build()),
            new Fake(CommandSpec.builder("check munge").optional("HOSTLIST", ArgTypes.hostlist()).summary("m").build()),
            new Fake(CommandSpec.builder("check config").optional("HOSTLIST", ArgTypes.hostlist()).summary("c").build()),
            new Fake(CommandSpec.builder("drain").required("HOSTLIST", ArgTypes.hostlist()).text("REASON", true).summary("d")
                    .option(OptionSpec.flag("force", "f")).build()),
            new Fake(CommandSpec.builder("logs").required("DAEMON", ArgTypes.word()).optional("HOST", ArgTypes.host()).summary("l")
                    .option(OptionSpec.value("lines", "N", "n")).option(OptionSpec.value("grep", "RE", "g")).build())));

    @ParameterizedTest
    @ValueSource(strings = {"!slurm status", "  !slurm   status  ", "!slurm\tstatus", "!slurm STATUS"})
    void findsACommandWhateverTheSpacing(String line) throws UsageException {
        assertThat(catalog.addressed(line)).isTrue();
        assertThat(catalog.parse(line).command().spec().name()).isEqualTo("status");
    }

    @ParameterizedTest
    @ValueSource(strings = {"!slurmstatus", "slurm status", "hello !slurm status", ""})
    void ignoresLinesNotAddressedToTheBot(String line) {
        assertThat(catalog.addressed(line)).isFalse();
    }

    @Test
    void matchesTheLongestMultiWordName() throws UsageException {
        CommandCatalog.Parsed p = catalog.parse("!slurm check munge node[001-004]");
        assertThat(p.command().spec().name()).isEqualTo("check munge");
        assertThat(p.invocation().args()).containsExactly("node[001-004]");
    }

    @Test
    void reasonIsFreeTextIncludingQuotesAndDashes() throws UsageException {
        Invocation inv = catalog.parse("!slurm drain node[1-2] \"bad DIMM\" -- ticket --42 --force").invocation();
        assertThat(inv.arg(0)).isEqualTo("node[1-2]");
        assertThat(inv.rest(1)).isEqualTo("bad DIMM -- ticket --42");
        assertThat(inv.flag("force")).isTrue();
    }

    @Test
    void optionsTakeValuesWithSpaceOrEquals() throws UsageException {
        Invocation inv = catalog.parse("!slurm logs slurmctld --lines 50 --grep='not responding'").invocation();
        assertThat(inv.option("lines")).contains("50");
        assertThat(inv.option("grep")).contains("not responding");
    }

    @Test
    void unknownCommandSuggestsTheClosestOne() {
        assertThatThrownBy(() -> catalog.parse("!slurm stauts"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown command `stauts`")
                .hasMessageContaining("Did you mean `!slurm status`");
    }

    @Test
    void unknownSubcommandListsTheFamily() {
        assertThatThrownBy(() -> catalog.parse("!slurm check clocks"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("check takes one of: munge, config");
    }

    @Test
    void missingArgumentNamesItAndGivesTheCorrectForm() {
        assertThatThrownBy(() -> catalog.parse("!slurm drain node001"))
                .isInstanceOfSatisfying(UsageException.class, e -> {
                    assertThat(e.getMessage()).contains("needs REASON");
                    assertThat(e.correctForm()).isEqualTo("!slurm drain HOSTLIST REASON [--force]");
                });
    }

    @Test
    void tooManyArgumentsAndUnknownOptionsAreRefused() {
        assertThatThrownBy(() -> catalog.parse("!slurm status now please"))
                .hasMessageContaining("takes at most 0 arguments, got 2");
        assertThatThrownBy(() -> catalog.parse("!slurm logs slurmctld --tail 5"))
                .hasMessageContaining("has no option --tail");
        assertThatThrownBy(() -> catalog.parse("!slurm logs slurmctld --lines"))
                .hasMessageContaining("--lines needs a value (N)");
    }

    @Test
    void emptyLineMeansHelpAndUnclosedQuoteIsAnError() {
        assertThatThrownBy(() -> catalog.parse("!slurm drain node1 \"oops"))
                .hasMessageContaining("unclosed double quote");
        // the catalog has no help command here, so the empty line reports that clearly
        assertThatThrownBy(() -> catalog.parse("!slurm")).hasMessageContaining("unknown command `help`");
    }

    @Test
    void smartQuotesFromChatClientsGroupWords() throws UsageException {
        assertThat(ChatLineTokenizer.tokenize("drain n1 “bad fan” ‘x y’"))
                .containsExactly("drain", "n1", "bad fan", "x y");
    }
}
