package io.slurmops.commands.backup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The awk programs run for real (awk is on every host) on small dumps in mariadb-dump's one-row form. */
class DumpScriptsTest {

    static final String DUMP = """
            -- MariaDB dump 10.19
            /*!40101 SET NAMES utf8mb4 */;
            DROP TABLE IF EXISTS `acct_table`;
            CREATE TABLE `acct_table` (
              `name` tinytext NOT NULL,
              PRIMARY KEY (`name`(42))
            ) ENGINE=InnoDB DEFAULT CHARSET=latin1;
            LOCK TABLES `acct_table` WRITE;
            INSERT INTO `acct_table` VALUES ('physics');
            INSERT INTO `acct_table` VALUES ('root');
            INSERT INTO `acct_table` VALUES ('it\\'s a ` VALUES (trap);');
            UNLOCK TABLES;
            DROP TABLE IF EXISTS `empty_table`;
            CREATE TABLE `empty_table` (
              `id` int NOT NULL
            ) ENGINE=InnoDB;
            DROP TABLE IF EXISTS `lab_event_table`;
            CREATE TABLE `lab_event_table` (
              `time_start` bigint NOT NULL,
              `node_name` tinytext NOT NULL
            ) ENGINE=InnoDB;
            LOCK TABLES `lab_event_table` WRITE;
            INSERT INTO `lab_event_table` VALUES (1,'node001');
            INSERT INTO `lab_event_table` VALUES (2,'node002');
            INSERT INTO `lab_event_table` VALUES (3,'a,b\\n(c)');
            INSERT INTO `lab_event_table` VALUES (4,'node004');
            INSERT INTO `lab_event_table` VALUES (5,'node005');
            UNLOCK TABLES;
            /*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

            -- Dump completed
            """;

    @TempDir
    Path dir;

    @Test
    void theSummaryCountsEveryTablesRowsAndSeesACompleteDump() throws Exception {
        DumpScripts.Summary s = DumpScripts.Summary.parse(awk(List.of(DumpScripts.SUMMARY), write("d.sql", DUMP)));
        assertThat(s.rows()).containsExactly(java.util.Map.entry("acct_table", 3L), java.util.Map.entry("empty_table", 0L),
                java.util.Map.entry("lab_event_table", 5L));
        assertThat(s.total()).isEqualTo(8);
        assertThat(s.defect()).isEmpty();
    }

    @Test
    void aDumpCutShortOrWithACutRowIsADefect() throws Exception {
        String cut = DUMP.substring(0, DUMP.indexOf("INSERT INTO `lab_event_table` VALUES (4"));
        DumpScripts.Summary s = DumpScripts.Summary.parse(awk(List.of(DumpScripts.SUMMARY), write("cut.sql", cut)));
        assertThat(s.complete()).isFalse();
        assertThat(s.defect()).contains("cut short", "-- Dump completed");

        String cutRow = DUMP.replace("INSERT INTO `lab_event_table` VALUES (2,'node002');", "INSERT INTO `lab_event_table` VALUES (2,'no");
        DumpScripts.Summary m = DumpScripts.Summary.parse(awk(List.of(DumpScripts.SUMMARY), write("row.sql", cutRow)));
        assertThat(m.malformed()).isEqualTo(1);
        assertThat(m.rows().get("lab_event_table")).isEqualTo(4);
        assertThat(m.defect()).isEqualTo("1 INSERT line(s) of the dump are cut or malformed");
    }

    @Test
    void batchingJoinsEachTablesRowsUnchangedWithinTheLimits() throws Exception {
        Path out = dir.resolve("load.sql");
        awk(List.of("-v", "out=" + out, "-v", "maxrows=2", "-v", "maxbytes=1000000", "-v", "schema=0", DumpScripts.BATCH),
                write("d.sql", DUMP));
        String load = Files.readString(out);
        assertThat(load).contains("INSERT INTO `acct_table` VALUES ('physics'),\n('root');\n"
                + "INSERT INTO `acct_table` VALUES ('it\\'s a ` VALUES (trap);');\nUNLOCK TABLES;\n");
        assertThat(load).contains("INSERT INTO `lab_event_table` VALUES (1,'node001'),\n(2,'node002');\n"
                + "INSERT INTO `lab_event_table` VALUES (3,'a,b\\n(c)'),\n(4,'node004');\n"
                + "INSERT INTO `lab_event_table` VALUES (5,'node005');\nUNLOCK TABLES;\n");
        // every line that is not a row is kept, in order
        assertThat(load.lines().filter(l -> !l.startsWith("INSERT") && !l.startsWith("(")).toList())
                .isEqualTo(DUMP.lines().filter(l -> !l.startsWith("INSERT")).toList());
        assertThat(rowsOf(load)).isEqualTo(rowsOf(DUMP));
    }

    @Test
    void batchingStopsAStatementAtTheByteLimitAndTheSchemaModeDropsTheRows() throws Exception {
        Path small = dir.resolve("small.sql");
        awk(List.of("-v", "out=" + small, "-v", "maxrows=1000", "-v", "maxbytes=80", "-v", "schema=0", DumpScripts.BATCH),
                write("d.sql", DUMP));
        // 51 bytes of the first line plus 15 of the second row: a third row would pass 80
        assertThat(Files.readString(small)).contains("INSERT INTO `lab_event_table` VALUES (1,'node001'),\n(2,'node002');\n"
                + "INSERT INTO `lab_event_table` VALUES (3,");
        assertThat(rowsOf(Files.readString(small))).isEqualTo(rowsOf(DUMP));

        Path schema = dir.resolve("schema.sql");
        awk(DumpScripts.batchArgv(dir.resolve("d.sql").toString(), schema.toString(), true).subList(1, 10), dir.resolve("d.sql"));
        assertThat(Files.readString(schema)).doesNotContain("INSERT", "node001").contains("CREATE TABLE `lab_event_table`")
                .isEqualTo(DUMP.lines().filter(l -> !l.startsWith("INSERT")).map(l -> l + "\n").reduce("", String::concat));
    }

    @Test
    void theRowComparisonNamesTheFirstTableThatDiffers() throws Exception {
        Path dump = write("d.sql", DUMP);
        assertThat(same(dump, write("again.sql", DUMP.replace("-- Dump completed", "")))).isEqualTo("same");
        assertThat(same(dump, write("changed.sql", DUMP.replace("(4,'node004')", "(4,'node00X')"))))
                .isEqualTo("differs\tlab_event_table");
        assertThat(same(dump, write("short.sql", DUMP.replace("INSERT INTO `lab_event_table` VALUES (5,'node005');\n", ""))))
                .isEqualTo("missing\tlab_event_table");
        assertThat(same(dump, write("long.sql", DUMP.replace("UNLOCK TABLES;\n/*!40111",
                "INSERT INTO `lab_event_table` VALUES (6,'x');\nUNLOCK TABLES;\n/*!40111")))).isEqualTo("extra\tlab_event_table");
    }

    /** The rows, one per entry, as "table|tuple", whatever the statements they are in. */
    static List<String> rowsOf(String sql) {
        List<String> rows = new ArrayList<>();
        String table = null;
        for (String l : sql.lines().toList()) {
            String tuple = l;
            if (l.startsWith("INSERT INTO `")) {
                table = l.substring(13, l.indexOf('`', 13));
                tuple = l.substring(13 + table.length() + 9);
            } else if (!l.startsWith("(")) {
                continue;
            }
            tuple = tuple.endsWith(";") || tuple.endsWith(",") ? tuple.substring(0, tuple.length() - 1) : tuple;
            rows.add(table + "|" + tuple);
        }
        return rows;
    }

    private String same(Path dump, Path again) throws Exception {
        return awk(List.of("-v", "other=" + again, DumpScripts.SAME_ROWS), dump).strip();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    static String awk(List<String> args, Path file) throws Exception {
        List<String> argv = new ArrayList<>(List.of("awk"));
        argv.addAll(args);
        argv.add(file.toString());
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
