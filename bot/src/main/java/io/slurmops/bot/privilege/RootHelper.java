package io.slurmops.bot.privilege;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The root helper: the one program the bot's sudoers rule names. Started as root by a root-owned wrapper
 * ({@code slurmops-root-helper}: {@code java -cp FIXED io.slurmops.bot.privilege.RootHelper POLICY "$@"}),
 * it runs exactly one of {@link HelperVerbs}' argv with a fixed PATH and an otherwise empty environment,
 * after logging the call; a refusal is logged too and exits {@value #REFUSED}.
 */
public final class RootHelper {

    /** sysexits' EX_NOPERM: the request is outside what the helper does. */
    static final int REFUSED = 77;
    /** sysexits' EX_CONFIG: the policy file is missing or unsafe. */
    static final int BAD_POLICY = 78;
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private RootHelper() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.getenv(), true));
    }

    /** @param requireRootPolicy false only in tests, whose policy file is not root-owned */
    static int run(List<String> args, Map<String, String> env, boolean requireRootPolicy) {
        if (args.isEmpty()) {
            System.err.println("usage: RootHelper POLICY-FILE VERB ARGS… (started by the slurmops-root-helper wrapper)");
            return 64;
        }
        HelperPolicy policy;
        try {
            policy = HelperPolicy.load(Path.of(args.get(0)), requireRootPolicy);
        } catch (IOException | RuntimeException e) {
            System.err.println("slurmops-root-helper: refusing to run: " + e.getMessage());
            return BAD_POLICY;
        }
        List<String> request = List.copyOf(args.subList(1, args.size()));
        HelperLog log = new HelperLog(policy.log());
        String caller = env.getOrDefault("SUDO_USER", "uid " + env.getOrDefault("SUDO_UID", "?"));
        List<String> argv;
        try {
            argv = new HelperVerbs(policy).argv(request);
        } catch (HelperRefusal r) {
            log.refused(caller, request, r.getMessage());
            System.err.println("slurmops-root-helper: refused: " + r.getMessage());
            return REFUSED;
        }
        log.call(caller, request);
        int rc = exec(argv);
        log.done(caller, request, rc);
        return rc;
    }

    private static int exec(List<String> argv) {
        ProcessBuilder pb = new ProcessBuilder(argv).inheritIO();
        pb.environment().clear();
        pb.environment().put("PATH", PATH);
        pb.environment().put("LC_ALL", "C.UTF-8");
        try {
            Process p = pb.start();
            // The bot's timeout reaches us as a signal relayed by sudo: take the command down with us, not leave it orphaned.
            Thread stop = new Thread(() -> stopChild(p), "stop-child");
            Runtime.getRuntime().addShutdownHook(stop);
            int rc = p.waitFor();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already stopping the child
            }
            return rc;
        } catch (IOException e) {
            System.err.println("slurmops-root-helper: cannot run " + argv.get(0) + ": " + e.getMessage());
            return 127;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static void stopChild(Process p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
        }
    }
}
