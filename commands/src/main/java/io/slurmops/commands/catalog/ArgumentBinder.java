package io.slurmops.commands.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Binds the words after a command's name to its declared arguments and options: the one place
 * where chat input is checked, so every mistake gets the same shape of answer — what is wrong, and
 * the correct form ({@link UsageException#correctForm()}).
 */
final class ArgumentBinder {

    private ArgumentBinder() {
    }

    static Invocation bind(CommandSpec spec, List<String> words, String line, String prefix) throws UsageException {
        List<String> args = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        String usage = spec.usage(prefix);
        boolean freeText = spec.maxArgs() == Integer.MAX_VALUE;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.startsWith("--") || w.length() <= 2) {
                args.add(w);
                continue;
            }
            String name = optionName(w);
            OptionSpec opt = spec.option(name).orElse(null);
            if (opt == null) {
                // Inside free text (a reason), an unknown "--word" is part of the text.
                if (freeText && !args.isEmpty() && args.size() >= spec.minArgs()) {
                    args.add(w);
                    continue;
                }
                throw new UsageException("`" + spec.name() + "` has no option --" + name, usage);
            }
            if (opt.takesValue()) {
                int eq = w.indexOf('=');
                if (eq > 0) {
                    options.put(name, w.substring(eq + 1));
                } else if (i + 1 < words.size()) {
                    options.put(name, words.get(++i));
                } else {
                    throw new UsageException("--" + name + " needs a value (" + opt.valueName() + ")", usage);
                }
            } else {
                if (w.indexOf('=') > 0) {
                    throw new UsageException("--" + name + " takes no value", usage);
                }
                options.put(name, "true");
            }
        }
        if (args.size() < spec.minArgs()) {
            throw new UsageException("`" + spec.name() + "` needs " + spec.params().get(args.size()).placeholder(),
                    usage);
        }
        if (args.size() > spec.maxArgs()) {
            throw new UsageException("`" + spec.name() + "` takes at most " + spec.maxArgs() + " argument"
                    + (spec.maxArgs() == 1 ? "" : "s") + ", got " + args.size(), usage);
        }
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < spec.params().size() && i < args.size(); i++) {
            Param p = spec.params().get(i);
            String word = p.rest() ? String.join(" ", args.subList(i, args.size())) : args.get(i);
            values.put(p.name(), convert(spec, p.type(), word, null, usage));
        }
        for (Map.Entry<String, String> o : options.entrySet()) {
            OptionSpec opt = spec.option(o.getKey()).orElseThrow();
            values.put("--" + opt.name(), opt.takesValue() ? convert(spec, opt.type(), o.getValue(), opt.name(), usage)
                    : Boolean.TRUE);
        }
        return new Invocation(spec, args, options, values, line);
    }

    private static Object convert(CommandSpec spec, ArgType<?> type, String word, String option, String usage)
            throws UsageException {
        try {
            return type.convert(word);
        } catch (ArgType.Invalid e) {
            throw new UsageException(type.problem(spec.name(), word, option, e), usage);
        }
    }

    private static String optionName(String word) {
        int eq = word.indexOf('=');
        return (eq > 0 ? word.substring(2, eq) : word.substring(2)).toLowerCase(Locale.ROOT);
    }
}
