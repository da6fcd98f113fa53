package io.slurmops.commands.hostlist;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Seeded generators of host sets and hostlist expressions for property and Slurm conformance tests.
 * Expressions come with the set they must expand to, computed here independently of the parser.
 */
final class RandomHostlists {

    private static final String[] PREFIXES = {"n", "node", "gpu-", "c.", "x_y", "r2n", "rack1-node", "rack2-node", "a"};
    private static final String[] MIDDLES = {"-node", "n", "x", ".", "-"};
    private static final String[] SUFFIXES = {"-ib", ".cl", "a", "-eth0", "b2"};
    private static final String[] LITERALS = {"login", "login1", "node1-ib", "node2-ib", "mgmt.cl", "head"};

    private RandomHostlists() {
    }

    /** An expression and what it must expand to. {@code hasSuffix}: text follows a bracket (Slurm 22.05 rejects it). */
    record Expression(String text, Set<String> hosts, boolean hasSuffix) {
    }

    /** A random set of 1 to ~120 valid host names, with runs, gaps, padded and unpadded numbers. */
    static Set<String> hostSet(Random random) {
        Set<String> hosts = new TreeSet<>();
        int groups = 1 + random.nextInt(4);
        for (int g = 0; g < groups; g++) {
            int kind = random.nextInt(10);
            if (kind == 0) {
                hosts.add(pick(random, LITERALS));
            } else if (kind <= 2) {
                // Two dimensions, sometimes a full rectangle.
                String outer = pick(random, new String[] {"rack", "r", "dc"});
                String inner = pick(random, MIDDLES);
                int outerWidth = random.nextInt(3);
                int innerWidth = random.nextInt(4);
                int rows = 1 + random.nextInt(4);
                int columns = 1 + random.nextInt(6);
                boolean holes = random.nextBoolean();
                for (int i = 1; i <= rows; i++) {
                    for (int j = 1; j <= columns; j++) {
                        if (!holes || random.nextInt(5) > 0) {
                            hosts.add(outer + number(i, outerWidth) + inner + number(j, innerWidth));
                        }
                    }
                }
            } else {
                String prefix = pick(random, PREFIXES);
                int count = 1 + random.nextInt(30);
                long start = randomStart(random);
                long value = start;
                for (int k = 0; k < count; k++) {
                    // Mostly consecutive, sometimes a gap, so both runs and singles appear.
                    value += random.nextInt(4) == 0 ? 1 + random.nextInt(5) : 1;
                    int width = random.nextInt(4) == 0 ? random.nextInt(5) : 0;
                    hosts.add(prefix + number(value, width) + (random.nextInt(12) == 0 ? pick(random, SUFFIXES) : ""));
                }
            }
        }
        return hosts;
    }

    /**
     * A valid expression of 1 to 3 tokens: 1 or 2 bracket groups, padded and unpadded bounds, padded
     * {@code hi}, lists and duplicates, and with {@code allowSuffix} sometimes text after the last bracket.
     */
    static Expression expression(Random random, boolean allowSuffix) {
        StringBuilder text = new StringBuilder();
        Set<String> hosts = new LinkedHashSet<>();
        boolean hasSuffix = false;
        int tokens = 1 + random.nextInt(3);
        for (int t = 0; t < tokens; t++) {
            if (t > 0) {
                // No newline: Slurm splits only at comma, space and tab (see the conformance test).
                text.append(pick(random, new String[] {",", " ", ", ", "\t", ",,", " ,\t"}));
            }
            if (random.nextInt(8) == 0) {
                String literal = pick(random, LITERALS);
                text.append(literal);
                hosts.add(literal);
                continue;
            }
            List<String> names = new ArrayList<>(List.of(pick(random, PREFIXES)));
            StringBuilder token = new StringBuilder(names.get(0));
            int groups = random.nextInt(3) == 0 ? 2 : 1;
            for (int g = 0; g < groups; g++) {
                if (g > 0) {
                    String middle = pick(random, MIDDLES);
                    token.append(middle);
                    names.replaceAll(name -> name + middle);
                }
                List<String> numbers = new ArrayList<>();
                token.append('[').append(bracket(random, numbers, groups == 2 ? 12 : 60)).append(']');
                List<String> next = new ArrayList<>();
                for (String name : names) {
                    for (String number : numbers) {
                        next.add(name + number);
                    }
                }
                names = next;
            }
            if (allowSuffix && random.nextInt(4) == 0) {
                String suffix = pick(random, SUFFIXES);
                token.append(suffix);
                names.replaceAll(name -> name + suffix);
                hasSuffix = true;
            }
            text.append(token);
            hosts.addAll(names);
        }
        return new Expression(text.toString(), hosts, hasSuffix);
    }

    /** Bracket content of 1-3 elements; appends the numbers it stands for (Slurm's width rule) to {@code out}. */
    private static String bracket(Random random, List<String> out, int maxSpan) {
        StringBuilder content = new StringBuilder();
        int elements = 1 + random.nextInt(3);
        for (int e = 0; e < elements; e++) {
            if (e > 0) {
                content.append(',');
            }
            long lo = randomStart(random);
            String loText = random.nextInt(3) == 0 ? "0".repeat(1 + random.nextInt(2)) + lo : Long.toString(lo);
            if (random.nextInt(3) == 0) {
                content.append(loText);
                out.add(loText);
                continue;
            }
            long hi = lo + random.nextInt(maxSpan);
            String hiText = random.nextInt(4) == 0 ? "0".repeat(1 + random.nextInt(3)) + hi : Long.toString(hi);
            content.append(loText).append('-').append(hiText);
            for (long value = lo; value <= hi; value++) {
                out.add(number(value, loText.length()));
            }
        }
        if (random.nextInt(6) == 0) {
            // A duplicated element.
            String first = content.toString().split(",")[0];
            content.append(',').append(first);
        }
        return content.toString();
    }

    /** A malformed expression that Slurm 22.05 rejects as well, with a well-formed token beside it. */
    static String invalidExpression(Random random) {
        long lo = 1 + random.nextInt(50);
        String bad = switch (random.nextInt(10)) {
            case 0 -> "[" + (lo + 1 + random.nextInt(9)) + "-" + lo + "]";
            case 1 -> "[]";
            case 2 -> "[," + lo + "]";
            case 3 -> "[" + lo + ",]";
            case 4 -> "[" + pick(random, new String[] {"a", "x1", "1x", "0x1"}) + "-" + lo + "]";
            case 5 -> "[-" + lo + "]";
            case 6 -> "[" + lo + "-" + (lo + 4) + "/2]";
            case 7 -> "[" + lo + "-" + (lo + 65_536 + random.nextInt(1_000_000)) + "]";
            case 8 -> "[[" + lo + "]]";
            default -> "[" + lo + "]]";
        };
        String token = pick(random, PREFIXES) + bad;
        return random.nextBoolean() ? token : "ok" + lo + "," + token;
    }

    private static long randomStart(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextInt(12);
            case 1 -> 90 + random.nextInt(15);
            case 2 -> 995 + random.nextInt(10);
            default -> random.nextInt(300);
        };
    }

    /** {@code value} zero-padded to {@code width} digits (0: no padding). */
    static String number(long value, int width) {
        return width == 0 ? Long.toString(value) : String.format("%0" + width + "d", value);
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
