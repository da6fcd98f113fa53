package io.slurmops.commands.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the knowledge base's text format: records separated by blank lines, each line
 * {@code key: value}; {@code match:} may repeat. Lines starting with {@code #} are comments.
 */
final class DiagnosisFile {

    private DiagnosisFile() {
    }

    static List<Diagnosis> parse(String text) {
        List<Diagnosis> out = new ArrayList<>();
        Record rec = new Record();
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isEmpty()) {
                rec.finish(out);
                rec = new Record();
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("diagnoses line " + lineNo + ": expected `key: value`");
            }
            rec.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip(), lineNo);
        }
        rec.finish(out);
        return out;
    }

    private static final class Record {
        String id;
        String title;
        String cause;
        String check;
        String repair;
        String source;
        final List<Pattern> patterns = new ArrayList<>();

        void put(String key, String value, int lineNo) {
            switch (key) {
                case "id" -> id = value;
                case "title" -> title = value;
                case "match" -> {
                    try {
                        patterns.add(Pattern.compile(value));
                    } catch (PatternSyntaxException e) {
                        throw new IllegalArgumentException("diagnoses line " + lineNo + ": bad pattern: "
                                + e.getDescription());
                    }
                }
                case "cause" -> cause = value;
                case "check" -> check = value;
                case "repair" -> repair = value;
                case "source" -> source = value;
                default -> throw new IllegalArgumentException("diagnoses line " + lineNo + ": unknown key " + key);
            }
        }

        void finish(List<Diagnosis> out) {
            if (id == null && patterns.isEmpty()) {
                return;
            }
            if (id == null || title == null) {
                throw new IllegalArgumentException("diagnosis without id or title near pattern " + patterns);
            }
            out.add(new Diagnosis(id, title, patterns, cause, check, repair, source));
        }
    }
}
