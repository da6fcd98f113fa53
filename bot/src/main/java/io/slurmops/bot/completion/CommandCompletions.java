package io.slurmops.bot.completion;

import io.slurmops.adapters.store.RequestState;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.bot.pipeline.Completer;
import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Param;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.site.ClusterAccess;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Autocomplete for "/slurm …" from the declared grammar: the first word completes to command names;
 * later words complete by the type the command declares for that position — a host or host list to
 * node names, a request number to the open requests' ids. Node names and ids come from
 * {@link Snapshot}s refreshed in the background, so an answer never waits for slurmctld or the store.
 */
public final class CommandCompletions implements Completer, AutoCloseable {

    /** Discord shows at most 25 choices. */
    static final int MAX = 25;
    /** Discord's limit on a choice's name and value. */
    static final int MAX_LENGTH = 100;

    private final CommandCatalog catalog;
    private final ExecutorService refresher;
    private final Snapshot<List<String>> nodes;
    private final Snapshot<List<Long>> openRequests;

    /** @param store null for a bot without a store (no request ids then) */
    public CommandCompletions(CommandCatalog catalog, ClusterAccess cluster, SlurmopsStore store, Clock clock) {
        this.catalog = catalog;
        this.refresher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "slurmops-autocomplete");
            t.setDaemon(true);
            return t;
        });
        this.nodes = new Snapshot<>("node names", List.of(), () -> nodeNames(cluster), Duration.ofMinutes(1),
                refresher, clock);
        this.openRequests = new Snapshot<>("open requests", List.of(), () -> store == null ? List.<Long>of()
                : store.transaction(tx -> tx.requestsIn(Set.of(RequestState.PENDING))).stream()
                .map(r -> r.id()).sorted().toList(), Duration.ofSeconds(5), refresher, clock);
    }

    /** Fetches both at once, so the first "/slurm drain n…" has names to offer. */
    @Override
    public void warm() {
        nodes.refresh();
        openRequests.refresh();
    }

    @Override
    public List<String> complete(String partial) {
        String line = partial.stripLeading().replaceAll("\\s+", " ");
        int lastSpace = line.lastIndexOf(' ');
        if (lastSpace < 0) {
            return limit(commandNames(line.toLowerCase(Locale.ROOT)));
        }
        String head = line.substring(0, lastSpace);
        String word = line.substring(lastSpace + 1);
        Optional<Located> at = locate(head);
        if (at.isEmpty()) {
            return List.of();
        }
        String noun = at.get().param().type().noun();
        List<String> candidates;
        if (noun.startsWith("host")) {
            candidates = nodes.get().stream().filter(n -> n.startsWith(word)).toList();
        } else if (noun.startsWith("request")) {
            String digits = word.startsWith("#") ? word.substring(1) : word;
            candidates = openRequests.get().stream().map(String::valueOf).filter(id -> id.startsWith(digits)).toList();
        } else {
            return List.of();
        }
        return limit(candidates.stream().map(c -> head + " " + c).toList());
    }

    /** The declared parameter the next word fills, after the command name and the words typed so far. */
    private record Located(SlurmCommand command, Param param) {
    }

    private Optional<Located> locate(String head) {
        List<String> words = Arrays.asList(head.split(" "));
        // Longest name first: "db max-connections" before "db".
        for (int n = Math.min(3, words.size()); n >= 1; n--) {
            Optional<SlurmCommand> c = catalog.find(String.join(" ", words.subList(0, n)));
            if (c.isPresent()) {
                List<String> args = words.subList(n, words.size()).stream().filter(w -> !w.startsWith("--")).toList();
                CommandSpec spec = c.get().spec();
                return args.size() < spec.params().size()
                        ? Optional.of(new Located(c.get(), spec.params().get(args.size()))) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private List<String> commandNames(String start) {
        Set<String> names = new TreeSet<>();
        for (SlurmCommand c : catalog.commands()) {
            if (c.spec().name().startsWith(start)) {
                names.add(c.spec().name());
            }
        }
        return new ArrayList<>(names);
    }

    private static List<String> limit(List<String> lines) {
        return lines.stream().filter(l -> l.length() <= MAX_LENGTH).limit(MAX).toList();
    }

    private static List<String> nodeNames(ClusterAccess cluster) {
        ExecResult r = cluster.slurm(NodeTargets.SINFO_NAMES);
        if (!r.ok()) {
            throw new IllegalStateException("sinfo failed: " + r.outcome());
        }
        Set<String> names = new TreeSet<>();
        for (String l : r.stdout().split("\n")) {
            String name = l.strip().split("[|\\s]", 2)[0];
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
