package io.slurmops.commands.slurm;

import java.util.ArrayList;
import java.util.List;

/**
 * One association of {@code sacctmgr -P -n show assoc where users=USER format=}{@link #FORMAT}: which
 * account a user may charge, with which QOS, under which limits. Empty limit fields mean "no limit here"
 * (a parent association or the QOS may still set one).
 */
public record Association(String cluster, String account, String user, String partition, String maxJobs,
                          String maxSubmit, String maxWall, String maxTres, String grpTres, String grpJobs,
                          String grpTresMins, List<String> qos, String defaultQos) {

    public static final String FORMAT =
            "Cluster,Account,User,Partition,MaxJobs,MaxSubmit,MaxWall,MaxTRES,GrpTRES,GrpJobs,GrpTRESMins,QOS,DefaultQOS";
    private static final int FIELDS = FORMAT.split(",").length;

    public Association {
        qos = List.copyOf(qos);
    }

    public static List<String> argv(String user) {
        return List.of("sacctmgr", "-P", "-n", "show", "assoc", "where", "users=" + user, "format=" + FORMAT);
    }

    public static List<Association> parse(String output) {
        List<Association> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            if (f.length < FIELDS) {
                throw new IllegalArgumentException("unexpected sacctmgr assoc line: " + line);
            }
            List<String> qos = f[11].isBlank() ? List.of() : List.of(f[11].split(","));
            out.add(new Association(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], qos, f[12]));
        }
        return out;
    }
}
