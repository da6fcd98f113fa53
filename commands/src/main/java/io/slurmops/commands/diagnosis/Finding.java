package io.slurmops.commands.diagnosis;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A diagnosis that matched, with the line that matched it (evidence shown to people) and the values
 * that fill its repair's placeholders: named groups of the pattern ({@code (?<node>\S+)}) and whatever
 * the caller knows ({@code node} of {@code !slurm node node003}).
 *
 * @param bindings placeholder name → value, e.g. node → node003
 */
public record Finding(Diagnosis diagnosis, String evidence, Map<String, String> bindings) {

    /** {@code {node}} must be filled; {@code {hosts?}} may be left out (e.g. "start munge" on the controller). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)(\\??)}");

    public Finding {
        evidence = evidence == null ? "" : evidence;
        bindings = Map.copyOf(bindings);
    }

    public Finding(Diagnosis diagnosis, String evidence) {
        this(diagnosis, evidence, Map.of());
    }

    /** This finding with more bindings; values it already has win (they come from the message itself). */
    public Finding withContext(Map<String, String> context) {
        Map<String, String> merged = new HashMap<>(context);
        merged.putAll(bindings);
        return new Finding(diagnosis, evidence, merged);
    }

    /** The repair with the placeholders this finding knows filled in; see {@link #repairFor}. */
    public String repair() {
        return repairFor(Map.of());
    }

    /**
     * The repair chat command (without prefix), placeholders filled from this finding's bindings first,
     * then from {@code context}. A required placeholder nobody filled stays visible in upper case
     * ({@code restart slurmd NODE}) so that a person sees what to add; an optional one is dropped.
     */
    public String repairFor(Map<String, String> context) {
        return fill(diagnosis.repair(), context);
    }

    /** The next diagnostic chat command (without prefix), filled like {@link #repairFor}. */
    public String check() {
        return fill(diagnosis.check(), Map.of());
    }

    private String fill(String template, Map<String, String> context) {
        if (template.isBlank()) {
            return "";
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = bindings.getOrDefault(m.group(1), context.get(m.group(1)));
            String replacement;
            if (value != null && !value.isBlank()) {
                replacement = value;
            } else if (m.group(2).isEmpty()) {
                replacement = m.group(1).equals("hosts") ? "HOSTLIST" : m.group(1).toUpperCase(java.util.Locale.ROOT);
            } else {
                replacement = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().replaceAll("\\s+", " ").strip();
    }

    /** True when every required placeholder of the repair has a value. */
    public boolean repairComplete() {
        Matcher m = PLACEHOLDER.matcher(diagnosis.repair());
        while (m.find()) {
            String v = bindings.get(m.group(1));
            if (m.group(2).isEmpty() && (v == null || v.isBlank())) {
                return false;
            }
        }
        return true;
    }
}
