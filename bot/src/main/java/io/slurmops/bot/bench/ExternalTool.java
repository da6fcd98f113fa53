package io.slurmops.bot.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A peer tool run as a process for comparison (pdsh, sinfo, scontrol): argv only, output read fully
 * (a tool that writes a lot is timed with its output consumed, as a person's terminal would).
 */
final class ExternalTool {

    /** What one run gave: exit code and the first part of its output (for a clear error). */
    record Run(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    private ExternalTool() {
    }

    static Run run(List<String> argv, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            throw new IOException(argv.get(0) + " is not installed or not runnable (" + e.getMessage() + ")", e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(argv.get(0) + " did not finish within 10 minutes");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        return new Run(p.exitValue(), text.length() > 2000 ? text.substring(0, 2000) : text);
    }

    /** Runs and times it, failing loudly when the peer failed: a ratio against a failed run means nothing. */
    static void timed(Samples into, List<String> argv, Map<String, String> env) throws Exception {
        Run r = into.time(() -> run(argv, env));
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", argv.subList(0, Math.min(3, argv.size())))
                    + "… exited " + r.exit() + ": " + r.output().lines().limit(5).reduce((a, b) -> a + "\n" + b)
                    .orElse(""));
        }
    }
}
