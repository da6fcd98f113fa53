package io.slurmops.commands.runbook;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A runbook string that may name declared values as {@code ${name}}. Binding replaces the values it
 * is given and leaves the others as written, so a plan can show a value known only at run time as
 * {@code ${backupDir}} until the run records it.
 */
public record Template(String text) {

    private static final Pattern REF = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_]*)}");

    public Template {
        java.util.Objects.requireNonNull(text, "text");
    }

    public static Template of(String text) {
        return new Template(text);
    }

    /** The value names this text uses, in order of first use. */
    public Set<String> references() {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = REF.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Whether the whole text is one reference, e.g. {@code ${stateDir}}. */
    public boolean isOnly(String name) {
        return text.equals("${" + name + "}");
    }

    public String bind(Map<String, String> values) {
        Matcher m = REF.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(v != null ? v : m.group()));
        }
        m.appendTail(b);
        return b.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
