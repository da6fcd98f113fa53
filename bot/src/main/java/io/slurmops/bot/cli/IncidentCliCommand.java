package io.slurmops.bot.cli;

import io.slurmops.adapters.chat.console.AttachmentFiles;
import io.slurmops.adapters.store.StoreException;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.incidents.AttachmentDirs;
import io.slurmops.bot.incidents.Postmortems;
import io.slurmops.bot.wiring.Application;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.reply.Block;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code slurmops incident export ID}: the postmortem a chat would get, on the command line. */
@Command(name = "incident", mixinStandardHelpOptions = true,
        description = "Declared incidents (INC-N) from the command line.",
        subcommands = IncidentCliCommand.Export.class)
final class IncidentCliCommand implements Runnable {

    @Override
    public void run() {
        System.err.println("slurmops incident: say what to do, e.g. `slurmops incident export INC-3`");
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Print the postmortem of declared incident ID (Markdown) and write it with its chart "
                    + "(PNG) as private files (0600).",
                    "Exit codes: 0 written, 2 no such incident, 4 bad configuration, 5 store unreachable."})
    static final class Export implements Callable<Integer> {

        @Mixin
        ConfigOption configOption;

        @Parameters(paramLabel = "ID", description = "The incident: INC-12 or 12")
        String id;

        @Option(names = "--out", paramLabel = "DIR",
                description = "Where to write the files (default: incidents.attachmentDir, else beside the store)")
        Path out;

        @Override
        public Integer call() {
            SlurmopsConfig config = configOption.loadOrReport().orElse(null);
            if (config == null) {
                return ConfigOption.BAD_CONFIG;
            }
            String digits = id.regionMatches(true, 0, "INC-", 0, 4) ? id.substring(4) : id;
            if (!digits.matches("\\d{1,18}")) {
                System.err.println("slurmops: `" + id + "` is not a declared incident; write INC-12 or 12");
                return 2;
            }
            try (Application app = Application.start(config)) {
                Postmortems.Files f = app.postmortems().of(Long.parseLong(digits));
                AttachmentFiles files = new AttachmentFiles(out != null ? out : AttachmentDirs.of(config),
                        Clock.systemUTC());
                System.out.print(new String(f.markdown(), StandardCharsets.UTF_8));
                System.err.println("written " + files.write(new Block.Attachment(f.markdownName(), "text/markdown",
                        f.markdown())));
                System.err.println("written " + files.write(new Block.Attachment(f.chartName(), "image/png",
                        f.chart())));
                return 0;
            } catch (UsageException e) {
                System.err.println("slurmops: " + e.getMessage());
                return 2;
            } catch (StoreException e) {
                System.err.println("slurmops: " + e.getMessage());
                return 5;
            }
        }
    }
}
