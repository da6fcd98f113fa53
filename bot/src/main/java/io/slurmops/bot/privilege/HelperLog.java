package io.slurmops.bot.privilege;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every call and every refusal of the root helper, one line each, appended to a root-owned log file
 * (created 0600) and sent to syslog/the journal with logger(1) where a syslog socket exists. Arguments
 * are paths, units and flags — never secrets (file contents go through standard input, never logged).
 */
final class HelperLog {

    private static final int MAX_LINE = 2000;
    private static final Path SYSLOG_SOCKET = Path.of("/dev/log");

    private final Path file;

    HelperLog(Path file) {
        this.file = file;
    }

    void call(String caller, List<String> request) {
        write("RUN", caller, request, "");
    }

    void done(String caller, List<String> request, int exitCode) {
        write("EXIT " + exitCode, caller, request, "");
    }

    void refused(String caller, List<String> request, String why) {
        write("REFUSED", caller, request, " — " + why);
    }

    private void write(String what, String caller, List<String> request, String tail) {
        String line = oneLine(what + " by " + caller + ": " + quoted(request) + tail);
        if (line.length() > MAX_LINE) {
            line = line.substring(0, MAX_LINE) + " …(" + line.length() + " chars)";
        }
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, Instant.now() + " " + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("slurmops-root-helper: cannot write " + file + ": " + e.getMessage());
        }
        if (Files.exists(SYSLOG_SOCKET)) {
            try {
                new ProcessBuilder("logger", "-t", "slurmops-root-helper", "-p", "authpriv.notice", "--", line)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            } catch (IOException e) {
                // no logger(1): the log file has the line
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Control characters (a newline in an argument or a refusal's reason) escaped: one call is one line. */
    static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c == '\n') {
                b.append("\\n");
            } else if (Character.isISOControl(c)) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** Each argument quoted so that spaces and control characters cannot forge a log line. */
    static String quoted(List<String> request) {
        return request.stream().map(a -> "'" + a.replace("\\", "\\\\").replace("'", "\\'") + "'").collect(Collectors.joining(" "));
    }
}
