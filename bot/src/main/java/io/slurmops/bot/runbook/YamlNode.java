package io.slurmops.bot.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import io.slurmops.commands.runbook.Location;
import io.slurmops.commands.runbook.RunbookProblem;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A node of a runbook file with its JSON pointer and line. Problems are collected, not thrown, so
 * one refusal lists everything wrong with the file.
 */
final class YamlNode {

    private final JsonNode json;
    private final String pointer;
    private final String file;
    private final YamlLines lines;
    private final List<RunbookProblem> problems;

    YamlNode(JsonNode json, String pointer, String file, YamlLines lines, List<RunbookProblem> problems) {
        this.json = json;
        this.pointer = pointer;
        this.file = file;
        this.lines = lines;
        this.problems = problems;
    }

    JsonNode json() {
        return json;
    }

    Location location() {
        return new Location(file, lines.lineOf(pointer));
    }

    void problem(String rule, String message) {
        problems.add(new RunbookProblem(location(), rule, message));
    }

    boolean has(String key) {
        return json != null && json.isObject() && json.has(key) && !json.get(key).isNull();
    }

    YamlNode get(String key) {
        return new YamlNode(json == null ? null : json.get(key), pointer + "/" + key, file, lines, problems);
    }

    List<YamlNode> items() {
        List<YamlNode> out = new ArrayList<>();
        if (json == null || json.isNull()) {
            return out;
        }
        if (!json.isArray()) {
            problem("shape", "expected a list");
            return out;
        }
        for (int i = 0; i < json.size(); i++) {
            out.add(new YamlNode(json.get(i), pointer + "/" + i, file, lines, problems));
        }
        return out;
    }

    List<String> keys() {
        List<String> out = new ArrayList<>();
        if (json != null && json.isObject()) {
            Iterator<String> it = json.fieldNames();
            it.forEachRemaining(out::add);
        }
        return out;
    }

    /** A scalar as text, or empty (with a problem when {@code required}). */
    Optional<String> text(String key, boolean required) {
        YamlNode c = get(key);
        if (c.json == null || c.json.isNull()) {
            if (required) {
                problem("missing-key", "`" + key + "` is required");
            }
            return Optional.empty();
        }
        return c.scalar();
    }

    Optional<String> scalar() {
        if (json == null || !json.isValueNode()) {
            problem("shape", "expected a single value, got " + (json == null ? "nothing" : json.isArray() ? "a list" : "a mapping"));
            return Optional.empty();
        }
        return Optional.of(json.asText());
    }

    boolean flag(String key, boolean def) {
        YamlNode c = get(key);
        if (c.json == null || c.json.isNull()) {
            return def;
        }
        if (!c.json.isBoolean()) {
            c.problem("shape", "`" + key + "` must be true or false");
            return def;
        }
        return c.json.booleanValue();
    }

    /** A list of scalars (an argv). */
    List<String> strings() {
        List<String> out = new ArrayList<>();
        for (YamlNode item : items()) {
            item.scalar().ifPresent(out::add);
        }
        return out;
    }

    void allowOnly(Set<String> allowed, String what) {
        for (String k : keys()) {
            if (!allowed.contains(k)) {
                get(k).problem("unknown-key", what + ": unknown key `" + k + "`; expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }
}
