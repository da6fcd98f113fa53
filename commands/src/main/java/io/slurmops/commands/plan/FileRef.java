package io.slurmops.commands.plan;

import java.util.Locale;
import java.util.Objects;

/**
 * A file whose bytes a step writes to standard input, named by where it is read and the SHA-256
 * it had when the plan was made. The plan (and so the audit and the chat) holds only this reference,
 * never the bytes: a munge key stays secret. The runner reads the file at execution time and refuses
 * to use it if its digest differs from the approved one.
 */
public record FileRef(String host, String path, String sha256) {

    public FileRef {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 digest: " + sha256);
        }
    }
}
