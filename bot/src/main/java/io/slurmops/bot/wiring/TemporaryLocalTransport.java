package io.slurmops.bot.wiring;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.exec.Transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** TEMPORARY until the transport branch merges. */
final class TemporaryLocalTransport implements Transport {
    @Override
    public ExecResult exec(HostCommand cmd) {
        long t0 = System.nanoTime();
        try {
            Process p = new ProcessBuilder(cmd.argv()).start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(cmd.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return ExecResult.failed(cmd, FailureKind.TIMEOUT, "after " + cmd.timeout().toSeconds() + "s", "", "",
                        Duration.ofNanos(System.nanoTime() - t0));
            }
            return ExecResult.exited(cmd, p.exitValue(), out.join(), err.join(), Duration.ofNanos(System.nanoTime() - t0));
        } catch (IOException e) {
            return ExecResult.failed(cmd, FailureKind.ERROR, e.getMessage(), "", "", Duration.ofNanos(System.nanoTime() - t0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExecResult.failed(cmd, FailureKind.ERROR, "interrupted", "", "", Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
