package io.slurmops.commands.read;

import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.OptionSpec;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.site.LogSource;
import io.slurmops.commands.site.SiteProfile;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The end of a daemon's log, optionally filtered by a regular expression, with the knowledge base's
 * findings over those lines. The filter runs here in Java: it never reaches a shell or grep.
 */
public final class LogsCommand extends DeclaredCommand {

    /** Daemons whose log lives on each node; the others live on the controller side. */
    private static final List<String> NODE_DAEMONS = List.of("slurmd");
    /** With --grep, this many lines are read and filtered, so a rare message is still found. */
    private static final int GREP_WINDOW = 5000;

    public LogsCommand() {
        super(CommandSpec.builder("logs")
                .required("DAEMON", ArgTypes.word()).optional("HOST", ArgTypes.host())
                .summary("The last lines of a daemon's log (slurmctld, slurmdbd, slurmd HOST, munge, mariadb) with a diagnosis")
                .description("Reads the log where the site says it is (a file with `tail`, or the journal). slurmd's log is "
                        + "read on the node, so it needs a HOST. --grep filters with a Java regular expression over the last "
                        + GREP_WINDOW + " lines; the knowledge base then explains the errors it recognises.")
                .option(OptionSpec.value("lines", "N", ArgTypes.integer(1, 500), "how many lines to show, 1 to 500 (default 50)"))
                .option(OptionSpec.value("grep", "RE", ArgTypes.regex(200), "only lines matching this regular expression"))
                .build());
    }

    @Override
    public Reply execute(Invocation inv, CommandContext ctx) throws UsageException {
        String usage = usage(ctx);
        SiteProfile site = ctx.cluster().site();
        String daemon = inv.word("daemon").toLowerCase(java.util.Locale.ROOT);
        Optional<LogSource> source = site.log(daemon);
        if (source.isEmpty()) {
            throw new UsageException("no log configured for `" + daemon + "`; known: "
                    + String.join(", ", new TreeSet<>(site.logs().keySet())), usage);
        }
        int lines = inv.option("lines", 50);
        Optional<Pattern> grep = inv.value("--grep", Pattern.class);
        Optional<String> host = inv.optionalWord("host");
        boolean onNode = NODE_DAEMONS.contains(daemon);
        if (onNode && host.isEmpty()) {
            throw new UsageException("the " + daemon + " log is on each node: name the node, e.g. `" + ctx.prefix()
                    + " logs " + daemon + " node001`", usage);
        }
        if (host.isPresent()) {
            NodeTargets.requireNode(ctx, host.get(), usage);
            if (!onNode && !daemon.equals("munge")) {
                throw new UsageException("the " + daemon + " log is read on the controller side; leave out the host",
                        usage);
            }
        }
        List<String> argv = source.get().tailArgv(grep.isPresent() ? Math.max(lines, GREP_WINDOW) : lines);
        String where = host.orElse(daemon.equals("slurmdbd") || daemon.equals("mariadb") ? site.dbdHost() : site.controller());
        ExecResult r = host.isPresent() || !where.equals(site.controller())
                ? ctx.cluster().onHost(where, argv)
                : ctx.cluster().onController(argv, site.nodeTimeout());
        String title = daemon + " log" + host.map(h -> " on " + h).orElse("") + " (" + source.get().describe() + ")";
        if (!r.ok()) {
            return Reply.builder("Could not read the " + title + ": " + r.outcome()).status(Status.ERROR)
                    .code(r.combinedOutput().isBlank() ? r.outcome() : r.combinedOutput().strip()).build();
        }
        List<String> all = r.stdout().lines().toList();
        List<String> shown;
        try {
            long deadline = System.nanoTime() + GREP_BUDGET.toNanos();
            shown = grep.map(p -> all.stream().filter(l -> p.matcher(new DeadlineText(l, deadline)).find()).toList())
                    .orElse(all);
        } catch (DeadlineText.TooSlow e) {
            throw new UsageException("--grep `" + grep.get().pattern() + "` took longer than "
                    + GREP_BUDGET.toSeconds() + " s over " + all.size() + " lines (it backtracks too much); "
                    + "simplify it, e.g. a plain word", usage(ctx));
        }
        shown = shown.subList(Math.max(0, shown.size() - lines), shown.size());
        List<Finding> findings = KnowledgeBase.withContext(ctx.knowledgeBase().matchLatest(shown),
                host.map(h -> Map.of("node", h, "hosts", h)).orElse(Map.of()));
        Reply.Builder reply = Reply.builder(title + ": " + shown.size() + " line(s)"
                + grep.map(p -> " matching `" + p.pattern() + "`").orElse(""))
                .status(findings.isEmpty() ? Status.INFO : Status.WARNING);
        reply.code(shown.isEmpty() ? "(no lines)" : String.join("\n", shown));
        reply.addAll(KnowledgeBase.render(findings, ctx.prefix()));
        return reply.build();
    }

    /** How long a --grep pattern may take over all lines together. */
    private static final java.time.Duration GREP_BUDGET = java.time.Duration.ofSeconds(2);

}
