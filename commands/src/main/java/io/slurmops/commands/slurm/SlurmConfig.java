package io.slurmops.commands.slurm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The running configuration as {@code scontrol show config} prints it: {@code Key = value} lines
 * (padded keys), with {@code SlurmctldHost[0] = vm(10.250.0.1)}, {@code SlurmctldHost[1] = …} for
 * the primary and the backups. Durations print as "3 sec".
 */
public record SlurmConfig(Map<String, String> values) {

    public static final List<String> ARGV = List.of("scontrol", "show", "config");
    private static final Pattern LINE = Pattern.compile("^(\\S+?)\\s*=\\s?(.*)$");
    private static final Pattern HOST = Pattern.compile("SlurmctldHost\\[(\\d+)]");
    private static final Pattern HOST_VALUE = Pattern.compile("([^(\\s]+)(?:\\(([^)]*)\\))?");

    public SlurmConfig {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static SlurmConfig parse(String output) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            Matcher m = LINE.matcher(line);
            // Section headers ("Cgroup Support Configuration:") and the ping lines have no " = ".
            if (line.contains("=") && m.matches()) {
                values.putIfAbsent(m.group(1), m.group(2).strip());
            }
        }
        return new SlurmConfig(values);
    }

    /** A controller from the SlurmctldHost list: index 0 is the primary, the others are backups. */
    public record ControllerHost(int index, String name, String address) {
        public String role() {
            return index == 0 ? "primary" : "backup" + (index > 1 ? " " + index : "");
        }

        /** Where to connect: the address in parentheses when given, else the name. */
        public String target() {
            return address.isEmpty() ? name : address;
        }
    }

    public List<ControllerHost> controllers() {
        List<ControllerHost> out = new ArrayList<>();
        values.forEach((k, v) -> {
            Matcher m = HOST.matcher(k);
            Matcher h = HOST_VALUE.matcher(v);
            if (m.matches() && h.lookingAt()) {
                out.add(new ControllerHost(Integer.parseInt(m.group(1)), h.group(1),
                        h.group(2) == null ? "" : h.group(2)));
            }
        });
        out.sort(java.util.Comparator.comparingInt(ControllerHost::index));
        return out;
    }

    public Optional<String> get(String key) {
        String v = values.get(key);
        return ScontrolRecords.isUnset(v) || "(null)".equals(v) ? Optional.empty() : Optional.ofNullable(v);
    }

    /** A "3 sec" / "120 sec" / "2000 usec" value in whole seconds, or {@code fallback}. */
    public long seconds(String key, long fallback) {
        return get(key).map(v -> {
            String[] p = v.split("\\s+");
            try {
                long n = Long.parseLong(p[0]);
                return p.length > 1 && p[1].equals("usec") ? n / 1_000_000 : n;
            } catch (NumberFormatException e) {
                return fallback;
            }
        }).orElse(fallback);
    }

    /** A port, or the first of a range ("6817-6820"). */
    public int port(String key, int fallback) {
        return get(key).map(v -> v.replaceFirst("^(\\d+).*$", "$1")).filter(v -> v.matches("\\d+"))
                .map(Integer::parseInt).orElse(fallback);
    }

    public String clusterName() {
        return get("ClusterName").orElse("");
    }

    public int slurmctldPort() {
        return port("SlurmctldPort", 6817);
    }

    public int slurmdPort() {
        return port("SlurmdPort", 6818);
    }

    public int accountingPort() {
        return port("AccountingStoragePort", 6819);
    }

    public Optional<String> accountingHost() {
        return get("AccountingStorageHost");
    }

    public long messageTimeout() {
        return seconds("MessageTimeout", 10);
    }

    public long slurmdTimeout() {
        return seconds("SlurmdTimeout", 300);
    }

    public String returnToService() {
        return get("ReturnToService").orElse("0");
    }

    public String stateSaveLocation() {
        return get("StateSaveLocation").orElse("");
    }

    public String accountingStorageType() {
        return get("AccountingStorageType").orElse("");
    }
}
