package io.slurmops.commands.catalog;

import io.slurmops.commands.exec.HumanDuration;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.reply.OneLine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The argument types commands declare. Each checks the syntax only; what exists (sinfo, sacctmgr) commands ask. */
public final class ArgTypes {

    /** 123, an array task 123_4, a heterogeneous job component 123+1. */
    static final Pattern JOB_ID = Pattern.compile("\\d{1,10}(?:_\\d{1,7})?(?:\\+\\d{1,3})?");
    /** Slurm and POSIX account names, and the names of partitions, QOS, accounts. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String NAME_HINT = "letters, digits, . _ -";

    private ArgTypes() {
    }

    /** Any single word, as typed. */
    public static ArgType<String> word() {
        return new ArgType<>("word", "") {
            @Override
            public String convert(String w) {
                return w;
            }
        };
    }

    /**
     * Free text: the rest of the line (declare it with {@code CommandSpec.Builder.text}). It becomes an
     * argv word (a node's Reason=), so control and invisible characters (a newline, an escape, a bidi
     * override) are refused: Slurm would store them and every later sinfo would print them.
     */
    public static ArgType<String> text() {
        return new ArgType<>("text", "") {
            @Override
            public String convert(String w) throws ArgType.Invalid {
                int bad = w.codePoints().filter(OneLine::hidden).findFirst().orElse(-1);
                if (bad >= 0) {
                    throw ArgType.Invalid.because(String.format("U+%04X", bad));
                }
                return w;
            }

            @Override
            protected String problem(String command, String w, String option, ArgType.Invalid e) {
                return "the text carries the control or invisible character " + e.detail()
                        + "; type it with letters, digits and punctuation only";
            }
        };
    }

    /** A Slurm host list such as node[001-004],gpu01, within the parser's cap on hosts. */
    public static ArgType<Hostlist> hostlist() {
        return new ArgType<>("host list", "") {
            @Override
            public Hostlist convert(String w) throws ArgType.Invalid {
                try {
                    Hostlist h = Hostlist.parse(w);
                    if (h.isEmpty()) {
                        throw new ArgType.Invalid();
                    }
                    return h;
                } catch (IllegalArgumentException e) {
                    throw ArgType.Invalid.because(e.getMessage());
                }
            }

            @Override
            protected String problem(String command, String w, String option, ArgType.Invalid e) {
                String where = option == null ? "" : "--" + option + ": ";
                return e.detail() == null ? where + "empty host list" : where + "bad host list `" + w + "`: " + e.detail();
            }
        };
    }

    /** Exactly one host name (a host list of one). */
    public static ArgType<String> host() {
        ArgType<Hostlist> list = hostlist();
        return new ArgType<>("host", "") {
            @Override
            public String convert(String w) throws ArgType.Invalid {
                Hostlist h = list.convert(w);
                if (h.size() != 1) {
                    throw new ArgType.Invalid(w, "several");
                }
                return h.hosts().get(0);
            }

            @Override
            protected String problem(String command, String w, String option, ArgType.Invalid e) {
                if ("several".equals(e.detail())) {
                    return "`" + command + "` takes one host, not the list `" + w + "`; for several use `nodes " + w
                            + "`";
                }
                return list.problem(command, w, option, e);
            }
        };
    }

    public static ArgType<String> jobId() {
        return matching("job id", "digits, e.g. 1234 or an array task 1234_7", JOB_ID);
    }

    public static ArgType<String> user() {
        return matching("user name", NAME_HINT, NAME);
    }

    /** The name of a partition, account, QOS …: {@code name("partition")}. */
    public static ArgType<String> name(String what) {
        return matching(what + " name", NAME_HINT, NAME);
    }

    private static ArgType<String> matching(String noun, String hint, Pattern p) {
        return new ArgType<>(noun, hint) {
            @Override
            public String convert(String w) throws ArgType.Invalid {
                if (!p.matcher(w).matches()) {
                    throw new ArgType.Invalid();
                }
                return w;
            }
        };
    }

    /** A duration as {@link HumanDuration#parse} reads it, at most {@code max}. */
    public static ArgType<Duration> duration(Duration max) {
        return new ArgType<>("duration", "e.g. 30m, 2h, 1d, 1w; units ms s m h d w, combinable: 1h30m") {
            @Override
            public Duration convert(String w) throws ArgType.Invalid {
                Duration d = HumanDuration.parse(w).orElseThrow(ArgType.Invalid::new);
                if (d.compareTo(max) > 0) {
                    throw ArgType.Invalid.because("at most " + (max.toHours() % 24 == 0 && max.toDays() > 0
                            ? max.toDays() + "d" : HumanDuration.format(max)));
                }
                return d;
            }
        };
    }

    /** An approval request's number: 12 or #12. */
    public static ArgType<Long> requestId() {
        return requestId(false);
    }

    /** A request's number written #12, where a bare number would mean something else. */
    public static ArgType<Long> requestRef() {
        return requestId(true);
    }

    private static ArgType<Long> requestId(boolean hashRequired) {
        return new ArgType<>(hashRequired ? "request" : "request number", hashRequired ? "#12" : "like 12 or #12") {
            @Override
            public Long convert(String w) throws ArgType.Invalid {
                if (hashRequired && !w.startsWith("#")) {
                    throw new ArgType.Invalid();
                }
                String digits = w.startsWith("#") ? w.substring(1) : w;
                if (!digits.matches("\\d{1,18}") || Long.parseLong(digits) == 0) {
                    throw new ArgType.Invalid();
                }
                return Long.parseLong(digits);
            }
        };
    }

    /** A whole number from {@code min} to {@code max}. */
    public static ArgType<Integer> integer(int min, int max) {
        return new ArgType<>("whole number from " + min + " to " + max, "") {
            @Override
            public Integer convert(String w) throws ArgType.Invalid {
                try {
                    int v = Integer.parseInt(w);
                    if (v >= min && v <= max) {
                        return v;
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                throw new ArgType.Invalid();
            }
        };
    }

    /** One word of a closed set, in any case; the value is the set's spelling. */
    public static ArgType<String> choice(String noun, Collection<String> words) {
        return choice(noun, String.join(", ", words), words);
    }

    public static ArgType<String> choice(String noun, String hint, Collection<String> words) {
        Map<String, String> byLower = new LinkedHashMap<>();
        words.forEach(w -> byLower.put(w.toLowerCase(Locale.ROOT), w));
        return new ArgType<>(noun, hint) {
            @Override
            public String convert(String w) throws ArgType.Invalid {
                String v = byLower.get(w.strip().toLowerCase(Locale.ROOT));
                if (v == null) {
                    throw new ArgType.Invalid();
                }
                return v;
            }
        };
    }

    /** Comma-separated values of {@code element}; a wrong item is named on its own. */
    public static <T> ArgType<List<T>> listOf(ArgType<T> element) {
        return new ArgType<>(element.noun(), element.hint()) {
            @Override
            public List<T> convert(String w) throws ArgType.Invalid {
                List<T> out = new ArrayList<>();
                for (String item : w.split(",", -1)) {
                    try {
                        out.add(element.convert(item.strip()));
                    } catch (ArgType.Invalid e) {
                        throw new ArgType.Invalid(item, e.detail());
                    }
                }
                return out;
            }
        };
    }

    /** A Java regular expression of 1 to {@code maxLength} characters, compiled. */
    public static ArgType<Pattern> regex(int maxLength) {
        return new ArgType<>("valid regular expression", "1 to " + maxLength + " characters") {
            @Override
            public Pattern convert(String w) throws ArgType.Invalid {
                if (w.isEmpty() || w.length() > maxLength) {
                    throw new ArgType.Invalid();
                }
                try {
                    return Pattern.compile(w);
                } catch (PatternSyntaxException e) {
                    throw new ArgType.Invalid(w, e.getDescription() + " near index " + e.getIndex());
                }
            }

            @Override
            protected String problem(String command, String w, String option, ArgType.Invalid e) {
                if (e.detail() != null) {
                    String where = option == null ? "" : "--" + option + " ";
                    return where + "`" + w + "` is not a valid regular expression: " + e.detail();
                }
                return super.problem(command, w, option, e);
            }
        };
    }

    /**
     * The first of {@code alternatives} that accepts the word, e.g. a check name or a host list. The
     * value's class tells which one it was.
     */
    public static ArgType<Object> oneOf(ArgType<?>... alternatives) {
        List<ArgType<?>> alts = List.of(alternatives);
        return new ArgType<>(String.join(" or ", alts.stream().map(ArgType::noun).toList()), "") {
            @Override
            public Object convert(String w) throws ArgType.Invalid {
                ArgType.Invalid last = null;
                for (ArgType<?> a : alts) {
                    try {
                        return a.convert(w);
                    } catch (ArgType.Invalid e) {
                        last = e;
                    }
                }
                throw new ArgType.Invalid(null, last == null ? null : last.detail());
            }

            @Override
            protected String problem(String command, String w, String option, ArgType.Invalid e) {
                List<String> each = alts.stream().map(a -> article(a.noun())
                        + (a.hint().isEmpty() ? "" : " (" + a.hint() + ")")).toList();
                return (option == null ? "" : "--" + option + " ") + "`" + w + "` is neither "
                        + String.join(" nor ", each) + (e.detail() == null ? "" : ": " + e.detail());
            }
        };
    }
}
