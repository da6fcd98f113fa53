package io.slurmops.bot.wiring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.reply.Reply;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hole 6 of issue 10: leaving the console printed H2 "Database is already closed" traces, because
 * the executors were stopped with shutdownNow and never awaited while the store closed under a poll.
 * Closing waits (bounded) for the work in flight, then closes the store: nothing is logged, nothing lost.
 */
class ShutdownTest {

    @TempDir
    Path dir;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLogs() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void release() {
        root.detachAppender(log);
    }

    private SlurmopsConfig config() throws Exception {
        return new ConfigLoader(Map.of()).parse("""
                site: {cluster: test, controller: ctl, serviceManager: [systemctl], nodeServiceManager: [systemctl]}
                store: {url: "jdbc:h2:file:%s/store"}
                access:
                  users: {"console:alice": operator, "console:bob": approver}
                alerts: {enabled: true, interval: 1h, nodesInterval: 1h}
                """.formatted(dir), "test");
    }

    /** Blocks the first command of the named thread for a while, interrupts or not. */
    private static FakeCluster slowOn(String threadName, CountDownLatch entered, long millis) {
        AtomicLong once = new AtomicLong();
        return FakeCluster.withNodes(2).hook(cmd -> {
            if (Thread.currentThread().getName().startsWith(threadName) && once.getAndIncrement() == 0) {
                entered.countDown();
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
            return Optional.empty();
        });
    }

    @Test
    void closingWaitsForAPollInFlightAndLogsNothing() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        Application app = Application.startLongRunning(config(), slowOn("alerts", entered, 800),
                Clock.systemUTC());
        app.startAlerts("console", "console", new Quiet());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        app.close();
        assertThat(Thread.getAllStackTraces().keySet()).as("no alert poll outlives close()")
                .noneMatch(t -> t.getName().startsWith("alerts") && t.isAlive() && !before.contains(t));
        // (The fake cluster cannot answer every probe: those say "probe … failed" as they would anyway.)
        assertThat(log.list).as("no trace of a store closed under a poll")
                .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .noneMatch(e -> text(e).contains("closed") || text(e).contains("Interrupted"));
    }

    /**
     * With {@code backups.dailyAt} set, close() used to sit out the whole 30 s bound: a scheduled pool
     * runs its delayed tasks after shutdown(), so the wait was for tomorrow's backup.
     */
    @Test
    void closingWithADailyBackupScheduledIsPrompt() throws Exception {
        String later = java.time.LocalTime.now(java.time.ZoneOffset.UTC).plusHours(6)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
        SlurmopsConfig config = new ConfigLoader(Map.of()).parse("""
                site: {cluster: test, controller: ctl, serviceManager: [systemctl], nodeServiceManager: [systemctl]}
                store: {url: "jdbc:h2:file:%s/store"}
                alerts: {enabled: true, interval: 1h, nodesInterval: 1h}
                backups: {dir: %s/backups, dailyAt: "%s"}
                """.formatted(dir, dir, later), "test");
        Application app = Application.startLongRunning(config, FakeCluster.withNodes(2), Clock.systemUTC());
        app.startAlerts("console", "console", new Quiet());
        assertThat(Thread.getAllStackTraces().keySet()).as("the daily backup is scheduled")
                .anyMatch(t -> t.getName().equals("daily-backup"));
        long started = System.nanoTime();
        app.close();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(tookMillis).as("close() with a daily backup due in hours (was 30 s)").isLessThan(5_000);
    }

    private static String text(ILoggingEvent e) {
        String t = e.getFormattedMessage();
        for (var p = e.getThrowableProxy(); p != null; p = p.getCause()) {
            t += " " + p.getClassName() + ": " + p.getMessage();
        }
        return t;
    }

    private static final class Quiet implements ChatChannel {
        private final AtomicLong ids = new AtomicLong();

        @Override
        public String post(Reply reply) {
            return "m" + ids.incrementAndGet();
        }
    }
}
