package io.slurmops.bot.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The lab's loopback SSH targets ({@code lab/lab targets up N}): target i listens on
 * 127.0.(i-1)/250.((i-1)%250+1):2222, so 1000 fit in 127.0.0.0/22.
 */
final class LabTargets {

    static final int MAX = 1000;

    private LabTargets() {
    }

    static List<String> addresses(int n) {
        if (n < 1 || n > MAX) {
            throw new IllegalArgumentException("targets must be 1.." + MAX + ": " + n);
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add("127.0." + (i - 1) / 250 + "." + ((i - 1) % 250 + 1));
        }
        return out;
    }

    /** The same set as a pdsh host list: 127.0.0.[1-250],127.0.1.[1-250],… */
    static String pdshList(int n) {
        StringBuilder sb = new StringBuilder();
        for (int block = 0; block * 250 < n; block++) {
            int last = Math.min(250, n - block * 250);
            sb.append(sb.length() == 0 ? "" : ",").append("127.0.").append(block).append(".[1-").append(last).append(']');
        }
        return sb.toString();
    }
}
