package io.slurmops.bot.approval;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.plan.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the audit keeps of an execution: per-host exit codes folded by code ("node[001-003]=0
 * node004=1", "node005=timeout") and the SHA-256 of the outputs — enough to prove what happened
 * and compare runs, without storing output that may hold secrets.
 */
final class ExecutionDigest {

    private ExecutionDigest() {
    }

    static String hostExits(List<ExecResult> results) {
        Map<String, List<String>> byCode = new LinkedHashMap<>();
        for (ExecResult r : results) {
            String code = r.ran() ? Integer.toString(r.exitCode()) : r.failure().name().toLowerCase(java.util.Locale.ROOT);
            byCode.computeIfAbsent(code, k -> new ArrayList<>()).add(r.host());
        }
        List<String> parts = new ArrayList<>();
        byCode.forEach((code, hosts) -> parts.add(Hostlist.compress(hosts) + "=" + code));
        return String.join(" ", parts);
    }

    /** SHA-256 over host, exit, stdout and stderr of each result, in order, length-prefixed. */
    static String outputSha256(List<ExecResult> results) {
        MessageDigest md = Sha256.digest();
        for (ExecResult r : results) {
            for (String part : List.of(r.host(), Integer.toString(r.exitCode()), r.stdout(), r.stderr())) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                md.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
                md.update((byte) ':');
                md.update(bytes);
            }
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }
}
