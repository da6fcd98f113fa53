package io.slurmops.commands.read;

import java.util.List;

/** A fixed-width text table; empty cells print as "-" so columns stay readable. */
final class TextTable {

    private TextTable() {
    }

    static String render(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], cell(r[c]).length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                String v = cell(r[c]);
                b.append(v);
                if (c < cols - 1) {
                    b.append(" ".repeat(width[c] - v.length() + 2));
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String cell(String v) {
        return v == null || v.isBlank() ? "-" : v;
    }
}
