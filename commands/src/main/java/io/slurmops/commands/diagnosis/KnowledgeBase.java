package io.slurmops.commands.diagnosis;

import io.slurmops.commands.reply.Block;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Error messages → cause, next diagnostic, repair. The entries are data (a resource file), so adding
 * one is a text edit, not code.
 */
public final class KnowledgeBase {

    private static final String RESOURCE = "diagnoses.txt";
    /** Named groups in a pattern's source ({@code Pattern.namedGroups()} needs Java 20). */
    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private final List<Diagnosis> entries;

    public KnowledgeBase(List<Diagnosis> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The knowledge base shipped with slurmops. */
    public static KnowledgeBase builtIn() {
        try (InputStream in = KnowledgeBase.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new KnowledgeBase(DiagnosisFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Diagnosis> entries() {
        return entries;
    }

    public Optional<Diagnosis> byId(String id) {
        return entries.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Every diagnosis whose pattern occurs in the text, once each, in knowledge-base order. */
    public List<Finding> match(String text) {
        Map<String, Finding> found = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        for (Diagnosis d : entries) {
            for (Pattern p : d.patterns()) {
                Matcher m = p.matcher(text);
                if (m.find()) {
                    found.putIfAbsent(d.id(), new Finding(d, lineAround(text, m.start()), captures(p, m)));
                    break;
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /**
     * Like {@link #match}, but the evidence of each finding is the <em>latest</em> line that shows it:
     * in a log the most recent occurrence is the one that matters.
     */
    public List<Finding> matchLatest(List<String> lines) {
        Map<String, Finding> found = new LinkedHashMap<>();
        for (int i = lines.size() - 1; i >= 0; i--) {
            for (Finding f : match(lines.get(i))) {
                found.putIfAbsent(f.diagnosis().id(), f);
            }
        }
        List<Finding> ordered = new ArrayList<>();
        for (Diagnosis d : entries) {
            if (found.containsKey(d.id())) {
                ordered.add(found.get(d.id()));
            }
        }
        return ordered;
    }

    /** Every finding with the caller's context ({@code node}, {@code hosts} …) added to its bindings. */
    public static List<Finding> withContext(List<Finding> findings, Map<String, String> context) {
        return findings.stream().map(f -> f.withContext(context)).toList();
    }

    /** One finding per diagnosis, in order: the first one seen keeps its evidence and bindings. */
    public static List<Finding> distinct(List<Finding> findings) {
        Map<String, Finding> byId = new LinkedHashMap<>();
        findings.forEach(f -> byId.putIfAbsent(f.diagnosis().id(), f));
        return new ArrayList<>(byId.values());
    }

    /** A finding for a known condition the bot detected itself (not from a message). */
    public Finding finding(String id, String evidence) {
        return finding(id, evidence, Map.of());
    }

    public Finding finding(String id, String evidence, Map<String, String> bindings) {
        Diagnosis d = byId(id).orElseThrow(() -> new IllegalArgumentException("no diagnosis " + id));
        return new Finding(d, evidence, bindings);
    }

    /** Named groups of the pattern that matched; "node" and "hosts" stand for each other. */
    private static Map<String, String> captures(Pattern p, Matcher m) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher names = GROUP_NAME.matcher(p.pattern());
        while (names.find()) {
            String name = names.group(1);
            String v = m.group(name);
            if (v != null && !v.isBlank()) {
                out.put(name, v);
            }
        }
        if (out.containsKey("node")) {
            out.putIfAbsent("hosts", out.get("node"));
        }
        if (out.containsKey("hosts")) {
            out.putIfAbsent("node", out.get("hosts"));
        }
        return out;
    }

    /** The blocks a reply attaches for its findings: cause, next check and the suggested repair. */
    public static List<Block> render(List<Finding> findings, String prefix) {
        List<Block> blocks = new ArrayList<>();
        for (Finding f : findings) {
            Diagnosis d = f.diagnosis();
            blocks.add(new Block.Heading("🩺 Diagnosis: " + d.title()));
            List<Map.Entry<String, String>> fields = new ArrayList<>();
            if (!f.evidence().isBlank()) {
                fields.add(Map.entry("Seen", f.evidence().strip()));
            }
            fields.add(Map.entry("Cause", d.cause()));
            if (!d.check().isBlank()) {
                fields.add(Map.entry("Check", "`" + prefix + " " + f.check() + "`"));
            }
            fields.add(Map.entry("Repair", d.hasRepair() ? "`" + prefix + " " + f.repair() + "`"
                    : "needs a human decision (see the runbook)"));
            blocks.add(new Block.Fields(fields));
        }
        return blocks;
    }

    private static String lineAround(String text, int index) {
        int start = text.lastIndexOf('\n', index) + 1;
        int end = text.indexOf('\n', index);
        String line = text.substring(start, end < 0 ? text.length() : end);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
