package io.slurmops.commands.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Real output captured from the lab (Slurm 22.05.8), kept under test resources slurm-output/. */
public final class Captured {

    private Captured() {
    }

    public static String output(String name) {
        try (InputStream in = Captured.class.getResourceAsStream("/slurm-output/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no captured output " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
