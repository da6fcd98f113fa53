package io.slurmops.commands.hostlist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Folds host names into a short hostlist expression that Slurm 22.05 and ClusterShell both read back
 * as exactly the same set.
 *
 * <p>Rules, and why:
 * <ul>
 *   <li>Only the trailing digit run of a name folds ({@code node1-ib} stays as it is): Slurm 22.05
 *       rejects text after the last bracket.</li>
 *   <li>Widths. A run with a leading zero ({@code 010}) has a fixed width, its length; one without
 *       ({@code 9}, {@code 10}, and {@code 0}) is written at its natural length. So {@code n9,n10,n11} is
 *       {@code n[9-11]}, while {@code 9} and {@code 010}, or {@code 1} and {@code 01}, never share a
 *       range. A padded range may go on into unpadded numbers of the same length ({@code n09,n10} is
 *       {@code n[09-10]}) but not beyond ({@code n09..n100} is {@code n[09-99,100]}): Slurm would read
 *       {@code [09-100]} correctly, ClusterShell rejects it as a padding mismatch.</li>
 *   <li>No steps. Single hosts are written bare ({@code n5}, not {@code n[5]}).</li>
 *   <li>Names equal but for another digit run, with the same brackets after it, fold again into
 *       several dimensions: {@code rack1-node[01-02],rack2-node[01-02]} is
 *       {@code rack[1-2]-node[01-02]}. Slurm expands bracket groups as a cartesian product. Here a single
 *       host takes part with a one-number bracket, which is how a name with text after its first number
 *       folds under 22.05 rules: {@code node1-ib0,node2-ib0} is {@code node[1-2]-ib[0]}. Such a fold is
 *       made only when it is shorter than the items it replaces.</li>
 *   <li>Ranges inside a bracket and items of the list follow {@link HostNameOrder} of their first host.</li>
 * </ul>
 */
final class HostlistCompressor {

    private HostlistCompressor() {
    }

    /** {@code hosts} must be valid names, sorted by {@link HostNameOrder}, without duplicates. */
    static String compress(List<String> hosts) {
        List<Item> items = new ArrayList<>();
        Map<String, List<String>> numbersByPrefix = new LinkedHashMap<>();
        for (String host : hosts) {
            int split = lastDigitRunStart(host, host.length());
            if (split == host.length() || host.length() - split > NumberRange.MAX_DIGITS) {
                items.add(Item.literal(host));
            } else {
                numbersByPrefix.computeIfAbsent(host.substring(0, split), k -> new ArrayList<>())
                        .add(host.substring(split));
            }
        }
        numbersByPrefix.forEach((prefix, numbers) -> items.add(
                new Item(prefix, bracket(numbers), prefix + numbers.get(0), numbers.size() == 1)));
        List<Item> folded = foldAllDimensions(items);
        folded.sort(Comparator.comparing(Item::firstHost, HostNameOrder.INSTANCE));
        return folded.stream().map(Item::text).collect(Collectors.joining(","));
    }

    /** {@code [1-3,7]} for the given digit runs. */
    static String bracket(List<String> numbers) {
        return fold(numbers).stream().map(NumberRange::toExpression).collect(Collectors.joining(",", "[", "]"));
    }

    /**
     * Folds digit runs into ranges under the width rules above, sorted by (lo, width).
     * Each run must have at most {@link NumberRange#MAX_DIGITS} digits.
     */
    static List<NumberRange> fold(List<String> numbers) {
        NavigableSet<Long> unpadded = new TreeSet<>();
        Map<Integer, NavigableSet<Long>> paddedByWidth = new TreeMap<>();
        for (String digits : numbers) {
            long value = Long.parseLong(digits);
            if (digits.length() > 1 && digits.charAt(0) == '0') {
                paddedByWidth.computeIfAbsent(digits.length(), w -> new TreeSet<>()).add(value);
            } else {
                unpadded.add(value);
            }
        }
        List<NumberRange> ranges = new ArrayList<>();
        paddedByWidth.forEach((width, values) -> {
            long firstUnpadded = pow10(width - 1);
            long lastOfWidth = pow10(width) - 1;
            for (long[] run : runs(values)) {
                long hi = run[1];
                // 098,099 go on with 100,101..: the unpadded numbers of the same length, taken from the
                // unpadded family so they are written once.
                if (hi == firstUnpadded - 1) {
                    while (hi < lastOfWidth && unpadded.remove(hi + 1)) {
                        hi++;
                    }
                }
                ranges.add(new NumberRange(run[0], hi, width));
            }
        });
        for (long[] run : runs(unpadded)) {
            ranges.add(new NumberRange(run[0], run[1], 1));
        }
        ranges.sort(Comparator.comparingLong(NumberRange::lo).thenComparingInt(NumberRange::width));
        return ranges;
    }

    /** Maximal runs of consecutive values, as {lo, hi}. */
    private static List<long[]> runs(NavigableSet<Long> values) {
        List<long[]> runs = new ArrayList<>();
        for (long value : values) {
            long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last[1] == value - 1) {
                last[1] = value;
            } else {
                runs.add(new long[] {value, value});
            }
        }
        return runs;
    }

    private static long pow10(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }

    /**
     * Repeatedly folds items whose heads differ only in their last digit run and whose tails are equal:
     * {@code a1-b[1-2]} and {@code a2-b[1-2]} become {@code a[1-2]-b[1-2]}. Each pass removes items,
     * so this ends.
     */
    private static List<Item> foldAllDimensions(List<Item> items) {
        boolean changed = true;
        while (changed) {
            changed = false;
            Map<List<String>, List<Item>> groups = new LinkedHashMap<>();
            List<Item> next = new ArrayList<>();
            for (Item item : items) {
                int end = lastDigitRunEnd(item.head());
                int start = lastDigitRunStart(item.head(), end);
                if (item.tail().isEmpty() || start == end || end - start > NumberRange.MAX_DIGITS) {
                    next.add(item);
                } else {
                    List<String> key = List.of(item.head().substring(0, start), item.head().substring(end) + item.tail());
                    groups.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
                }
            }
            for (Map.Entry<List<String>, List<Item>> group : groups.entrySet()) {
                List<Item> members = group.getValue();
                if (members.size() == 1) {
                    next.add(members.get(0));
                    continue;
                }
                List<String> numbers = new ArrayList<>();
                for (Item member : members) {
                    int end = lastDigitRunEnd(member.head());
                    numbers.add(member.head().substring(lastDigitRunStart(member.head(), end), end));
                }
                String first = members.stream().map(Item::firstHost).min(HostNameOrder.INSTANCE).orElseThrow();
                String head = group.getKey().get(0);
                Item folded = new Item(head, bracket(numbers) + group.getKey().get(1), first, false);
                int unfoldedLength = members.stream().mapToInt(member -> member.text().length() + 1).sum() - 1;
                if (folded.text().length() < unfoldedLength) {
                    next.add(folded);
                    changed = true;
                } else {
                    // a996b2,a1004b2 is shorter than a[996,1004]b[2].
                    next.addAll(members);
                }
            }
            items = next;
        }
        return items;
    }

    /** Start of the digit run that ends at {@code end} ({@code end} itself if there is none). */
    private static int lastDigitRunStart(String text, int end) {
        int start = end;
        while (start > 0 && HostNames.isDigit(text.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    /** End of the last digit run in {@code text}, or 0 if it has no digit. */
    private static int lastDigitRunEnd(String text) {
        int end = text.length();
        while (end > 0 && !HostNames.isDigit(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /**
     * One comma-separated element of the output: {@code head}, then brackets and text ({@code tail}) that
     * start with a bracket, or nothing for a name without a trailing number. A {@code single} host is
     * written bare ({@code n5}, not {@code n[5]}) unless it was folded into a bigger item.
     */
    private record Item(String head, String tail, String firstHost, boolean single) {

        static Item literal(String host) {
            return new Item(host, "", host, true);
        }

        String text() {
            return single ? firstHost : head + tail;
        }
    }
}
