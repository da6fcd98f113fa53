package io.slurmops.commands.hostlist;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands hostlist expressions by the input rules of Slurm's src/common/hostlist.c, plus the checks a
 * chat bot needs. Tokens are separated by comma, space, tab or newline outside brackets (Slurm does not
 * split at a newline but keeps it inside a host name; chat input spans lines, and our names cannot
 * hold a newline, so here it separates). In a token,
 * bracket groups are expanded as a cartesian product, leftmost group major; text after the last bracket
 * is a suffix (accepted, as Slurm does since 23.02.5). A range's width is the length of its {@code lo}
 * as written, and the padding of {@code hi} is ignored ({@code n[9-011]} is n9 n10 n11).
 *
 * <p>Refused although some Slurm version accepts it: {@code n[1-]} (Slurm reads n1), whitespace or '+'
 * inside brackets (Slurm's strtoul skips them), numbers over 18 digits (Slurm clamps them), characters
 * outside {@link HostNames}, a leading '-', and more hosts in total than the configured limit.
 */
final class HostlistParser {

    /** Slurm's MAX_RANGE: the most hosts one {@code lo-hi} may span. */
    static final int MAX_HOSTS_PER_RANGE = 65_536;

    private final int maxHosts;

    HostlistParser(int maxHosts) {
        if (maxHosts < 1) {
            throw new IllegalArgumentException("maxHosts must be positive: " + maxHosts);
        }
        this.maxHosts = maxHosts;
    }

    /**
     * All hosts that {@code expr} names, in Slurm's order, duplicates kept.
     *
     * @throws HostlistException for an empty or malformed expression, or one that names too many hosts
     */
    List<String> expand(String expr) {
        List<String> tokens = tokens(expr);
        if (tokens.isEmpty()) {
            throw HostlistException.badInput("Empty hostlist");
        }
        // Parse and count everything before expanding anything, so an oversized input costs no memory.
        List<Pattern> patterns = new ArrayList<>(tokens.size());
        long total = 0;
        for (String token : tokens) {
            Pattern pattern = parseToken(token);
            total += pattern.count(maxHosts);
            if (total > maxHosts) {
                throw HostlistException.badToken(token,
                        "the hostlist would expand to more than " + maxHosts + " hosts");
            }
            patterns.add(pattern);
        }
        List<String> hosts = new ArrayList<>((int) total);
        StringBuilder name = new StringBuilder();
        for (Pattern pattern : patterns) {
            pattern.expand(0, name, hosts);
        }
        return hosts;
    }

    /** Splits at separators outside brackets; empty tokens (",," or ", ") are dropped, as in Slurm. */
    static List<String> tokens(String expr) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n')) {
                addIfNotEmpty(tokens, current);
                continue;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']' && depth > 0) {
                depth--;
            }
            current.append(c);
        }
        addIfNotEmpty(tokens, current);
        return tokens;
    }

    private static void addIfNotEmpty(List<String> tokens, StringBuilder current) {
        if (current.length() > 0) {
            tokens.add(current.toString());
            current.setLength(0);
        }
    }

    /** Reads {@code text[ranges]text[ranges]...text}. */
    static Pattern parseToken(String token) {
        List<String> texts = new ArrayList<>();
        List<List<NumberRange>> brackets = new ArrayList<>();
        int pos = 0;
        while (true) {
            int open = token.indexOf('[', pos);
            int close = token.indexOf(']', pos);
            if (close >= 0 && (open < 0 || close < open)) {
                throw HostlistException.badToken(token, "']' without a matching '['");
            }
            if (open < 0) {
                texts.add(token.substring(pos));
                break;
            }
            int nested = token.indexOf('[', open + 1);
            if (close < 0) {
                throw HostlistException.badToken(token, "missing ']'");
            }
            if (nested >= 0 && nested < close) {
                throw HostlistException.badToken(token, "nested '[' inside brackets");
            }
            texts.add(token.substring(pos, open));
            brackets.add(parseBracket(token, token.substring(open + 1, close)));
            pos = close + 1;
        }
        Pattern pattern = new Pattern(texts, brackets);
        String problem = pattern.nameProblem();
        if (problem != null) {
            throw HostlistException.badToken(token, problem);
        }
        return pattern;
    }

    private static List<NumberRange> parseBracket(String token, String inside) {
        if (inside.isEmpty()) {
            throw HostlistException.badToken(token, "empty brackets \"[]\"");
        }
        List<NumberRange> ranges = new ArrayList<>();
        for (String element : inside.split(",", -1)) {
            ranges.add(parseRange(token, inside, element));
        }
        return ranges;
    }

    private static NumberRange parseRange(String token, String inside, String element) {
        String quoted = HostlistException.quote(element);
        if (element.isEmpty()) {
            throw HostlistException.badToken(token, "empty range in \"[" + inside + "]\"");
        }
        if (element.indexOf('/') >= 0) {
            throw HostlistException.badToken(token, "steps are not supported: range " + quoted);
        }
        int dash = element.indexOf('-');
        if (dash == 0) {
            boolean negative = element.length() > 1 && HostNames.isDigit(element.charAt(1));
            throw HostlistException.badToken(token, (negative ? "negative number in range "
                    : "missing lower bound in range ") + quoted);
        }
        String loText = dash < 0 ? element : element.substring(0, dash);
        String hiText = dash < 0 ? element : element.substring(dash + 1);
        if (hiText.isEmpty()) {
            throw HostlistException.badToken(token, "missing upper bound in range " + quoted);
        }
        if (hiText.startsWith("-")) {
            throw HostlistException.badToken(token, "negative number in range " + quoted);
        }
        if (!allDigits(loText) || !allDigits(hiText)) {
            throw HostlistException.badToken(token, "range " + quoted + " is not numeric");
        }
        long lo = number(token, loText);
        long hi = number(token, hiText);
        if (lo > hi) {
            throw HostlistException.badToken(token, "range " + quoted + " has lo > hi");
        }
        if (hi - lo >= MAX_HOSTS_PER_RANGE) {
            // Slurm's own wording, so that both messages can be searched for alike.
            throw HostlistException.badToken(token, "Too many hosts in range " + quoted
                    + " (at most " + MAX_HOSTS_PER_RANGE + ")");
        }
        return new NumberRange(lo, hi, loText.length());
    }

    private static boolean allDigits(String text) {
        return text.chars().allMatch(c -> HostNames.isDigit((char) c));
    }

    private static long number(String token, String digits) {
        int lead = 0;                       // leading zeros off, the last digit kept ("000" is 0); no regex per number
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        String significant = digits.substring(lead);
        if (significant.length() > NumberRange.MAX_DIGITS) {
            throw HostlistException.badToken(token, "number " + HostlistException.quote(digits)
                    + " is too large (at most " + NumberRange.MAX_DIGITS + " digits)");
        }
        return Long.parseLong(significant);
    }

    /** One parsed token: {@code texts.get(0) [brackets.get(0)] texts.get(1) ... texts.get(n)}. */
    record Pattern(List<String> texts, List<List<NumberRange>> brackets) {

        /** Hosts this token names, or any number above {@code cap} once that is certain. */
        long count(int cap) {
            long tooMany = cap + 1L;
            long count = 1;
            for (List<NumberRange> bracket : brackets) {
                long inBracket = bracket.stream().mapToLong(NumberRange::size).sum();
                // Both factors stay at most 2^31 here, so the product cannot overflow.
                count = inBracket >= tooMany ? tooMany : Math.min(count * inBracket, tooMany);
            }
            return count;
        }

        /** Why the names this token makes are not acceptable host names, or null. */
        String nameProblem() {
            long longest = 0;
            for (String text : texts) {
                String problem = HostNames.charProblem(text);
                if (problem != null) {
                    return problem;
                }
                longest += text.length();
            }
            for (List<NumberRange> bracket : brackets) {
                longest += bracket.stream().mapToInt(NumberRange::maxLength).max().orElse(0);
            }
            char first = texts.get(0).isEmpty() ? '0' : texts.get(0).charAt(0);
            return HostNames.shapeProblem(first, longest);
        }

        /** Appends the hosts of bracket {@code index} onwards, prefixed by {@code name}, leftmost major. */
        void expand(int index, StringBuilder name, List<String> out) {
            int mark = name.length();
            name.append(texts.get(index));
            if (index == brackets.size()) {
                out.add(name.toString());
            } else {
                int afterText = name.length();
                for (NumberRange range : brackets.get(index)) {
                    for (long value = range.lo(); value <= range.hi(); value++) {
                        name.setLength(afterText);
                        name.append(range.format(value));
                        expand(index + 1, name, out);
                    }
                }
            }
            name.setLength(mark);
        }
    }
}
