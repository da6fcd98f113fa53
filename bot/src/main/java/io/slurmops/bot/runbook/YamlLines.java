package io.slurmops.bot.runbook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document read as a tree plus, for every node, the line it starts on (from Jackson's token
 * locations, keyed by JSON pointer), so a refusal can say FILE:LINE. JsonNode itself keeps no lines.
 */
record YamlLines(JsonNode root, Map<String, Integer> lines) {

    static YamlLines read(ObjectMapper yaml, String text) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = yaml.getFactory().createParser(text)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                String pointer = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY
                        ? p.getParsingContext().getParent() == null ? "" : p.getParsingContext().getParent().pathAsPointer().toString()
                        : p.getParsingContext().pathAsPointer().toString();
                lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
            }
        }
        return new YamlLines(yaml.readTree(text), lines);
    }

    /** The line a node starts on, or the nearest enclosing node's line. */
    int lineOf(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 1;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }
}
