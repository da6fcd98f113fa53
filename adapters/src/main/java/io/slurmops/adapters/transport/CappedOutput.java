package io.slurmops.adapters.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects one output stream up to a byte limit and keeps draining (and counting) past it, so the
 * producer never blocks on a full pipe or SSH window while memory stays bounded.
 *
 * <p>Thread-safe: a pump thread writes while the caller may take a snapshot after a timeout.
 */
final class CappedOutput {

    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long dropped;

    CappedOutput(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.limit = limit;
    }

    /** Copies {@code in} until end of stream. An IOException means the stream was torn down. */
    void drainFrom(InputStream in) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = in.read(buffer)) != -1) {
            append(buffer, n);
        }
    }

    synchronized void append(byte[] bytes, int length) {
        int room = limit - kept.size();
        int keep = Math.max(0, Math.min(room, length));
        kept.write(bytes, 0, keep);
        dropped += length - keep;
    }

    synchronized long droppedBytes() {
        return dropped;
    }

    /** What arrived so far as UTF-8 text, with a marker line when bytes were dropped. */
    synchronized String text() {
        String text = kept.toString(StandardCharsets.UTF_8);
        if (dropped == 0) {
            return text;
        }
        return text + (text.endsWith("\n") ? "" : "\n") + "[output truncated: " + dropped + " more bytes not shown]\n";
    }
}
