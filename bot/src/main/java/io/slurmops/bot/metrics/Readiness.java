package io.slurmops.bot.metrics;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code /readyz} reports: ready when the store answers and every configured chat platform is
 * connected. The lease is reported but does not decide: an instance standing by still serves chat.
 *
 * @param parts check → state, e.g. store → ok, chat.slack → connected, lease.alerts → standby
 */
public record Readiness(boolean ready, Map<String, String> parts) {

    public Readiness {
        parts = Map.copyOf(new java.util.TreeMap<>(parts));
    }

    /** A small JSON object, written by hand: the values are ours (states and short error texts). */
    public String json() {
        String fields = new java.util.TreeMap<>(parts).entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                .collect(Collectors.joining(","));
        return "{\"ready\":" + ready + (fields.isEmpty() ? "" : "," + fields) + "}\n";
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
