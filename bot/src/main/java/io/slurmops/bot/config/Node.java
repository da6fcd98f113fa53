package io.slurmops.bot.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.slurmops.commands.exec.HumanDuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * A YAML mapping read with its key path, so every validation message names the full key, the value
 * and what was expected. Problems are collected, not thrown, so one run reports them all.
 */
final class Node {


    private final JsonNode json;
    private final String path;
    private final List<String> problems;
    private final Interpolation interpolation;

    Node(JsonNode json, String path, List<String> problems, Interpolation interpolation) {
        this.json = json;
        this.path = path;
        this.problems = problems;
        this.interpolation = interpolation;
    }

    String path() {
        return path;
    }

    List<String> problems() {
        return problems;
    }

    boolean present(String key) {
        return json != null && json.has(key) && !json.get(key).isNull();
    }

    private String key(String k) {
        return path.isEmpty() ? k : path + "." + k;
    }

    /** Reports keys this section does not know: a typo must not silently fall back to a default. */
    void allowOnly(Set<String> keys) {
        if (json == null || !json.isObject()) {
            return;
        }
        Iterator<String> names = json.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!keys.contains(n)) {
                problems.add(key(n) + ": unknown key; expected one of " + String.join(", ", keys.stream().sorted().toList()));
            }
        }
    }

    Node child(String k) {
        JsonNode c = json == null ? null : json.get(k);
        if (c != null && !c.isNull() && !c.isObject()) {
            problems.add(key(k) + ": expected a mapping (key: value lines), got `" + c.asText() + "`");
            c = null;
        }
        return new Node(c, key(k), problems, interpolation);
    }

    String string(String k, String def) {
        JsonNode c = json == null ? null : json.get(k);
        if (c == null || c.isNull()) {
            return def;
        }
        if (!c.isValueNode()) {
            problems.add(key(k) + ": expected a single value, got a " + (c.isArray() ? "list" : "mapping"));
            return def;
        }
        return interpolation.apply(c.asText(), key(k), problems);
    }

    String requiredString(String k, String what) {
        String v = string(k, null);
        if (v == null || v.isBlank()) {
            problems.add(key(k) + ": missing; expected " + what);
            return "";
        }
        return v;
    }

    int integer(String k, int def, int min, int max) {
        String raw = string(k, null);
        if (raw == null) {
            return def;
        }
        try {
            int v = Integer.parseInt(raw.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(key(k) + ": `" + raw + "` is not a whole number from " + min + " to " + max);
        return def;
    }

    boolean bool(String k, boolean def) {
        String raw = string(k, null);
        if (raw == null) {
            return def;
        }
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw);
        }
        problems.add(key(k) + ": `" + raw + "` is not true or false");
        return def;
    }

    Duration duration(String k, Duration def) {
        String raw = string(k, null);
        if (raw == null) {
            return def;
        }
        Optional<Duration> d = HumanDuration.parse(raw);
        if (d.isPresent()) {
            return d.get();
        }
        problems.add(key(k) + ": `" + raw + "` is not a duration; expected a positive number with a unit, e.g. 500ms, 20s, 15m, 2h");
        return def;
    }

    List<String> strings(String k, List<String> def) {
        JsonNode c = json == null ? null : json.get(k);
        if (c == null || c.isNull()) {
            return def;
        }
        if (c.isValueNode()) {
            return List.of(interpolation.apply(c.asText(), key(k), problems));
        }
        if (!c.isArray()) {
            problems.add(key(k) + ": expected a list");
            return def;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            if (!c.get(i).isValueNode()) {
                problems.add(key(k) + "[" + i + "]: expected a single value");
                continue;
            }
            out.add(interpolation.apply(c.get(i).asText(), key(k) + "[" + i + "]", problems));
        }
        return out;
    }

    /** The names in this mapping, in file order, whatever their values are. */
    List<String> keys() {
        List<String> out = new ArrayList<>();
        if (json != null) {
            json.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    /** A mapping of names to sub-sections, in file order. */
    Map<String, Node> children() {
        Map<String, Node> out = new LinkedHashMap<>();
        if (json == null) {
            return out;
        }
        json.fieldNames().forEachRemaining(n -> out.put(n, child(n)));
        return out;
    }

    /** A mapping of names to single values, in file order. */
    Map<String, String> stringMap() {
        Map<String, String> out = new LinkedHashMap<>();
        if (json == null) {
            return out;
        }
        json.fieldNames().forEachRemaining(n -> {
            String v = string(n, null);
            if (v != null) {
                out.put(n, v);
            }
        });
        return out;
    }

    /** A list of mappings (e.g. rules), each a section of its own. */
    List<Node> list(String k) {
        JsonNode c = json == null ? null : json.get(k);
        List<Node> out = new ArrayList<>();
        if (c == null || c.isNull()) {
            return out;
        }
        if (!c.isArray()) {
            problems.add(key(k) + ": expected a list of mappings");
            return out;
        }
        for (int i = 0; i < c.size(); i++) {
            if (!c.get(i).isObject()) {
                problems.add(key(k) + "[" + i + "]: expected a mapping (key: value lines)");
                continue;
            }
            out.add(new Node(c.get(i), key(k) + "[" + i + "]", problems, interpolation));
        }
        return out;
    }

    void problem(String k, String message) {
        problems.add(key(k) + ": " + message);
    }
}
