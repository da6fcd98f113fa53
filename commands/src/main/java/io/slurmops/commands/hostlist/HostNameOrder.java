package io.slurmops.commands.hostlist;

import java.util.Comparator;

/**
 * The natural order of host names, used for display and fan-out: {@code n2 < n10}, {@code n9 < n010 < n11}.
 *
 * <p>A name is read as alternating runs of digits and of other text. Two names are compared run by run:
 * <ul>
 *   <li>text runs as plain strings ({@code "n" < "n-"}, so {@code n1 < n-1});</li>
 *   <li>digit runs by numeric value, and on equal values the shorter (less padded) run first:
 *       {@code n1 < n01 < n001 < n2};</li>
 *   <li>a digit run before a text run at the same position, as digits sort before letters in ASCII;</li>
 *   <li>a name that runs out first sorts first ({@code n < n0}).</li>
 * </ul>
 * This is a total order consistent with {@link String#equals}: distinct names never compare equal,
 * because two digit runs with the same value and length are the same text. Digit runs are compared
 * without parsing, so runs longer than a {@code long} are fine. Unlike ClusterShell, which sorts all
 * {@code n[9,11]} before {@code n010}, padding only breaks ties, so numbers read in numeric order.
 */
public final class HostNameOrder implements Comparator<String> {

    public static final HostNameOrder INSTANCE = new HostNameOrder();

    private HostNameOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            boolean digitsA = HostNames.isDigit(a.charAt(i));
            boolean digitsB = HostNames.isDigit(b.charAt(j));
            if (digitsA != digitsB) {
                return digitsA ? -1 : 1;
            }
            int endA = runEnd(a, i, digitsA);
            int endB = runEnd(b, j, digitsB);
            int c = digitsA ? compareNumbers(a, i, endA, b, j, endB) : compareText(a, i, endA, b, j, endB);
            if (c != 0) {
                return c;
            }
            i = endA;
            j = endB;
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static int runEnd(String s, int start, boolean digits) {
        int end = start;
        while (end < s.length() && HostNames.isDigit(s.charAt(end)) == digits) {
            end++;
        }
        return end;
    }

    /** As {@code a.substring(..).compareTo(b.substring(..))}, without the copies (sorting 10 000 names calls this often). */
    private static int compareText(String a, int startA, int endA, String b, int startB, int endB) {
        int lenA = endA - startA;
        int lenB = endB - startB;
        for (int k = 0; k < Math.min(lenA, lenB); k++) {
            int c = a.charAt(startA + k) - b.charAt(startB + k);
            if (c != 0) {
                return c;
            }
        }
        return lenA - lenB;
    }

    /** Numeric comparison of two digit runs of any length, then the shorter run first. */
    private static int compareNumbers(String a, int startA, int endA, String b, int startB, int endB) {
        int sigA = skipZeros(a, startA, endA);
        int sigB = skipZeros(b, startB, endB);
        int c = Integer.compare(endA - sigA, endB - sigB);
        for (int k = 0; c == 0 && k < endA - sigA; k++) {
            c = Character.compare(a.charAt(sigA + k), b.charAt(sigB + k));
        }
        return c != 0 ? c : Integer.compare(endA - startA, endB - startB);
    }

    private static int skipZeros(String s, int start, int end) {
        while (start < end && s.charAt(start) == '0') {
            start++;
        }
        return start;
    }
}
