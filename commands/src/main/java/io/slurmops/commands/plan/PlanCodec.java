package io.slurmops.commands.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one text form of a plan: what the store keeps and what is hashed. One record per line,
 * fields separated by tabs, each field escaped ({@code \\ \t \n \r}), so any argv survives exactly.
 * The canonical form of the steps (the hashed part) is the step records alone, in order.
 */
public final class PlanCodec {

    private static final String MAGIC = "slurmops-plan";
    private static final String STEPS_MAGIC = "slurmops-steps";
    private static final String VERSION = "1";

    private PlanCodec() {
    }

    public static String encode(Plan plan) {
        StringBuilder b = new StringBuilder();
        line(b, MAGIC, VERSION);
        line(b, "command", plan.command());
        line(b, "summary", plan.summary());
        plan.notes().forEach(n -> line(b, "note", n));
        plan.facts().forEach((k, v) -> line(b, "fact", k, v));
        plan.blastRadius().nodes().forEach(n -> line(b, "node", n.name(), n.state(), n.reason()));
        plan.blastRadius().jobs().forEach(j -> line(b, "job", j.id(), j.user(), j.name(), j.state()));
        plan.steps().forEach(s -> step(b, s));
        return b.toString();
    }

    /** The exact text the plan hash is computed over. */
    public static String canonicalSteps(List<Step> steps) {
        StringBuilder b = new StringBuilder();
        line(b, STEPS_MAGIC, VERSION);
        steps.forEach(s -> step(b, s));
        return b.toString();
    }

    public static Plan decode(String text) {
        String command = null;
        String summary = "";
        List<String> notes = new ArrayList<>();
        Map<String, String> facts = new LinkedHashMap<>();
        List<NodeImpact> nodes = new ArrayList<>();
        List<JobImpact> jobs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        StepFields step = null;
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !lines[0].equals(MAGIC + "\t" + VERSION)) {
            throw new IllegalArgumentException("not a slurmops plan (version " + VERSION + ")");
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            List<String> f = fields(lines[i]);
            String key = f.get(0);
            switch (key) {
                case "command" -> command = f.get(1);
                case "summary" -> summary = f.get(1);
                case "note" -> notes.add(f.get(1));
                case "fact" -> facts.put(f.get(1), f.get(2));
                case "node" -> nodes.add(new NodeImpact(f.get(1), f.get(2), f.get(3)));
                case "job" -> jobs.add(new JobImpact(f.get(1), f.get(2), f.get(3), f.get(4)));
                case "step" -> step = new StepFields(f.get(1));
                case "via" -> require(step, key).via = f.get(1);
                case "hosts" -> require(step, key).hosts = f.subList(1, f.size());
                case "argv" -> require(step, key).argv = f.subList(1, f.size());
                case "timeout" -> require(step, key).timeout = Duration.ofMillis(Long.parseLong(f.get(1)));
                case "only" -> require(step, key).only = Integer.parseInt(f.get(1));
                case "stdin" -> require(step, key).stdin = new FileRef(f.get(1), f.get(2), f.get(3));
                case "end" -> {
                    steps.add(require(step, key).build());
                    step = null;
                }
                default -> throw new IllegalArgumentException("unknown plan record `" + key + "` on line " + (i + 1));
            }
        }
        if (command == null || step != null) {
            throw new IllegalArgumentException("truncated plan text");
        }
        return new Plan(command, summary, steps, new BlastRadius(nodes, jobs), notes, facts);
    }

    private static void step(StringBuilder b, Step s) {
        line(b, "step", s.description());
        line(b, "via", s.via());
        List<String> hosts = new ArrayList<>(List.of("hosts"));
        hosts.addAll(s.hosts());
        line(b, hosts.toArray(String[]::new));
        List<String> argv = new ArrayList<>(List.of("argv"));
        argv.addAll(s.argv());
        line(b, argv.toArray(String[]::new));
        line(b, "timeout", Long.toString(s.timeout().toMillis()));
        line(b, "only", Integer.toString(s.onlyWhereSucceeded()));
        if (s.stdin() != null) {
            line(b, "stdin", s.stdin().host(), s.stdin().path(), s.stdin().sha256());
        }
        line(b, "end");
    }

    private static StepFields require(StepFields step, String key) {
        if (step == null) {
            throw new IllegalArgumentException("plan record `" + key + "` outside a step");
        }
        return step;
    }

    private static void line(StringBuilder b, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append('\t');
            }
            b.append(escape(fields[i]));
        }
        b.append('\n');
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                out.add(cur.toString());
                cur.setLength(0);
            } else if (c == '\\' && i + 1 < line.length()) {
                char n = line.charAt(++i);
                cur.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** Collects one step's records until "end". */
    private static final class StepFields {
        final String description;
        String via = "";
        List<String> hosts = List.of();
        List<String> argv = List.of();
        Duration timeout;
        int only;
        FileRef stdin;

        StepFields(String description) {
            this.description = description;
        }

        Step build() {
            if (timeout == null) {
                throw new IllegalArgumentException("step `" + description + "` has no timeout");
            }
            return new Step(description, via, hosts, argv, timeout, only, stdin);
        }
    }
}
