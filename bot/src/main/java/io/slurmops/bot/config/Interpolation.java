package io.slurmops.bot.config;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} with an environment variable and {@code ${NAME:-default}} with a default
 * when it is unset, so secrets stay out of the file. {@code $${…}} is a literal "${…}".
 */
final class Interpolation {

    private static final Pattern VAR = Pattern.compile("\\$?\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private final Function<String, String> env;

    Interpolation(Function<String, String> env) {
        this.env = env;
    }

    static Interpolation fromEnvironment(Map<String, String> env) {
        return new Interpolation(env::get);
    }

    /** The text with variables replaced; unset variables without default are added to {@code missing}. */
    String apply(String text, String key, List<String> problems) {
        Matcher m = VAR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().startsWith("$$")) {
                replacement = m.group().substring(1);
            } else {
                String value = env.apply(m.group(1));
                if (value == null && m.group(2) != null) {
                    value = m.group(3);
                }
                if (value == null) {
                    problems.add(key + ": environment variable " + m.group(1) + " is not set (used as ${"
                            + m.group(1) + "}); set it or give a default with ${" + m.group(1) + ":-value}");
                    value = "";
                }
                replacement = value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
