package io.slurmops.bot.wiring;

import io.slurmops.bot.alerts.InMemoryAlertStore;
import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandRegistry;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.OptionSpec;
import io.slurmops.commands.catalog.Param;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.FakeTransport;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.commands.site.SiteProfile;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one registry: every command the bot answers, and help and usage made from each declaration. */
class BotCommandsTest {

    private static final String PREFIX = "!slurm";

    private final CommandRegistry registry = BotCommands.registry(new InMemoryAlertStore(),
            Set.of("controller", "nodes"), id -> Optional.empty());
    private final CommandCatalog catalog = new CommandCatalog(PREFIX, registry.commands());
    private final CommandContext ctx = new CommandContext(new ClusterAccess(SiteProfile.systemdDefaults("t"),
            new FakeTransport()), KnowledgeBase.builtIn(), Clock.systemUTC(), "carol", PREFIX);

    @Test
    void listsEveryCommandOnceIncludingTheBotsOwn() {
        List<String> names = registry.commands().stream().map(c -> c.spec().name()).toList();
        assertThat(names).doesNotHaveDuplicates()
                .contains("help", "status", "queue", "logs", "drain", "resume", "down", "silence", "incident report",
                        "approve", "deny", "pending", "cancel", "audit", "alerts");
    }

    @Test
    void usageAndHelpOfEveryCommandComeFromItsDeclaration() throws UsageException {
        for (SlurmCommand c : registry.commands()) {
            CommandSpec s = c.spec();
            List<String> parts = new ArrayList<>(List.of(PREFIX, s.name()));
            s.params().forEach(p -> parts.add(p.required() ? p.placeholder() : "[" + p.placeholder() + "]"));
            s.options().forEach(o -> parts.add(o.usage()));
            assertThat(s.usage(PREFIX)).as(s.name()).isEqualTo(String.join(" ", parts));

            String help = catalog.parse(PREFIX + " help " + s.name()).command()
                    .execute(catalog.parse(PREFIX + " help " + s.name()).invocation(), ctx).toPlainText();
            assertThat(help).as("help " + s.name()).contains(s.usage(PREFIX)).contains(s.summary())
                    .contains(s.risk().label()).contains(s.requiredRole(s.risk()).label());
            for (Param p : s.params()) {
                assertThat(help).as("help %s names %s", s.name(), p.placeholder()).contains(p.placeholder());
            }
            for (OptionSpec o : s.options()) {
                assertThat(help).as("help %s names --%s", s.name(), o.name()).contains("--" + o.name());
            }
        }
    }

    @Test
    void aMissingArgumentIsRefusedWithTheDeclaredCorrectForm() {
        for (SlurmCommand c : registry.commands()) {
            CommandSpec s = c.spec();
            if (s.minArgs() == 0) {
                continue;
            }
            assertThatThrownBy(() -> catalog.parse(PREFIX + " " + s.name())).as(s.name())
                    .isInstanceOfSatisfying(UsageException.class, e -> {
                        assertThat(e.getMessage()).isEqualTo("`" + s.name() + "` needs " + s.params().get(0).placeholder());
                        assertThat(e.correctForm()).isEqualTo(s.usage(PREFIX));
                    });
        }
    }

    @Test
    void theDeclaredRoleIsWhatTheAuthorizerReads() {
        CommandSpec silence = catalog.find("silence").orElseThrow().spec();
        assertThat(silence.requiredRole(silence.risk()).label()).isEqualTo("operator");
        assertThat(catalog.find("status").orElseThrow().spec().role().label()).isEqualTo("viewer");
    }
}
